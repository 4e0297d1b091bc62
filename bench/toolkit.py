"""Raw publish+consume rate of the messaging toolkit beside plain aio-pika, in one run.

Variants, run one after another in this process, each on its own queues (and its own fresh
database where one is used):

- ``plain``: aio-pika with publisher confirms. N messages are published to a durable quorum
  queue in concurrent windows (``asyncio.gather`` of W publishes, each awaiting its confirm)
  and consumed on a second connection with manual ack (prefetch P).
- ``plain+db``: the same, and the consumer commits one INSERT per message (an engine from
  ``shared.db.make_engine``) before it acks: the floor any consumer with a database effect has.
- ``toolkit``: the whole path. N envelopes are written to the outbox with ``add_many_to_outbox``
  (T rows per transaction); ``OutboxRelay`` publishes them with confirms; a batching ``Consumer``
  on the ``ConsumerHost`` (both started by ``Messaging``) validates each envelope, records the
  batch in the inbox, runs a handler that inserts one effect row per message, commits, then acks.

The rate is N divided by the time from the first publish (outbox write for the toolkit) until
the last ack. Everything runs in this one process, so on a small machine the figure is bound
by this process's CPU: each variant also reports the CPU time it used per message, the
steadier measure when other load shares the machine (the 1-minute load average is recorded).
A monitor samples progress every 50 ms, so the JSON also says when the last message was
published, and how far the outbox and the queue fell behind at worst. Rounds run the variants
in turn (plain, plain+db, toolkit, plain, ...) and the table shows medians over the rounds.

Settings (environment): BENCH_AMQP_URL, BENCH_POSTGRES_URL (maintenance database, where the
fresh ``tidbok_bench_*`` databases are created and dropped), and BENCH_TOOLKIT_* below.
"""

import asyncio
import contextlib
import json
import os
import statistics
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from typing import Any, TypeVar

import aio_pika
import aiormq
import asyncpg
import sqlalchemy as sa
from aio_pika.abc import AbstractIncomingMessage
from prometheus_client import REGISTRY
from sqlalchemy.ext.asyncio import AsyncEngine
from yarl import URL

from shared.db import make_engine, make_sessionmaker
from shared.messaging.consumer import Batched, Consumer, HandlerContext
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.outbox import add_many_to_outbox
from shared.messaging.runtime import Messaging
from shared.messaging.tables import OUTBOX_NOTIFY_DDL, messaging_metadata
from shared.messaging.topology import ConsumerTopology, events_exchange_name
from shared.settings import ServiceSettings

T = TypeVar("T")

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
VARIANTS = ("plain", "plain+db", "toolkit")
TARGET_RATIO = 0.5
SERVICE = "bench"
CONSUMER = "sink"


class BenchHappened(Contract):
    message_type = "bench.thing.happened"
    key: str
    seq: int


effects_metadata = sa.MetaData()
effects = sa.Table(
    "bench_effects",
    effects_metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("consumer", sa.Text, nullable=False),
)
INSERT_EFFECT = effects.insert()  # built once, as a service's repository would


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


