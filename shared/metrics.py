"""Prometheus metrics of the messaging toolkit. Labels never carry personal data."""

from prometheus_client import Counter, Gauge, Histogram

PUBLISHED = Counter("tidbok_messages_published_total", "Messages published with a broker confirm", ["message_type"])
PUBLISH_FAILED = Counter(
    "tidbok_publish_failures_total", "Publishes that were returned, nacked or timed out", ["reason"]
)
CONSUMED = Counter("tidbok_messages_consumed_total", "Messages handled by a consumer", ["consumer", "outcome"])
RETRIED = Counter("tidbok_messages_retried_total", "Messages sent to a delayed retry tier", ["consumer", "tier"])
PARKED = Counter("tidbok_messages_parked_total", "Messages moved to a parking queue", ["consumer", "reason"])
HANDLER_LATENCY = Histogram(
    "tidbok_handler_latency_seconds",
    "Time from delivery to commit in a consumer",
    ["consumer"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
OUTBOX_BACKLOG = Gauge("tidbok_outbox_backlog", "Outbox rows not yet published")
OUTBOX_OLDEST_AGE = Gauge("tidbok_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox row")
CONSUMERS_ATTACHED = Gauge("tidbok_consumers_attached", "1 when the queue has this process's consumer", ["queue"])
