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


# Every (year, month, day, serial) a fresh personnummer may take, numbered; a run walks them from a
# random start, so no two residents of one run share one (random draws did: with thousands of
# residents booking at the same test clinic, one in a few runs met an earlier test's resident).
_YEARS, _MONTHS, _DAYS, _SERIALS = range(1930, 2006), 12, 28, 999
_SPACE = len(_YEARS) * _MONTHS * _DAYS * _SERIALS
_START = random.randrange(_SPACE)


def personnummer(*, year: int | None = None, month: int = 0, day: int = 0) -> str:
    """A fresh, valid 12-digit personnummer, never the same twice in a run; born in `year`
    (1930–2005 otherwise), on `month` and `day` if given."""
    n = (_START + next(_counter) * 7919) % _SPACE  # 7919 is prime to the space: every number once
    n, serial = divmod(n, _SERIALS)
    n, d = divmod(n, _DAYS)
    n, m = divmod(n, _MONTHS)
    y = year or _YEARS[n % len(_YEARS)]
    m, d = month or m + 1, day or d + 1
    serial_text = f"{serial + 1:03d}"  # serial 000 is never issued
    nine = f"{y % 100:02d}{m:02d}{d:02d}{serial_text}"
    value = f"{y:04d}{m:02d}{d:02d}{serial_text}{luhn_digit(nine)}"
    assert is_valid(value), value
    return value