@dataclass(frozen=True)
class Config:
    n: int = 20_000  # BENCH_TOOLKIT_N: messages per variant and round
    rounds: int = 3  # BENCH_TOOLKIT_ROUNDS: each round runs every variant; figures are medians
    window: int = 500  # BENCH_TOOLKIT_WINDOW: plain publishes awaited together
    prefetch: int = 128  # BENCH_TOOLKIT_PREFETCH: consumer prefetch, every variant (services default 64)
    txn_rows: int = 100  # BENCH_TOOLKIT_TXN_ROWS: outbox rows per writing transaction
    writers: int = 1  # BENCH_TOOLKIT_WRITERS: concurrent outbox-writing tasks
    relay_batch: int = 200  # BENCH_TOOLKIT_RELAY_BATCH: OutboxRelay batch_size (toolkit default 200)
    consumer_batch: int = 64  # BENCH_TOOLKIT_CONSUMER_BATCH: deliveries per consumer transaction (1 = one each)
    handler: str = "batched"  # BENCH_TOOLKIT_HANDLER: "batched" (one multi-row insert) or "single" (one per message)
    pool_size: int = 10  # BENCH_TOOLKIT_POOL: make_engine pool_size (default 10)
    max_overflow: int = 10  # BENCH_TOOLKIT_OVERFLOW: make_engine max_overflow (default 10)
    variants: tuple[str, ...] = VARIANTS  # BENCH_TOOLKIT_VARIANTS: comma-separated subset
    amqp_url: str = DEFAULT_AMQP_URL
    postgres_url: str = DEFAULT_POSTGRES_URL

    @classmethod
    def from_env(cls) -> "Config":
        variants = tuple(v.strip() for v in os.environ.get("BENCH_TOOLKIT_VARIANTS", ",".join(VARIANTS)).split(","))
        unknown = set(variants) - set(VARIANTS)
        if unknown or not variants:
            raise ValueError(f"BENCH_TOOLKIT_VARIANTS: unknown {sorted(unknown)}; known {', '.join(VARIANTS)}")
        return cls(
            n=_env_int("BENCH_TOOLKIT_N", cls.n),
            rounds=_env_int("BENCH_TOOLKIT_ROUNDS", cls.rounds),
            window=_env_int("BENCH_TOOLKIT_WINDOW", cls.window),
            prefetch=_env_int("BENCH_TOOLKIT_PREFETCH", cls.prefetch),
            txn_rows=_env_int("BENCH_TOOLKIT_TXN_ROWS", cls.txn_rows),
            writers=_env_int("BENCH_TOOLKIT_WRITERS", cls.writers),
            relay_batch=_env_int("BENCH_TOOLKIT_RELAY_BATCH", cls.relay_batch),
            consumer_batch=_env_int("BENCH_TOOLKIT_CONSUMER_BATCH", cls.consumer_batch),
            handler=os.environ.get("BENCH_TOOLKIT_HANDLER", cls.handler),
            pool_size=_env_int("BENCH_TOOLKIT_POOL", cls.pool_size),
            max_overflow=_env_int("BENCH_TOOLKIT_OVERFLOW", cls.max_overflow),
            variants=variants,
            amqp_url=os.environ.get("BENCH_AMQP_URL", DEFAULT_AMQP_URL),
            postgres_url=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        )

    @property
    def timeout_s(self) -> float:
        """Give up on a variant that has not finished in this time (it is reported as failed)."""
        return max(120.0, self.n / 50)


@dataclass
class Progress:
    """Counters of one variant's run, sampled by `monitor`."""

    n: int
    written: int = 0  # outbox rows committed (toolkit only)
    published: Callable[[], int] = lambda: 0
    acked: int = 0
    started: float = 0.0
    finished: float = 0.0
    cpu_started: float = 0.0
    cpu_finished: float = 0.0
    done: asyncio.Event = field(default_factory=asyncio.Event)
    finish_check: Callable[[], bool] = lambda: True

    def ack(self) -> None:
        self.acked += 1
        if self.acked >= self.n and not self.done.is_set() and self.finish_check():
            self.finished, self.cpu_finished = time.perf_counter(), time.process_time()
            self.done.set()

    def start(self) -> None:
        self.started, self.cpu_started = time.perf_counter(), time.process_time()

    @property
    def cpu_s(self) -> float:
        """CPU time this process spent during the run (all its tasks, in every library)."""
        return self.cpu_finished - self.cpu_started


@dataclass
class Measurement:
    variant: str
    messages: int
    seconds: float
    cpu_s: float  # CPU time of this process during the run: the measure on a CPU-bound box
    published_s: float  # when the last message was confirmed by the broker
    written_s: float | None = None  # when the last outbox row was committed (toolkit)
    peak_outbox_backlog: int | None = None  # committed but not yet published (toolkit)
    peak_queue_backlog: int = 0  # published but not yet acked
    checks: dict[str, Any] = field(default_factory=dict)
    ok: bool = True
    load_avg_1m: float = field(default_factory=lambda: os.getloadavg()[0])  # at the end: other load shows

    @property
    def rate(self) -> float:
        return self.messages / self.seconds

    @property
    def cpu_us_per_msg(self) -> float:
        return self.cpu_s / self.messages * 1e6


