"""What the app factory wires once and every request uses."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from services.eligibility.settings import EligibilitySettings
from shared.auth import TokenVerifier


@dataclass
class EligibilityApp:
    settings: EligibilitySettings
    engine: AsyncEngine
    verifier: TokenVerifier
