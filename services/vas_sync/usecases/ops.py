"""The operations views and actions: VAS sync's status, reconciliation now, earlier reports."""

from datetime import UTC, date, datetime
from typing import Any

from services.vas_sync.adapters import ops_repo
from services.vas_sync.domain.days import upcoming_days
from services.vas_sync.feed.follower import FeedFollower
from services.vas_sync.state import VasSyncApp
from shared.messaging.depths import queue_depths


async def status(app: VasSyncApp) -> dict[str, Any]:
    """Is VAS reachable (circuit), how far behind the change feed is, what waits, last reconciliation."""
    breaker = app.breaker
    try:
        pending: dict[str, Any] = await queue_depths(app.settings.amqp_url, app.consumer.topology)
    except Exception as exc:  # noqa: BLE001 - the status page must answer even when the broker does not
        pending = {"error": type(exc).__name__}
    last = await ops_repo.reports(app.engine, limit=1)
    return {
        "circuit": {
            "state": breaker.state,
            "consecutive_failures": breaker.failures,
            "opened_at": datetime.fromtimestamp(breaker.opened_at, UTC).isoformat() if breaker.opened_at else None,
            "probe_in_s": round(breaker.remaining_s(), 2),
            "last_error": breaker.last_error or None,
        },
        "feed": _replica(app),
        "pending": pending,
        "appointments": await ops_repo.outcome_counts(app.engine),
        "last_reconciliation": last[0] if last else None,
    }


async def reconcile_now(app: VasSyncApp, *, clinic: str | None, day: date | None) -> dict[str, Any]:
    """Raises `ReconciliationRunning` while another run is under way."""
    days = [day] if day else upcoming_days(app.settings.reconcile_days)
    return ops_repo.report_view(await app.reconciler.run(trigger="manual", clinic=clinic, days=days))


async def reports(app: VasSyncApp, *, limit: int) -> list[dict[str, Any]]:
    return await ops_repo.reports(app.engine, limit=limit)


def _replica(app: VasSyncApp) -> dict[str, Any]:
    """How booking's free-time replica is kept: VAS's change feed, or polling its free times."""
    replica = app.replica
    last_poll_at = datetime.fromtimestamp(replica.last_poll_at, UTC).isoformat() if replica.last_poll_at else None
    if isinstance(replica, FeedFollower):
        return {
            "mode": "change-feed",
            "cursor": replica.after,
            "caught_up": replica.caught_up,
            "lag_s": round(replica.lag_s, 3),
            "last_poll_at": last_poll_at,
            "last_error": replica.last_error,
        }
    return {
        "mode": "polling",
        "units": len(replica.units),
        "oldest_answer_age_s": round(replica.oldest_age_s(), 3),
        "last_poll_at": last_poll_at,
        "last_error": replica.last_error,
    }