async def monitor(progress: Progress, interval_s: float = 0.05) -> dict[str, Any]:
    """Sample `progress` until done: when each stage finished, and the worst backlogs."""
    written_at: float | None = None
    published_at: float | None = None
    peak_outbox = peak_queue = 0

    def sample() -> None:
        nonlocal written_at, published_at, peak_outbox, peak_queue
        now = time.perf_counter() - progress.started
        published = progress.published()
        if written_at is None and progress.written >= progress.n:
            written_at = now
        if published_at is None and published >= progress.n:
            published_at = now
        peak_outbox = max(peak_outbox, progress.written - published)
        peak_queue = max(peak_queue, published - progress.acked)

    while not progress.done.is_set():
        sample()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(progress.done.wait(), interval_s)
    sample()
    return {
        "written_s": written_at,
        "published_s": published_at,
        "peak_outbox_backlog": peak_outbox,
        "peak_queue_backlog": peak_queue,
    }


async def finish(progress: Progress, watcher: "asyncio.Task[dict[str, Any]]", variant: str, timeout_s: float) -> None:
    """Wait for the last ack; a run that stalls fails the benchmark, saying how far it got."""
    try:
        await asyncio.wait_for(progress.done.wait(), timeout_s)
    except TimeoutError:
        watcher.cancel()
        raise RuntimeError(
            f"{variant}: not finished in {timeout_s:.0f} s: written {progress.written}, "
            f"published {progress.published()}, acked {progress.acked} of {progress.n}"
        ) from None


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def make_envelopes(n: int) -> list[Envelope]:
    run = uuid.uuid4().hex
    return [Envelope.wrap(BenchHappened(key=f"{run}-{i}", seq=i)) for i in range(n)]


# --- infrastructure ----------------------------------------------------------------------


@contextlib.asynccontextmanager
async def fresh_database(cfg: Config) -> AsyncIterator[AsyncEngine]:
    """A new database with the outbox, inbox and effects tables; dropped on exit."""
    admin_url = cfg.postgres_url
    name = f"tidbok_bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(admin_url, timeout=10)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = str(URL(admin_url).with_path(f"/{name}").with_scheme("postgresql+asyncpg"))
    engine = make_engine(url, pool_size=cfg.pool_size, max_overflow=cfg.max_overflow)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(messaging_metadata.create_all)
            await conn.run_sync(effects_metadata.create_all)
            for statement in OUTBOX_NOTIFY_DDL:
                await conn.execute(sa.text(statement))
        yield engine
    finally:
        await engine.dispose()
        admin = await asyncpg.connect(admin_url, timeout=10)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


async def delete_broker_objects(amqp_url: str, queues: Sequence[str], exchanges: Sequence[str] = ()) -> None:
    connection = await aio_pika.connect(amqp_url, timeout=10)
    try:
        channel = await connection.channel()
        for queue in queues:
            await channel.queue_delete(queue)
        for exchange in exchanges:
            await channel.exchange_delete(exchange)
    finally:
        await connection.close()


async def count_effects(engine: AsyncEngine) -> tuple[int, int]:
    async with engine.connect() as conn:
        row = (await conn.execute(sa.select(sa.func.count(), sa.func.count(sa.distinct(effects.c.key))))).one()
    return int(row[0]), int(row[1])


def metric(name: str, labels: dict[str, str]) -> int:
    return int(REGISTRY.get_sample_value(name, labels) or 0)


# --- reference: plain aio-pika -------------------------------------------------------------


def plain_message(envelope: Envelope) -> aio_pika.Message:
    return aio_pika.Message(
        body=envelope.to_json(),
        message_id=str(envelope.id),
        type=envelope.type,
        correlation_id=envelope.correlation_id,
        content_type="application/json",
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        headers={"traceparent": envelope.traceparent},
    )


