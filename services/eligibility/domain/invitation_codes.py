"""Invitation codes: random, unguessable, easy to read aloud and type from a letter."""

import secrets

# No 0/O, 1/I/L, 5/S, 8/B: a code read off paper is typed right.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679"
LENGTH = 12  # 26^12 ≈ 9.5e16 codes


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def printed(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
