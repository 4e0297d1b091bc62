"""Plumbing every Tidbok service needs. No business rules live here."""
