"""Operators' tool for what is stuck: list, replay and discard parked messages.

    python -m shared.messaging.parking_cli list [--queue Q ...]
    python -m shared.messaging.parking_cli replay --queue Q [--id MESSAGE_ID]
    python -m shared.messaging.parking_cli discard --queue Q --id MESSAGE_ID

Q is a consumer's queue (``tidbok.vas_sync.appointments``); its parking queue is ``Q.parking``.
Without ``--queue``, ``list`` finds every parking queue that holds messages (through the local
``rabbitmqctl``). A replayed message keeps its id, so the consumer's inbox still allows one
effect. Message bodies are never shown (they carry personnummer); anything in an error text
that looks like one is masked.
"""

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence

import aio_pika
from yarl import URL

from shared.identity import mask_in_text
from shared.messaging.parking import ParkedMessage, ParkingLot
from shared.settings import development_broker_url

# Operations staff have a broker login of their own (shared.messaging.identities).
DEFAULT_AMQP = development_broker_url("operations")


def masked(text: str) -> str:
    return mask_in_text(text)


def describe(parked: ParkedMessage) -> str:
    error = masked(" ".join(parked.error.split()))
    return (
        f"  {parked.message_id}  {parked.message_type or '?'}  reason={parked.reason}  attempts={parked.attempts}\n"
        f"    first failure {parked.first_failure_at or '-'}, last {parked.last_failure_at or '-'}, "
        f"parked {parked.parked_at or '-'}\n"
        f"    error: {error[:300] or '-'}"
    )


def consumer_queues_with_parking(amqp_url: str) -> list[str]:
    """Every consumer queue that has a parking queue, from the local broker's own tool. (Its
    message counts lag by seconds; the counts shown come from the queues themselves.)"""
    rabbitmqctl = shutil.which("rabbitmqctl")
    if rabbitmqctl is None:
        raise SystemExit("rabbitmqctl not found here: name the queue with --queue")
    vhost = URL(amqp_url).path.lstrip("/") or "/"
    listed = subprocess.run(  # noqa: S603 - a fixed command; the vhost is passed as one argument
        [rabbitmqctl, "list_queues", "-q", "--no-table-headers", "-p", vhost, "name"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    names = (line.strip() for line in listed.stdout.splitlines())
    return sorted(name.removesuffix(".parking") for name in names if name.endswith(".parking"))


async def run(args: argparse.Namespace) -> int:
    queues: list[str] = args.queue or []
    if args.command == "list" and not queues:
        return await list_all(args.amqp_url, limit=args.limit)
    if not queues:
        raise SystemExit(f"{args.command} needs --queue")
    for queue in queues:
        try:
            await _act(args, queue)
        except aio_pika.exceptions.ChannelNotFoundEntity:
            raise SystemExit(f"no such queue: {queue}.parking (name the consumer's queue)") from None
    return 0


async def _act(args: argparse.Namespace, queue: str) -> None:
    lot = ParkingLot(args.amqp_url, queue=queue, parking=f"{queue}.parking")
    if args.command == "list":
        parked = await lot.peek(limit=args.limit)
        print(f"{queue}.parking: {len(parked)} message(s)")
    elif args.command == "replay":
        parked = await lot.replay(args.id)
        print(f"{queue}: replayed {len(parked)} message(s)")
    else:
        parked = await lot.discard(args.id)
        print(f"{queue}.parking: discarded {len(parked)} message(s)")
    for message in parked:
        print(describe(message))


async def list_all(amqp_url: str, *, limit: int) -> int:
    shown = 0
    for queue in consumer_queues_with_parking(amqp_url):
        parked = await ParkingLot(amqp_url, queue=queue, parking=f"{queue}.parking").peek(limit=limit)
        if parked:
            shown += 1
            print(f"{queue}.parking: {len(parked)} message(s)")
            for message in parked:
                print(describe(message))
    if not shown:
        print("Nothing parked. / Inget parkerat.")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m shared.messaging.parking_cli", description=__doc__.split("\n")[0])
    p.add_argument("command", choices=["list", "replay", "discard"])
    p.add_argument("--queue", action="append", help="consumer queue, e.g. tidbok.vas_sync.appointments")
    p.add_argument("--id", help="message id (replay: all when left out; discard: required)")
    p.add_argument("--limit", type=int, default=100, help="list at most this many per queue")
    p.add_argument("--amqp-url", default=os.environ.get("AMQP_URL", DEFAULT_AMQP))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "discard" and not args.id:
        raise SystemExit("discard needs --id")
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
