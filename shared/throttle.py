"""At most once per key and interval, in this process (a bounded map: the oldest keys go first).
Keys are hashed, so a personnummer used as key is not kept in memory as such."""

import hashlib
import time
from collections import OrderedDict


class Throttle:
    def __init__(self, *, interval_s: float, max_keys: int = 100_000) -> None:
        self.interval_s = interval_s
        self.max_keys = max_keys
        self._last: OrderedDict[bytes, float] = OrderedDict()

    def due(self, key: str, now: float | None = None) -> bool:
        """True (and remembered) when `key` was not let through within the interval."""
        now = time.monotonic() if now is None else now
        digest = hashlib.blake2b(key.encode(), digest_size=16).digest()
        last = self._last.get(digest)
        if last is not None and now - last < self.interval_s:
            return False
        self._last[digest] = now
        self._last.move_to_end(digest)
        while len(self._last) > self.max_keys:
            self._last.popitem(last=False)
        return True