async def run_plain(
    cfg: Config, envelopes: Sequence[Envelope], namespace: str, engine: AsyncEngine | None
) -> Measurement:
    variant = "plain+db" if engine is not None else "plain"
    queue_name = f"{namespace}.{variant.replace('+', '_')}"
    arguments: dict[str, Any] = {"x-queue-type": "quorum"}
    published = 0
    progress = Progress(n=len(envelopes), published=lambda: published)

    async def on_message(message: AbstractIncomingMessage) -> None:
        if engine is not None:
            key = json.loads(message.body)["payload"]["key"]
            async with engine.begin() as conn:
                await conn.execute(INSERT_EFFECT, {"key": key, "consumer": variant})
        await message.ack()
        progress.ack()

    publishing = await aio_pika.connect(cfg.amqp_url, timeout=10)
    consuming = await aio_pika.connect(cfg.amqp_url, timeout=10)
    try:
        pub_channel = await publishing.channel(publisher_confirms=True)
        await pub_channel.declare_queue(queue_name, durable=True, arguments=arguments)
        con_channel = await consuming.channel()
        await con_channel.set_qos(prefetch_count=cfg.prefetch)
        queue = await con_channel.declare_queue(queue_name, durable=True, arguments=arguments)
        await queue.consume(on_message, no_ack=False)
        exchange = pub_channel.default_exchange

        progress.start()
        watcher = asyncio.create_task(monitor(progress))
        for window in chunks(envelopes, cfg.window):
            confirms = await asyncio.gather(
                *(exchange.publish(plain_message(e), routing_key=queue_name) for e in window)
            )
            if not all(isinstance(c, aiormq.spec.Basic.Ack) for c in confirms):
                raise RuntimeError(f"{variant}: a publish was not acked by the broker")
            published += len(window)
        await finish(progress, watcher, variant, cfg.timeout_s)
        stages = await watcher
    finally:
        await consuming.close()  # first, so deleting the queue cancels no consumer
        await publishing.close()
        with contextlib.suppress(Exception):
            await delete_broker_objects(cfg.amqp_url, [queue_name])

    checks: dict[str, Any] = {"acked": progress.acked}
    ok = progress.acked == len(envelopes)
    if engine is not None:
        rows, distinct = await count_effects(engine)
        checks.update(effect_rows=rows, distinct_keys=distinct)
        ok = ok and rows == distinct == len(envelopes)
    return Measurement(
        variant=variant,
        messages=len(envelopes),
        seconds=progress.finished - progress.started,
        cpu_s=progress.cpu_s,
        published_s=stages["published_s"],
        peak_queue_backlog=stages["peak_queue_backlog"],
        checks=checks,
        ok=ok,
    )


# --- the toolkit ---------------------------------------------------------------------------


async def record_effect(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, BenchHappened)
    await ctx.session.execute(INSERT_EFFECT, {"key": ctx.message.key, "consumer": CONSUMER})


async def record_effects(contexts: Sequence[HandlerContext]) -> None:
    """The same effect for several messages: one row each, in one executemany."""
    rows = []
    for ctx in contexts:
        assert isinstance(ctx.message, BenchHappened)
        rows.append({"key": ctx.message.key, "consumer": CONSUMER})
    await contexts[0].session.execute(INSERT_EFFECT, rows)


class CountingConsumer(Consumer):
    """The toolkit's Consumer, telling `progress` when it has acked (or otherwise settled) a delivery."""

    def __init__(self, progress: Progress, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._progress = progress

    async def on_message(self, message: AbstractIncomingMessage) -> None:
        await super().on_message(message)
        self._progress.ack()


async def unpublished_rows(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(sa.text("SELECT count(*) FROM outbox WHERE published_at IS NULL"))).scalar_one())


