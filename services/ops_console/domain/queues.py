"""Queues as operations staff read them: each consumer queue with its retry tiers and parking
queue, and whether it is stuck (messages waiting with no progress, or nobody consuming).

Queue names follow `shared.messaging.topology`: ``{ns}.{service}.{consumer}``, its tiers
``….retry.{N}s`` and ``….parking``."""

import re
from dataclasses import dataclass, field

_TIER = re.compile(r"^(?P<queue>.+)\.retry\.(?P<delay>\d+)s$")


@dataclass(frozen=True)
class QueueStats:
    """One queue as the broker reports it (rates per second, over the broker's last sample)."""

    name: str
    ready: int
    unacked: int
    consumers: int
    publish_rate: float = 0.0
    deliver_rate: float = 0.0
    ack_rate: float = 0.0

    @property
    def messages(self) -> int:
        return self.ready + self.unacked


@dataclass(frozen=True)
class QueueFamily:
    queue: QueueStats
    tiers: list[QueueStats] = field(default_factory=list)
    parking: QueueStats | None = None
    stuck: str | None = None  # why, in a few words; None when messages move

    @property
    def name(self) -> str:
        return self.queue.name

    @property
    def service(self) -> str:
        parts = self.name.split(".")
        return parts[1] if len(parts) >= 3 else ""

    @property
    def in_retry(self) -> int:
        return sum(t.messages for t in self.tiers)

    @property
    def parked(self) -> int:
        return self.parking.messages if self.parking else 0

    @property
    def drain_s(self) -> float | None:
        """Time to empty the queue at the current rate (None: not draining)."""
        net = self.queue.ack_rate - self.queue.publish_rate
        if self.queue.messages == 0:
            return 0.0
        return self.queue.messages / net if net > 0 else None


def families(stats: list[QueueStats], namespace: str) -> list[QueueFamily]:
    """Group the namespace's queues by consumer queue (queues of other namespaces left out)."""
    mine = {s.name: s for s in stats if s.name.startswith(namespace + ".")}
    tiers: dict[str, list[QueueStats]] = {}
    parking: dict[str, QueueStats] = {}
    heads: list[QueueStats] = []
    for name, s in mine.items():
        tier = _TIER.match(name)
        if tier:
            tiers.setdefault(tier.group("queue"), []).append(s)
        elif name.endswith(".parking"):
            parking[name.removesuffix(".parking")] = s
        else:
            heads.append(s)
    return [
        QueueFamily(
            queue=head,
            tiers=sorted(tiers.get(head.name, []), key=_delay),
            parking=parking.get(head.name),
        )
        for head in sorted(heads, key=lambda s: s.name)
    ]


def _delay(s: QueueStats) -> int:
    found = _TIER.match(s.name)
    return int(found.group("delay")) if found else 0


class StuckWatch:
    """Remembers, per queue, since when it has held messages without any being taken; a queue is
    stuck when that lasts `after_s`, or at once when messages wait and nobody consumes."""

    def __init__(self, after_s: float) -> None:
        self.after_s = after_s
        self._waiting_since: dict[str, float] = {}

    def judge(self, family: QueueFamily, now: float) -> QueueFamily:
        q = family.queue
        if q.messages == 0 or q.deliver_rate > 0 or q.ack_rate > 0:
            self._waiting_since.pop(q.name, None)
        else:
            self._waiting_since.setdefault(q.name, now)
        if q.ready > 0 and q.consumers == 0:
            why = "no consumer / ingen konsument"
        elif now - self._waiting_since.get(q.name, now) >= self.after_s:
            minutes = round((now - self._waiting_since[q.name]) / 60)
            why = f"no progress for {minutes} min / ingen rörelse på {minutes} min"
        else:
            why = None
        return QueueFamily(queue=q, tiers=family.tiers, parking=family.parking, stuck=why)
