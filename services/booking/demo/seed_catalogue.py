"""Load the demo catalogue into the booking database: python -m services.booking.demo.seed_catalogue"""

import asyncio
from pathlib import Path

from services.booking.adapters.catalogue_loader import load_catalogue
from services.booking.settings import BookingSettings
from shared.db import make_engine


async def main() -> None:
    engine = make_engine(BookingSettings().database_url)
    try:
        clinics, types = await load_catalogue(engine, Path(__file__).parent)
    finally:
        await engine.dispose()
    print(f"loaded {clinics} clinics and {types} time types")


if __name__ == "__main__":
    asyncio.run(main())
