"""The stand-in's memory: messages "sent", idempotency keys seen, and the fault switch.

In memory on purpose: it is a development stand-in; restarting it forgets everything.
"""

import itertools
import random
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

_rng = random.Random()  # noqa: S311 - fault dice, not security


@dataclass(frozen=True)
class Sms:
    id: str
    sender: str
    to: str
    text: str
    sent_at: str
    parts: int
    idempotency_key: str | None

    def view(self) -> dict[str, Any]:
        data = asdict(self)
        data["from"] = data.pop("sender")
        return data


@dataclass
class Faults:
    """`fail_next` requests fail, then `rate` of the rest; `status` is what a failure answers."""

    fail_next: int = 0
    rate: float = 0.0
    status: int = 503


@dataclass
class Stats:
    requests: int = 0
    accepted: int = 0
    duplicates: int = 0
    failed: int = 0


@dataclass
class Store:
    keep: int = 200_000
    messages: "OrderedDict[str, Sms]" = field(default_factory=OrderedDict)
    by_key: dict[str, str] = field(default_factory=dict)
    faults: Faults = field(default_factory=Faults)
    stats: Stats = field(default_factory=Stats)
    _ids: "itertools.count[int]" = field(default_factory=lambda: itertools.count(1))

    def should_fail(self) -> bool:
        if self.faults.fail_next > 0:
            self.faults.fail_next -= 1
            return True
        return self.faults.rate > 0 and _rng.random() < self.faults.rate

    def add(self, *, sender: str, to: str, text: str, idempotency_key: str | None) -> tuple[Sms, bool]:
        """The message and whether it is new (False: the key was seen, the first one is returned)."""
        if idempotency_key and (known := self.by_key.get(idempotency_key)) and known in self.messages:
            self.stats.duplicates += 1
            return self.messages[known], False
        sms = Sms(
            id=f"s{next(self._ids):012d}",
            sender=sender,
            to=to,
            text=text,
            sent_at=datetime.now(UTC).isoformat(),
            parts=1 + max(len(text) - 1, 0) // 153,
            idempotency_key=idempotency_key,
        )
        self.messages[sms.id] = sms
        if idempotency_key:
            self.by_key[idempotency_key] = sms.id
        while len(self.messages) > self.keep:
            _, old = self.messages.popitem(last=False)
            if old.idempotency_key:
                self.by_key.pop(old.idempotency_key, None)
        self.stats.accepted += 1
        return sms, True

    def clear(self) -> None:
        self.messages.clear()
        self.by_key.clear()
        self.stats = Stats()
