"""The lean reference for the notifications benchmark: a minimal FOR UPDATE SKIP LOCKED loop on
raw asyncpg that sends each due row to the same SMS stand-in (with the same HTTP client library,
aiohttp) and marks it sent — no consent or appointment checks, no quiet hours, no templates, no
leases (the row lock is held while sending).

Run: python -m bench.reference_notifications  (REF_DSN, REF_GATEWAY, REF_BATCH, REF_CONCURRENCY, REF_POLL_S)
"""

import asyncio
import os
from datetime import UTC, datetime

import aiohttp
import asyncpg

CLAIM = """
SELECT n.id, c.phone FROM notifications n JOIN contact_preferences c ON c.subject = n.subject
WHERE n.status = 'pending' AND n.due_at <= now()
ORDER BY n.due_at LIMIT $1
FOR UPDATE OF n SKIP LOCKED
"""
MARK = """
UPDATE notifications AS n SET status = 'sent', sent_at = u.sent_at, provider_id = u.provider_id
FROM unnest($1::bigint[], $2::timestamptz[], $3::text[]) AS u(id, sent_at, provider_id)
WHERE n.id = u.id
"""


async def main() -> None:
    dsn, gateway = os.environ["REF_DSN"], os.environ["REF_GATEWAY"]
    batch, concurrency = int(os.environ.get("REF_BATCH", "200")), int(os.environ.get("REF_CONCURRENCY", "50"))
    poll_s = float(os.environ.get("REF_POLL_S", "0.1"))
    limit = asyncio.Semaphore(concurrency)
    conn = await asyncpg.connect(dsn)
    auth = aiohttp.encode_basic_auth("tidbok", "dev-secret")
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100), raise_for_status=True) as http:

        async def send(row: asyncpg.Record) -> tuple[int, datetime, str]:
            async with (
                limit,
                http.post(
                    f"{gateway}/a1/sms",
                    data={"from": "Region", "to": row["phone"], "message": "Påminnelse: vårdbesök."},
                    headers={"Authorization": auth, "Idempotency-Key": f"ref-{row['id']}"},
                ) as response,
            ):
                body = await response.json()
            return row["id"], datetime.now(UTC), str(body["id"])

        while True:
            async with conn.transaction():
                rows = await conn.fetch(CLAIM, batch)
                if rows:
                    sent = await asyncio.gather(*(send(row) for row in rows))
                    await conn.execute(MARK, *(list(column) for column in zip(*sent, strict=True)))
            if len(rows) < batch:
                await asyncio.sleep(poll_s)


if __name__ == "__main__":
    asyncio.run(main())
