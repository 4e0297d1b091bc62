"""What the app factory wires once and every request uses."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from shared.auth import TokenVerifier
from shared.clock import Clock


@dataclass
class NotificationsApp:
    engine: AsyncEngine
    verifier: TokenVerifier
    clock: Clock
