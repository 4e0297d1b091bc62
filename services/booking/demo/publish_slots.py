"""Publish demo free times as `SlotPublished` events — the path VAS changes take.

Usage: python -m services.booking.demo.publish_slots [DAYS]
"""

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

from services.booking.demo.slots import generate
from services.booking.settings import BookingSettings
from shared.contracts.schedule import SlotPublished
from shared.messaging.envelope import Envelope
from shared.messaging.publisher import Publisher


async def publish(days: int) -> int:
    settings = BookingSettings()
    publisher = Publisher(settings.amqp_url, namespace=settings.namespace, name="demo-slots")
    count = 0
    try:
        batch = []
        for slot in generate(Path(__file__).parent, first_day=datetime.now(UTC).date(), days=days):
            event = SlotPublished(
                slot_id=slot.slot_id,
                clinic_hsa_id=slot.clinic_hsa_id,
                time_type_code=slot.time_type_code,
                start=slot.start,
                end=slot.end,
                practitioner_id=slot.practitioner_id,
            )
            batch.append(publisher.publish(Envelope.wrap(event, correlation_id="demo-slots")))
            if len(batch) >= 500:
                await asyncio.gather(*batch)
                count += len(batch)
                batch = []
        await asyncio.gather(*batch)
        count += len(batch)
    finally:
        await publisher.close()
    return count


if __name__ == "__main__":
    print(f"published {asyncio.run(publish(int(sys.argv[1]) if len(sys.argv) > 1 else 21))} demo times")
