"""Typed clients of Tidbok's APIs, generated from their OpenAPI documents (deploy/client.py)."""
