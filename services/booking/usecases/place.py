"""Placing a booking: once per (owner, Idempotency-Key), asking eligibility where the time type
needs it, and — with `Prefer: wait` — answering once VAS has answered."""

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from services.booking.adapters import appointment_repo, booking_reads
from services.booking.adapters.slot_repo import person_lock_key
from services.booking.domain.eligibility import Decision, EligibilityQuestion, refused
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.domain.slot_hints import SlotHint
from services.booking.state import BookingApp
from services.booking.usecases.book import NeedsEligibility, Render, Request, SameKeyRace, book, check_rules
from services.booking.usecases.commands import Book
from shared.direct import connection, transaction
from shared.messaging.tables import QUIET_OUTBOX


async def place(
    app: BookingApp, command: Book, *, owner: str, key: str, fingerprint: str, render: Render
) -> tuple[int, dict[str, Any]]:
    """Book once per (owner, key): a replay answers what the first request answered.

    The replay lookup runs under the person's lock, in the booking's own transaction, so a retry
    racing its own first attempt waits for it and then finds its answer. A refusal decided after a
    lookup that found nothing is final: under the lock (a first attempt with the same key takes the
    same lock, so none can have committed meanwhile), or on a read made after eligibility answered.
    Any other refusal is answered by looking once more (a first attempt may commit in between)."""
    request = Request(owner=owner, key=key, fingerprint=fingerprint)
    try:
        return await _place(app, command, request, render)
    except _Final as decided:
        raise decided.refusal from None
    except BookingError as refusal:
        if refusal.error is BookingCode.IDEMPOTENCY_KEY_REUSED:
            raise
        previous = await _replay(app, request)
        if previous is None:
            raise
        return previous


class _Final(Exception):
    """A refusal decided after the stored-answer lookup found nothing, with nothing asked since."""

    def __init__(self, refusal: BookingError) -> None:
        super().__init__(refusal.error)
        self.refusal = refusal


async def _replay(app: BookingApp, request: Request) -> tuple[int, dict[str, Any]] | None:
    """The answer stored for the request's key, if one has committed (outside any transaction)."""
    async with connection(app.engine) as db:
        stored = await booking_reads.stored_answer(db, owner=request.owner, key=request.key)
    return None if stored is None else stored.replay(request.fingerprint)


def _question(command: Book, about: SlotHint) -> EligibilityQuestion:
    return EligibilityQuestion(
        subject=command.subject,
        time_type_code=about.time_type_code,
        clinic_hsa_id=about.clinic_hsa_id,
        start=about.start,
        channel=command.who.channel,
        actor_id=command.who.actor_id,
        invitation_code=command.invitation_code,
        staff_attested=command.control_questions_answered,
        self_declared_group=command.self_declared_group,
        appointment_id=command.appointment_id,
    )


async def _place(app: BookingApp, command: Book, request: Request, render: Render) -> tuple[int, dict[str, Any]]:
    decision: Decision | None = None
    asked: SlotHint | None = None  # the slot as `decision` was asked about it
    hint = app.slot_hints.restricted(command.slot_id)
    if hint is not None:
        # A time a search listed as restricted: ask first (domain/slot_hints.py). A yes is used by
        # the booking below if the slot still matches; a no (or no answer) is checked against the
        # slot as it stands, with the stored answer, in one round trip.
        decision, no = await _ask_first(app, command, hint)
        if no is None:
            asked = hint
        else:
            replayed = await _refusal_stands(app, command, request, hint, decision, no)
            if replayed is not None:
                return replayed
            decision = None
    for _ in range(2):
        try:
            # The hot path, four round trips on asyncpg directly (shared/direct.py): BEGIN with the
            # person's lock; the stored answer with the rules' context; one statement for every
            # write; COMMIT. The outbox row raises no NOTIFY: this process's relay is woken after
            # the commit instead (other replicas' relays find it by polling).
            lock = person_lock_key(command.subject)
            async with transaction(app.engine, advisory_lock=lock, settings=(QUIET_OUTBOX,)) as db:
                reads = await booking_reads.read(
                    db, owner=request.owner, key=request.key, slot_id=command.slot_id, subject=command.subject
                )
                if reads.stored is not None:
                    return reads.stored.replay(request.fingerprint)
                if asked is not None and reads.context is not None and not asked.matches(reads.context):
                    decision = asked = None  # asked about the slot as it was: ask again
                try:
                    body = await book(
                        db=db,
                        ctx=reads.context,
                        command=command,
                        request=request,
                        render=render,
                        now=app.clock.now(),
                        namespace=app.settings.namespace,
                        guide_secret=app.settings.guide_secret,
                        region_phone=app.settings.region_phone,
                        decision=decision,
                        web_limit=app.settings.max_live_web_bookings,
                    )
                except BookingError as refusal:
                    raise _Final(refusal) from None
            app.outbox_committed()
            return 201, body
        except NeedsEligibility as need:
            asked = SlotHint(need.ctx.clinic_hsa_id, need.ctx.time_type_code, need.ctx.start)
            decision = await app.eligibility.decide(_question(command, asked))
            if not decision.eligible:
                # Every other check passed a moment ago, under the lock: the refusal needs no second
                # transaction (a first attempt with the same key that has since committed is still
                # replayed, by `place`).
                raise refused(decision) from None
        except SameKeyRace:
            previous = await _replay(app, request)
            if previous is None:  # pragma: no cover - the racing row committed before we saw the conflict
                raise BookingError(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED) from None
            return previous
    raise BookingError(BookingCode.ELIGIBILITY_UNAVAILABLE)  # pragma: no cover - decide() answered without deciding


