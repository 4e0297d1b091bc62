"""One appointment event through VAS: short in-process retries (tenacity) for blips; when VAS
stays unavailable the message goes to the delayed-retry tiers (TransientError), honouring its
Retry-After; after a call that may have been applied, the next try looks up before it acts."""

from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from services.vas_sync.adapters import sync_repo
from services.vas_sync.adapters.guarded import CircuitOpen
from services.vas_sync.domain.vas_port import VasAnswerInvalid, VasOutcomeUnknown, VasSchedule, VasUnavailable
from services.vas_sync.domain.wanted import Wanted
from services.vas_sync.usecases.apply import Emit, apply
from services.vas_sync.usecases.ports import SyncRows, Tx
from shared.messaging.errors import TransientError


def _blip(exc: BaseException) -> bool:
    """Worth another try at once: VAS failed without asking us to wait, and the circuit is closed."""
    return isinstance(exc, VasUnavailable) and not isinstance(exc, CircuitOpen) and exc.retry_after_s is None


async def sync(
    session: Tx,
    vas: VasSchedule,
    wanted: Wanted,
    *,
    may_be_repeat: bool,
    emit: Emit,
    attempts: int = 3,
    rows: SyncRows = sync_repo,
) -> None:
    look_first = may_be_repeat
    try:
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(attempts),
            wait=wait_exponential_jitter(multiplier=0.05, max=0.5),
            retry=retry_if_exception(_blip),
            reraise=True,
        ):
            with attempt:
                try:
                    await apply(session, vas, wanted, look_first=look_first, emit=emit, rows=rows)
                except VasOutcomeUnknown:
                    look_first = True
                    raise
    except VasAnswerInvalid:
        raise  # no outage: tried again a few times, then parked with the reason
    except VasUnavailable as exc:
        raise TransientError(f"VAS unavailable: {exc}", retry_after_s=exc.retry_after_s) from None
