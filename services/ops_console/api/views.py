"""The console's figures as plain dicts: the same for the JSON API, the pages and the CLI."""

from typing import Any

from services.ops_console.domain.queues import QueueFamily, QueueStats


def queue_view(s: QueueStats) -> dict[str, Any]:
    return {
        "name": s.name,
        "ready": s.ready,
        "unacked": s.unacked,
        "consumers": s.consumers,
        "publish_rate": round(s.publish_rate, 2),
        "deliver_rate": round(s.deliver_rate, 2),
        "ack_rate": round(s.ack_rate, 2),
    }


def family_view(f: QueueFamily) -> dict[str, Any]:
    return {
        **queue_view(f.queue),
        "service": f.service,
        "tiers": [queue_view(t) for t in f.tiers],
        "in_retry": f.in_retry,
        "parked": f.parked,
        "parking": f.parking.name if f.parking else None,
        "drain_s": None if f.drain_s is None else round(f.drain_s, 1),
        "stuck": f.stuck,
    }


# The path of a booking, hop by hop: (label, where its figures come from).
FLOW = (
    ("Portal → booking", "http", "booking"),
    ("booking outbox", "outbox", "booking"),
    ("broker → VAS sync", "queue", "vas_sync.appointments"),
    ("VAS sync → VAS", "vas", "vas_sync"),
    ("VAS → booking (results)", "queue", "booking.vas-results"),
    ("change feed → booking", "queue", "booking.schedule"),
    ("VAS sync outbox", "outbox", "vas_sync"),
    ("booking → notifications", "queue", "notifications.appointments"),
)


def flow_view(
    families: list[QueueFamily], services: list[dict[str, Any]], namespace: str, vas: dict[str, Any] | None
) -> list[dict[str, Any]]:
    by_queue = {f.name.removeprefix(namespace + "."): f for f in families}
    by_service = {s["name"]: s for s in services}
    hops = []
    for label, kind, source in FLOW:
        hop: dict[str, Any] = {"label": label, "kind": kind, "source": source, "backlog": None, "rate": None}
        hop["oldest_s"] = None
        hop["problem"] = None
        if kind == "queue":
            family = by_queue.get(source)
            if family is None:
                hop["problem"] = "no such queue / kön saknas"
            else:
                hop["backlog"] = family.queue.messages + family.in_retry
                hop["rate"] = round(family.queue.ack_rate, 2)
                hop["parked"] = family.parked
                hop["problem"] = family.stuck or (f"{family.parked} parked / parkerade" if family.parked else None)
        elif kind in ("outbox", "http"):
            service = by_service.get(source)
            metrics = (service or {}).get("metrics") or {}
            if service is None or not service.get("ready"):
                hop["problem"] = "not ready / inte redo"
            if kind == "outbox":
                hop["backlog"] = metrics.get("tidbok_outbox_backlog")
                hop["oldest_s"] = metrics.get("tidbok_outbox_oldest_age_seconds")
                if (hop["oldest_s"] or 0) > 60:
                    hop["problem"] = "outbox older than 60 s / utkorgen äldre än 60 s"
        elif kind == "vas":
            if vas is None:
                hop["problem"] = "no status / ingen status"
            else:
                circuit = vas.get("circuit") or {}
                hop["circuit"] = circuit.get("state") if isinstance(circuit, dict) else circuit
                if hop["circuit"] not in (None, "closed"):
                    hop["problem"] = f"circuit {hop['circuit']} / kretsbrytaren {hop['circuit']}"
        hops.append(hop)
    return hops