async def _ask_first(app: BookingApp, command: Book, hint: SlotHint) -> tuple[Decision | None, BookingError | None]:
    """Eligibility's decision on the hinted slot, and the refusal it makes (None for a yes); no
    decision, with its refusal, when eligibility did not answer."""
    try:
        decision = await app.eligibility.decide(_question(command, hint))
    except BookingError as no_answer:
        return None, no_answer
    return decision, None if decision.eligible else refused(decision)


async def _refusal_stands(
    app: BookingApp,
    command: Book,
    request: Request,
    hint: SlotHint,
    decision: Decision | None,
    refusal: BookingError,
) -> tuple[int, dict[str, Any]] | None:
    """Eligibility, asked first, said no (`decision`) or did not answer (None): read the stored
    answer and the slot, without the lock. A stored answer is replayed; on a slot that still
    matches the hint the rules answer in their order, raising an earlier rule's refusal, else
    `refusal`. None when the hint no longer holds: the caller books the usual way."""
    async with connection(app.engine) as db:
        reads = await booking_reads.read(
            db, owner=request.owner, key=request.key, slot_id=command.slot_id, subject=command.subject
        )
    if reads.stored is not None:
        return reads.stored.replay(request.fingerprint)
    ctx = reads.context
    if ctx is None or not ctx.restricted or not hint.matches(ctx):
        return None
    try:
        check_rules(
            ctx,
            command=command,
            now=app.clock.now(),
            guide_secret=app.settings.guide_secret,
            region_phone=app.settings.region_phone,
            decision=decision,
            web_limit=app.settings.max_live_web_bookings,
        )
    except NeedsEligibility:
        raise _Final(refusal) from None
    except BookingError as earlier:
        raise _Final(earlier) from None
    raise _Final(refusal)  # pragma: no cover - a restricted time does not pass without a yes


async def with_wait(
    app: BookingApp,
    appointment_id: uuid.UUID,
    wait_s: float | None,
    change: Callable[[], Awaitable[tuple[int, dict[str, Any]]]],
    render: Render,
) -> tuple[int, dict[str, Any], bool]:
    """Run `change`; with `Prefer: wait`, hold the answer until VAS has answered (or time is up)."""
    if wait_s is None:
        status, body = await change()
        return status, body, False
    async with app.waiter.expecting(appointment_id) as changed:
        status, body = await change()
        if str(body.get("id")) == str(appointment_id):
            return status, await _settled(app, appointment_id, wait_s, changed, body, render), True
    # A replay answers with the first request's appointment: that one, as it stands now.
    first = uuid.UUID(str(body["id"]))
    async with app.waiter.expecting(first) as changed:
        async with app.sessionmaker() as session:
            row = await appointment_repo.get(session, first)
        current = render(row) if row is not None else body
        return status, await _settled(app, first, wait_s, changed, current, render), True


async def _settled(
    app: BookingApp,
    appointment_id: uuid.UUID,
    wait_s: float,
    changed: asyncio.Event,
    body: dict[str, Any],
    render: Render,
) -> dict[str, Any]:
    """`body`, or the appointment as it stands once VAS has answered (or `wait_s` has passed)."""
    if body.get("status") != "pending":
        return body
    try:
        async with asyncio.timeout(wait_s):
            await changed.wait()
    except TimeoutError:
        pass
    async with app.sessionmaker() as session:
        row = await appointment_repo.get(session, appointment_id)
    return render(row) if row is not None else body
