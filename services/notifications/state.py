"""What the app factory wires once and every request uses."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from services.notifications.domain.clock import Clock
from shared.auth import TokenVerifier


@dataclass
class NotificationsApp:
    engine: AsyncEngine
    verifier: TokenVerifier
    clock: Clock
