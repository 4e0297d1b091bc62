"""Reconciliation: compare per clinic and day, then repair each finding under the appointment's
lock after looking at VAS again. Every repair is reported (log, metric, stored report)."""

import uuid
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import structlog
from prometheus_client import Counter
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from services.vas_sync.adapters import sync_repo
from services.vas_sync.adapters.tables import reconciliations, sync_appointments
from services.vas_sync.domain.found import this_bookings
from services.vas_sync.domain.sync_state import SyncState
from services.vas_sync.domain.vas_port import OurBooking, VasAppointment, VasRefused, VasSchedule
from services.vas_sync.domain.wanted import ALREADY_GONE
from services.vas_sync.reconcile.compare import Finding, compare
from services.vas_sync.usecases.resident_check import check_resident
from shared.contracts.common import Actor
from shared.contracts.schedule import VasAppointmentCancelled, VasAppointmentMoved
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.outbox import add_to_outbox

log = structlog.get_logger(__name__)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
RECONCILE_FIXED = Counter("tidbok_reconcile_fixed_total", "Drift repaired by reconciliation", ["kind"])
# pg advisory lock key: "reconcile" (one run at a time in VAS sync's database).
RECONCILE_LOCK = 0x7265636F6E63


class ReconciliationRunning(Exception):
    def __init__(self, running_id: int | None) -> None:
        super().__init__(f"reconciliation {running_id} is running")
        self.running_id = running_id


