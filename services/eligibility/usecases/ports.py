"""What the use cases need of storage, as protocols: the SQL repositories (adapters/) meet them,
and the unit tests' in-memory fakes (tests/support/fakes/eligibility.py) too. The session is the
caller's transaction; a fake ignores it."""

import uuid
from datetime import datetime
from typing import Any, Protocol

from services.eligibility.domain.records import Decision
from shared.db import Executor


class Bookings(Protocol):
    """Eligibility's view of booking's appointments, with the decisions, invitations and follow-ups
    they touch."""

    async def covered(self, session: Executor, time_type: str, /) -> bool:
        """Whether a campaign covers `time_type`."""

    async def record_live(
        self,
        session: Executor,
        /,
        *,
        appointment_id: uuid.UUID,
        subject: str,
        time_type_code: str,
        clinic_hsa_id: str,
        start: datetime,
        version: int,
    ) -> None:
        """The booking as live at `version`, unless it is known already."""

    async def decision_for(self, session: Executor, appointment_id: uuid.UUID, /) -> Decision | None:
        """The latest positive decision asked for this appointment."""

    async def redeem_invitation(self, session: Executor, code: str, appointment_id: uuid.UUID, /) -> None: ...

    async def add_follow_up(self, session: Executor, /, **values: Any) -> None: ...

    async def move(self, session: Executor, appointment_id: uuid.UUID, /, *, start: datetime, version: int) -> None: ...

    async def end(self, session: Executor, appointment_id: uuid.UUID, /, *, status: str, version: int) -> None:
        """The booking ended: its invitation works again, its follow-up goes."""