async def relay_settled(engine: AsyncEngine, *, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not await unpublished_rows(engine):
            return
        await asyncio.sleep(0.05)


async def write_outbox(
    engine: AsyncEngine,
    batches: Sequence[Sequence[Envelope]],
    namespace: str,
    progress: Progress,
) -> None:
    for batch in batches:
        async with engine.begin() as conn:
            await add_many_to_outbox(conn, list(batch), namespace=namespace)
        progress.written += len(batch)


async def run_toolkit(cfg: Config, envelopes: Sequence[Envelope], namespace: str, engine: AsyncEngine) -> Measurement:
    url = engine.url.render_as_string(hide_password=False)
    settings = ServiceSettings(
        database_url=url,
        amqp_url=cfg.amqp_url,
        namespace=namespace,
        outbox_batch_size=cfg.relay_batch,
        consumer_prefetch=cfg.prefetch,
    )
    sessionmaker = make_sessionmaker(engine)
    messaging = Messaging(owners=None, settings=settings, service=SERVICE, engine=engine, sessionmaker=sessionmaker)
    topology = ConsumerTopology(
        namespace=namespace,
        service=SERVICE,
        consumer=CONSUMER,
        routing_keys=(BenchHappened.message_type,),
        retry_delays_s=settings.retry_delays_s,
    )
    # Counters are process-wide: count from where this run starts.
    published_name, consumed_name = "tidbok_messages_published_total", "tidbok_messages_consumed_total"
    published_labels = {"message_type": BenchHappened.message_type}
    outcomes = ("handled", "duplicate", "retried", "parked", "requeued", "deferred")

    def outcome_counts() -> dict[str, int]:
        return {o: metric(consumed_name, {"consumer": topology.name, "outcome": o}) for o in outcomes}

    published_base, outcomes_base = metric(published_name, published_labels), outcome_counts()
    progress = Progress(
        n=len(envelopes),
        published=lambda: metric(published_name, published_labels) - published_base,
        finish_check=lambda: outcome_counts()["handled"] - outcomes_base["handled"] >= len(envelopes),
    )
    messaging.consumers.append(
        CountingConsumer(
            progress,
            topology=topology,
            handlers={BenchHappened: Batched(record_effects) if cfg.handler == "batched" else record_effect},
            engine=engine,
            publisher=messaging.publisher,
            batch_size=cfg.consumer_batch,
        )
    )
    batches = chunks(envelopes, cfg.txn_rows)
    await messaging.start()
    try:
        host = messaging.host
        assert host is not None
        deadline = time.monotonic() + 30
        while not host.ready:
            if time.monotonic() > deadline:
                raise RuntimeError("toolkit: consumer not attached within 30 s")
            await asyncio.sleep(0.02)

        progress.start()
        watcher = asyncio.create_task(monitor(progress))
        await asyncio.gather(
            *(write_outbox(engine, batches[w :: cfg.writers], namespace, progress) for w in range(cfg.writers))
        )
        await finish(progress, watcher, "toolkit", cfg.timeout_s)
        stages = await watcher
        # A consumer can ack a message before the relay has committed "published" for its batch;
        # stopping now would cancel that commit (the rows would be sent again on the next start).
        await relay_settled(engine, timeout_s=30)
    finally:
        await messaging.stop()
        with contextlib.suppress(Exception):
            await delete_broker_objects(
                cfg.amqp_url,
                [topology.queue, topology.parking, *(topology.retry_queue(d) for d in topology.retry_delays_s)],
                [events_exchange_name(namespace)],
            )

    counts = outcome_counts()
    outcome_delta = {o: counts[o] - outcomes_base[o] for o in outcomes}
    rows, distinct = await count_effects(engine)
    unpublished = await unpublished_rows(engine)
    async with engine.connect() as conn:
        inbox_rows = (await conn.execute(sa.text("SELECT count(*) FROM inbox"))).scalar_one()
    n = len(envelopes)
    checks = {"effect_rows": rows, "distinct_keys": distinct, "inbox_rows": inbox_rows, "unpublished": unpublished}
    checks.update({f"outcome_{o}": v for o, v in outcome_delta.items() if v})
    ok = rows == distinct == inbox_rows == n and unpublished == 0 and outcome_delta["handled"] == n
    return Measurement(
        variant="toolkit",
        messages=n,
        seconds=progress.finished - progress.started,
        cpu_s=progress.cpu_s,
        published_s=stages["published_s"],
        written_s=stages["written_s"],
        peak_outbox_backlog=stages["peak_outbox_backlog"],
        peak_queue_backlog=stages["peak_queue_backlog"],
        checks=checks,
        ok=ok,
    )


# --- the benchmark -------------------------------------------------------------------------


async def run_variant(cfg: Config, variant: str, envelopes: Sequence[Envelope]) -> Measurement:
    namespace = f"bench{uuid.uuid4().hex[:10]}"
    if variant == "plain":
        return await run_plain(cfg, envelopes, namespace, None)
    async with fresh_database(cfg) as engine:
        if variant == "plain+db":
            return await run_plain(cfg, envelopes, namespace, engine)
        return await run_toolkit(cfg, envelopes, namespace, engine)


async def server_versions(cfg: Config) -> dict[str, str]:
    versions = {p: metadata.version(p) for p in ("aio-pika", "aiormq", "sqlalchemy", "asyncpg", "pydantic")}
    connection = await aio_pika.connect(cfg.amqp_url, timeout=10)
    try:
        props = connection.transport.connection.server_properties if connection.transport else {}
        versions["rabbitmq"] = str(props.get("version", "?"))
    finally:
        await connection.close()
    conn = await asyncpg.connect(cfg.postgres_url, timeout=10)
    try:
        versions["postgresql"] = str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()
    return versions


async def run() -> dict[str, Any]:
    cfg = Config.from_env()
    versions = await server_versions(cfg)
    rounds: list[list[Measurement]] = []
    for r in range(cfg.rounds):
        results = []
        for variant in cfg.variants:
            envelopes = make_envelopes(cfg.n)
            m = await run_variant(cfg, variant, envelopes)
            verdict = "ok" if m.ok else f"FAILED {m.checks}"
            print(
                f"  round {r + 1}/{cfg.rounds} {variant:<9} {m.rate:9,.0f} msg/s  {m.seconds:7.2f} s  "
                f"{m.cpu_us_per_msg:6,.0f} us cpu/msg  load {m.load_avg_1m:.2f}  {verdict}",
                flush=True,
            )
            results.append(m)
        rounds.append(results)

    median: dict[str, float] = {
        v: statistics.median(m.rate for ms in rounds for m in ms if m.variant == v) for v in cfg.variants
    }
    rows = []
    for variant in cfg.variants:
        runs = [m for ms in rounds for m in ms if m.variant == variant]
        row: dict[str, Any] = {
            "variant": variant,
            "msg/s": median[variant],
            "seconds": statistics.median(m.seconds for m in runs),
        }
        for reference in ("plain", "plain+db"):
            if reference in median:
                row[f"x {reference}"] = median[variant] / median[reference]
        row["cpu us/msg"] = statistics.median(m.cpu_us_per_msg for m in runs)
        row["cpu %"] = 100 * statistics.median(m.cpu_s / m.seconds for m in runs)
        row["last publish s"] = statistics.median(m.published_s for m in runs)
        row["peak queue"] = max(m.peak_queue_backlog for m in runs)
        if variant == "toolkit":
            row["peak outbox"] = max(m.peak_outbox_backlog or 0 for m in runs)
        row["ok"] = all(m.ok for m in runs)
        rows.append(row)

    summary: dict[str, Any] = {"median_msg_per_s": median}
    notes = []
    if "toolkit" in median and "plain" in median:
        ratio = median["toolkit"] / median["plain"]
        summary.update(ratio_toolkit_vs_plain=ratio, target=TARGET_RATIO, meets_target=ratio >= TARGET_RATIO)
        verdict = "meets" if ratio >= TARGET_RATIO else "BELOW"
        notes.append(f"toolkit / plain aio-pika with confirms = {ratio:.2f}x ({verdict} the {TARGET_RATIO}x target)")
    if "toolkit" in median and "plain+db" in median:
        summary["ratio_toolkit_vs_plain_db"] = median["toolkit"] / median["plain+db"]
    return {
        "title": f"Messaging toolkit vs plain aio-pika: {cfg.n:,} messages, {cfg.rounds} round(s), medians",
        "params": asdict(cfg) | {"amqp_url": _redact(cfg.amqp_url), "postgres_url": _redact(cfg.postgres_url)},
        "versions": versions,
        "rows": rows,
        "summary": summary,
        "rounds": [[asdict(m) | {"rate": m.rate, "cpu_us_per_msg": m.cpu_us_per_msg} for m in ms] for ms in rounds],
        "notes": notes,
        "ok": all(m.ok for ms in rounds for m in ms),
    }


def _redact(url: str) -> str:
    parsed = URL(url)
    return str(parsed.with_password("***")) if parsed.password else url