class Reconciler:
    def __init__(self, *, engine: AsyncEngine, vas: VasSchedule, namespace: str) -> None:
        self.engine = engine
        self.vas = vas
        self.namespace = namespace

    async def run(self, *, trigger: str, clinic: str | None = None, days: list[date]) -> dict[str, Any]:
        """One run at a time across every replica (an advisory lock held for the run); while one
        runs, another raises `ReconciliationRunning` with the running one's id."""
        async with self.engine.connect() as held:
            await held.execution_options(isolation_level="AUTOCOMMIT")
            if not await held.scalar(sa.select(sa.func.pg_try_advisory_lock(RECONCILE_LOCK))):
                running = await held.scalar(
                    sa.select(reconciliations.c.id)
                    .where(reconciliations.c.finished_at.is_(None))
                    .order_by(reconciliations.c.id.desc())
                    .limit(1)
                )
                raise ReconciliationRunning(running)
            try:
                # A run whose process died never finished: it is not running any more.
                await held.execute(
                    reconciliations.update()
                    .where(reconciliations.c.finished_at.is_(None))
                    .values(finished_at=sa.func.now(), error="interrupted: the process stopped during the run")
                )
                return await self._run(trigger=trigger, clinic=clinic, days=days)
            finally:
                await held.scalar(sa.select(sa.func.pg_advisory_unlock(RECONCILE_LOCK)))

    async def _run(self, *, trigger: str, clinic: str | None, days: list[date]) -> dict[str, Any]:
        started = datetime.now(UTC)
        scope = {"clinic": clinic, "days": [d.isoformat() for d in days]}
        async with self.engine.begin() as conn:
            run_id = await conn.scalar(
                reconciliations.insert()
                .values(trigger=trigger, started_at=started, scope=scope)
                .returning(reconciliations.c.id)
            )
        fixed: list[dict[str, Any]] = []
        checked, error = 0, None
        try:
            for clinic_id in [clinic.upper()] if clinic else await self._clinics(days):
                for day in days:
                    checked_here, fixed_here = await self._clinic_day(clinic_id, day)
                    checked += checked_here
                    fixed += fixed_here
        except Exception as exc:  # noqa: BLE001 - a failed run is reported, not raised
            error = f"{type(exc).__name__}: {exc}"
            log.warning("reconciliation_failed", error=error)
        outcome = {"finished_at": datetime.now(UTC), "checked": checked, "fixed": fixed, "error": error}
        async with self.engine.begin() as conn:
            await conn.execute(reconciliations.update().where(reconciliations.c.id == run_id).values(**outcome))
        log.info("reconciliation_done", trigger=trigger, checked=checked, fixed=len(fixed), error=error)
        return {"id": run_id, "trigger": trigger, "started_at": started, "scope": scope, **outcome}

    async def _clinics(self, days: list[date]) -> list[str]:
        start, end = _bounds(min(days))[0], _bounds(max(days))[1]
        query = sa.select(sa.distinct(sync_appointments.c.clinic_hsa_id)).where(
            sync_appointments.c.start_at >= start, sync_appointments.c.start_at < end
        )
        async with self.engine.connect() as conn:
            return sorted(str(c) for c in (await conn.scalars(query)).all() if c)

    async def _clinic_day(self, clinic: str, day: date) -> tuple[int, list[dict[str, Any]]]:
        start, end = _bounds(day)
        async with self.engine.connect() as conn:
            ours = await sync_repo.in_clinic_day(conn, clinic, start, end)
        theirs = await self.vas.in_clinic(clinic, start=start, end=end)
        if theirs is None:
            # A protocol that cannot list a clinic's day (crm:scheduling): each booking of ours is
            # looked for in its resident's schedule instead.
            theirs = [a for row in ours for a in await self._find(row)]
        fixed = []
        if not self.vas.keeps_reference:
            # Nor does it tell of bookings made elsewhere: the residents of the day are asked.
            found = await self._found_elsewhere(clinic, sorted({row.subject for row in ours if row.subject}))
            if found:
                RECONCILE_FIXED.labels("found_elsewhere").inc(found)
                fixed.append({"kind": "found_elsewhere", "action": f"{found} published", "clinic": clinic,
                              "day": day.isoformat()})  # fmt: skip
        for finding in compare(ours, theirs):
            action = await self._repair(finding)
            if action is not None:
                RECONCILE_FIXED.labels(finding.kind).inc()
                entry = {**asdict(finding), "action": action, "clinic": clinic, "day": day.isoformat()}
                log.warning("reconciliation_fixed", **entry)
                fixed.append(entry)
        return len(ours) + len(theirs), fixed

    async def _repair(self, finding: Finding) -> str | None:
        """Re-check under the appointment's lock, then repair; None when it turned out fine."""
        async with self.engine.begin() as conn:
            row = await sync_repo.lock(conn, uuid.UUID(finding.reference))
            booked = [a for a in await self._find(row, conn) if a.booked]
            if row.version == 0 or row.wanted == "cancelled":
                for extra in booked:
                    await self._cancel(extra)
                return f"cancelled {len(booked)} in VAS" if booked else None
            keep = next((a for a in booked if a.timeslot_id == row.slot_id), booked[0] if booked else None)
            extras = [a for a in booked if keep is None or a.id != keep.id]
            for extra in extras:
                await self._cancel(extra)
            if keep is not None and keep.timeslot_id != row.slot_id:
                await self._emit(conn, VasAppointmentMoved(
                    vas_appointment_id=keep.id, reference=finding.reference, slot_id=keep.timeslot_id,
                    previous_slot_id=row.slot_id or "", start=keep.start, end=keep.end,
                ))  # fmt: skip
                await sync_repo.save(conn, row.appointment_id, slot_id=keep.timeslot_id, vas_appointment_id=keep.id)
                return "booking moved to VAS's time"
            if keep is None and row.outcome == "confirmed":
                await self._emit(conn, VasAppointmentCancelled(
                    vas_appointment_id=row.vas_appointment_id or "", slot_id=row.slot_id or "",
                    reference=finding.reference, actor=Actor.CLINIC, reason="Avbokad i VAS / cancelled in VAS",
                ))  # fmt: skip
                await sync_repo.save(conn, row.appointment_id, wanted="cancelled", outcome="cancelled")
                return "booking cancelled as in VAS"
            return f"cancelled {len(extras)} duplicate(s) in VAS" if extras else None

    async def _find(self, row: SyncState, conn: AsyncConnection | None = None) -> list[VasAppointment]:
        """The booking in VAS; found by its resident's schedule, without their other bookings."""
        found = await self.vas.find(_ours(str(row.appointment_id), row))
        if self.vas.keeps_reference or not found or not row.subject:
            return found
        ids, times = [a.id for a in found], [a.timeslot_id for a in found]
        if conn is None:
            async with self.engine.connect() as own:
                held, asked = await sync_repo.held_elsewhere(own, row.appointment_id, ids, times, row.subject)
        else:
            held, asked = await sync_repo.held_elsewhere(conn, row.appointment_id, ids, times, row.subject)
        return this_bookings(found, known_id=row.vas_appointment_id, held=held, asked=asked)

    async def _found_elsewhere(self, clinic: str, subjects: list[str]) -> int:
        """Bookings the day's residents have at the unit that booking was never told of."""
        found = 0
        for subject in subjects:
            async with self.engine.begin() as conn:

                async def emit(event: Contract, conn: Any = conn) -> None:
                    await self._emit(conn, event)

                found += await check_resident(conn, self.vas, subject, units=[clinic], emit=emit)
        return found

    async def _cancel(self, appointment: VasAppointment) -> None:
        try:
            await self.vas.cancel(
                appointment.clinic_hsa_id, appointment.id, reason="Avstämning / reconciliation", by="clinic"
            )
        except VasRefused as refusal:
            if refusal.code not in ALREADY_GONE:
                raise

    async def _emit(self, conn: Any, event: Contract) -> None:
        await add_to_outbox(conn, Envelope.wrap(event, correlation_id="reconciliation"), namespace=self.namespace)


def _ours(reference: str, row: SyncState) -> OurBooking:
    return OurBooking(
        reference=reference,
        clinic_hsa_id=row.clinic_hsa_id or "",
        subject=row.subject or "",
        slot_ids=(row.slot_id,) if row.slot_id else (),
        vas_appointment_id=row.vas_appointment_id,
    )


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), STOCKHOLM)
    return start, datetime.combine(day + timedelta(days=1), time(0), STOCKHOLM)
