"""Development identity provider: a stand-in for the 1177/BankID login that mints RS256 tokens.

It runs only under `make run`; services never call it except to fetch its JWKS.
"""
