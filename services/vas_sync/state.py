"""What the running service holds (wired once in main.create_app)."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_sync.adapters.breaker import CircuitBreaker
from services.vas_sync.adapters.guarded import GuardedVas
from services.vas_sync.feed.follower import FeedFollower
from services.vas_sync.feed.poller import SlotPoller
from services.vas_sync.reconcile.run import Reconciler
from services.vas_sync.settings import VasSyncSettings
from shared.auth import TokenVerifier
from shared.messaging.consumer import Consumer


@dataclass
class VasSyncApp:
    settings: VasSyncSettings
    engine: AsyncEngine
    vas: GuardedVas
    breaker: CircuitBreaker
    replica: FeedFollower | SlotPoller  # keeps booking's free-time replica
    reconciler: Reconciler
    consumer: Consumer
    verifier: TokenVerifier
