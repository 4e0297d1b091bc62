"""Scheduler metrics. Labels are channel, kind and outcome only (never anything about a person)."""

from prometheus_client import Counter, Gauge, Histogram

DISPATCHED = Counter(
    "tidbok_notifications_dispatched_total",
    "Claimed notifications by what became of them",
    ["channel", "kind", "status"],
)
DUE_TO_SENT = Histogram(
    "tidbok_notification_due_to_sent_seconds",
    "From a notification's due time to the gateway's answer",
    ["channel"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600),
)
OVERDUE = Gauge(
    "tidbok_notifications_overdue_seconds",
    "How long the oldest notification that is due has waited to be sent (0: none waits)",
)
