"""A parked message replayed from parking keeps its id and has exactly one effect, even when
replayed twice; a discarded one is gone without effect."""

import aio_pika
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.messaging.envelope import Envelope
from shared.messaging.identities import SENDER_HEADER, broker_user
from shared.messaging.parking import ParkingLot
from shared.messaging.publisher import Publisher, build_message
from tests.support.broker import queue_counts, settled
from tests.support.infra import Infra
from tests.support.toolkit.effects import ThingHappened, count_effects, new_key
from tests.support.toolkit.parked import two_parked
from tests.support.waiting import wait_for


async def test_replay_and_discard(infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]) -> None:
    url, engine = messaging_db
    async with two_parked(infra, namespace, url, engine, "VAS answered 422: unknown clinic") as parked:
        consumer, keep, drop = parked.consumer, parked.keep, parked.drop
        lot = ParkingLot(infra.amqp_url, queue=consumer.topology.queue, parking=consumer.topology.parking)
        listed = await lot.peek()
        assert {p.message_id for p in listed} == {str(keep.id), str(drop.id)}
        assert all(p.reason == "permanent" and "unknown clinic" in p.error for p in listed)
        assert (await queue_counts(infra.amqp_url, consumer.topology.parking))[0] == 2  # listing took nothing

        parked.fix()
        assert [p.message_id for p in await lot.discard(str(drop.id))] == [str(drop.id)]
        replayed = await lot.replay(str(keep.id))
        assert [p.message_id for p in replayed] == [str(keep.id)]

        async def one_effect() -> bool:
            return (await count_effects(engine))[0] == 1

        await wait_for(one_effect, timeout=30)
        # A second replay of the same message (e.g. a copy parked twice) has no second effect.
        await parked.publisher.publish_message(
            aio_pika.Message(keep.to_json(), message_id=str(keep.id), type=keep.type),
            exchange="",
            routing_key=consumer.topology.queue,
        )
        await wait_for(lambda: settled(infra.amqp_url, consumer), timeout=30, interval=0.3)
        assert await count_effects(engine) == (1, 1, 0)
        assert (await queue_counts(infra.amqp_url, consumer.topology.parking))[0] == 0


async def test_a_replay_by_operations_keeps_the_verified_sender_and_nobody_else_can_launder_one(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    """Consumers take a type only from its owner (finding 5 of the security review). A message parked
    for another reason keeps the sender its consumer verified, so operations can replay it; the same
    replay from any other login is parked again as UNTRUSTED_SENDER, without an effect."""
    url, engine = messaging_db
    async with two_parked(infra, namespace, url, engine, "VAS answered 422", senders_checked=True) as parked:
        consumer, keep, other = parked.consumer, parked.keep, parked.drop
        parked.fix()
        topology = consumer.topology
        stranger = ParkingLot(infra.amqp_url, queue=topology.queue, parking=topology.parking)
        assert [p.message_id for p in await stranger.replay(str(other.id))] == [str(other.id)]

        async def parked_again() -> list[str]:
            listed = await stranger.peek()
            return [p.reason or "" for p in listed if p.message_id == str(other.id)]

        assert await wait_for(parked_again, timeout=30) == ["UNTRUSTED_SENDER"]
        operations = ParkingLot(infra.amqp_url_for("operations"), queue=topology.queue, parking=topology.parking)
        assert [p.message_id for p in await operations.replay(str(keep.id))] == [str(keep.id)]

        async def one_effect() -> bool:
            return (await count_effects(engine))[0] == 1

        await wait_for(one_effect, timeout=30)


async def test_a_sender_claim_dropped_into_a_parking_queue_is_not_believed_on_replay(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    """Every service may publish into any queue through the default exchange: a made-up `x-sender`
    on a message put straight into another consumer's parking queue must not become trusted when
    operations replay that queue."""
    url, engine = messaging_db
    async with two_parked(infra, namespace, url, engine, "VAS answered 422", senders_checked=True) as parked:
        parked.fix()
        topology = parked.consumer.topology
        forged = Envelope.wrap(ThingHappened(key=new_key()))
        intruder = Publisher(infra.amqp_url_for("notifications"), namespace=namespace, name="intruder")
        try:
            message = build_message(
                forged, headers={SENDER_HEADER: broker_user("vas_sync"), "x-parked-reason": "permanent"}
            )
            await intruder.publish_message(message, exchange="", routing_key=topology.parking)
        finally:
            await intruder.close()
        operations = ParkingLot(infra.amqp_url_for("operations"), queue=topology.queue, parking=topology.parking)
        assert str(forged.id) in [p.message_id for p in await operations.replay()]

        async def refused_again() -> list[str]:
            return [p.reason or "" for p in await operations.peek() if p.message_id == str(forged.id)]

        assert await wait_for(refused_again, timeout=30) == ["UNTRUSTED_SENDER"]

        # The two genuinely parked messages came back and were handled; the forged one was not.
        async def two_effects() -> bool:
            return (await count_effects(engine))[0] == 2

        await wait_for(two_effects, timeout=30)
