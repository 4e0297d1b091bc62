"""Valid made-up personnummer for tests (the checksum is the personnummer package's rule)."""

import itertools
import random

from shared.identity import is_valid

_counter = itertools.count()


def luhn_digit(nine: str) -> int:
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


def personnummer(*, year: int | None = None, month: int = 0, day: int = 0) -> str:
    """A fresh, valid 12-digit personnummer; born in `year` (random 1930–2005 otherwise)."""
    rng = random.Random(next(_counter) * 7919 + random.randrange(1_000_000))
    y = year or rng.randint(1930, 2005)
    m = month or rng.randint(1, 12)
    d = day or rng.randint(1, 28)
    serial = f"{rng.randint(1, 999):03d}"  # serial 000 is never issued
    nine = f"{y % 100:02d}{m:02d}{d:02d}{serial}"
    value = f"{y:04d}{m:02d}{d:02d}{serial}{luhn_digit(nine)}"
    assert is_valid(value), value
    return value
