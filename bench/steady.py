"""Memory under a steady load (issue 17): every service a booking touches — booking, VAS sync,
eligibility and notifications (both consume every appointment event), each its own process with
its own database, as in production (booking asks eligibility over RabbitMQ) — and the stand-ins
they talk to (the development IdP, the VAS simulator, the SMS gateway, the mail catcher), while
the same residents book at a fixed rate for ten minutes; each booking goes through VAS sync to
VAS and back. RSS is sampled every 10 s.

Passes when every service's RSS stays within 10 % of what it was after the first minute (the
warm-up: pools, caches and the interpreter's own arenas fill) and under 150 MB. The stand-ins are
reported but not judged (the SMS gateway and mail catcher keep what they receive, by design).

Knobs: BENCH_STEADY_RATE (bookings/s, 20), BENCH_STEADY_SECONDS (600), BENCH_STEADY_PEOPLE (500).
"""

import os
from datetime import UTC, datetime, timedelta
from typing import Any

from bench import vas_sync_latency as latency
from bench.booking import _people, _tokens
from bench.processes import RssWatch, free_port, process
from bench.vas_sync_stack import Stack, common_env, publish_slots, scalar, wait_until

RATE = float(os.environ.get("BENCH_STEADY_RATE", "20"))
SECONDS = float(os.environ.get("BENCH_STEADY_SECONDS", "600"))
PEOPLE = int(os.environ.get("BENCH_STEADY_PEOPLE", "500"))
SAMPLE_S = 10.0
WARM_UP_S = 60.0
FLAT = 0.10
CEILING_MB = 150.0
SERVICES = ("booking", "vas_sync", "eligibility", "notifications")


async def run() -> dict[str, Any]:
    stack = Stack()
    n = int(RATE * SECONDS)
    try:
        vas, sync, booking = await stack.for_vas_sync()
        eligibility, notifications = await stack.database("eligibility"), await stack.database("notifications")
        names = ("vas", "idp", "booking", "sync", "eligibility", "notifications", "sms", "mail", "smtp")
        ports = {name: free_port() for name in names}
        idp = f"http://127.0.0.1:{ports['idp']}"
        vas_url = f"http://127.0.0.1:{ports['vas']}"
        env_idp = {"IDP_PORT": str(ports["idp"]), "IDP_ISSUER": idp, "TIDBOK_ENVIRONMENT": "test"}
        tokens_from = {"JWKS_URL": f"{idp}/.well-known/jwks.json", "TOKEN_ISSUER": idp}
        env_booking = common_env("BOOKING_", ports["booking"], booking, stack.namespace) | {
            **{f"BOOKING_{k}": v for k, v in tokens_from.items()},
            "BOOKING_ELIGIBILITY_MODE": "rpc",
            # The same people book again and again: lift the cap on coming web bookings per person.
            "BOOKING_MAX_LIVE_WEB_BOOKINGS": "100000",
        }
        env_sync = common_env("VAS_SYNC_", ports["sync"], sync, stack.namespace) | {"VAS_SYNC_VAS_URL": vas_url}
        env_eligibility = common_env("ELIGIBILITY_", ports["eligibility"], eligibility, stack.namespace) | {
            f"ELIGIBILITY_{k}": v for k, v in tokens_from.items()
        }
        env_notifications = common_env("NOTIFICATIONS_", ports["notifications"], notifications, stack.namespace) | {
            **{f"NOTIFICATIONS_{k}": v for k, v in tokens_from.items()},
            "NOTIFICATIONS_SMS_GATEWAY_URL": f"http://127.0.0.1:{ports['sms']}",
            "NOTIFICATIONS_SMTP_PORT": str(ports["smtp"]),
        }
        env_mail = {"MAIL_CATCHER_PORT": str(ports["mail"]), "MAIL_CATCHER_SMTP_PORT": str(ports["smtp"])}
        ready = "/readyz"
        async with (
            process(
                "services.vas_simulator", env=common_env("VAS_", ports["vas"], vas, stack.namespace), port=ports["vas"]
            ) as simulator,
            process("services.idp", env=env_idp | {"IDP_LOG_LEVEL": "WARNING"}, port=ports["idp"]) as idp_proc,
            process("services.sms_gateway", env={"SMS_GATEWAY_PORT": str(ports["sms"])}, port=ports["sms"]) as sms,
            process("services.mail_catcher", env=env_mail, port=ports["mail"]) as mail,
            process(
                "services.eligibility", env=env_eligibility, port=ports["eligibility"], ready_path=ready
            ) as eligibility_proc,
            process(
                "services.notifications", env=env_notifications, port=ports["notifications"], ready_path=ready
            ) as notifications_proc,
            process("services.booking", env=env_booking, port=ports["booking"], ready_path=ready) as booking_proc,
            process("services.vas_sync", env=env_sync, port=ports["sync"], ready_path=ready) as sync_proc,
        ):
            first = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
            slots = await publish_slots(vas_url, "steady", n, first)

            async def replica_ready() -> bool:
                return bool(await scalar(booking.dsn, "SELECT count(*) FROM slots WHERE id LIKE 'steady%'") >= n)

            await wait_until(replica_ready, 600, "booking's replica to hold the published times", interval=1.0)
            tokens = await _tokens(idp, _people(PEOPLE))
            pids = {
                "booking": booking_proc.pid,
                "vas_sync": sync_proc.pid,
                "eligibility": eligibility_proc.pid,
                "notifications": notifications_proc.pid,
                "idp (stand-in)": idp_proc.pid,
                "vas_simulator (stand-in)": simulator.pid,
                "sms_gateway (stand-in)": sms.pid,
                "mail_catcher (stand-in)": mail.pid,
            }
            async with RssWatch(pids, interval_s=SAMPLE_S) as rss:
                result = await latency.drive(f"http://127.0.0.1:{ports['booking']}", booking.dsn, slots, tokens, RATE)
            once = await latency.exactly_once(result, booking.dsn, vas.dsn)
    finally:
        await stack.drop()
    return _report(rss.samples, result, once)


def _report(samples: dict[str, list[float]], result: latency.LatencyRun, once: dict[str, int]) -> dict[str, Any]:
    warm = int(WARM_UP_S / SAMPLE_S)
    rows = []
    for name, values in samples.items():
        settled = values[warm:] or values
        base = settled[0]
        growth = (max(settled) - base) / base if base else 0.0
        rows.append(
            {
                "process": name,
                "start_mb": round(values[0], 1),
                "after_warm_up_mb": round(base, 1),
                "max_mb": round(max(values), 1),
                "last_mb": round(values[-1], 1),
                "growth_after_warm_up_pct": round(growth * 100, 1),
                "flat": growth <= FLAT,
                "under_150_mb": max(values) < CEILING_MB,
            }
        )
    summary = latency.summary(result)
    services = [r for r in rows if r["process"] in SERVICES]
    targets = {
        "every service's RSS flat (±10 % after the first minute)": all(r["flat"] for r in services),
        "every service's RSS under 150 MB": all(r["under_150_mb"] for r in services),
        "every booking made in VAS once": once["with_one_vas_appointment"] == once["accepted"] == len(result.accepted)
        and once["with_more_than_one"] == 0,
    }
    return {
        "title": f"Steady load: {RATE:g} bookings/s for {SECONDS:g} s by {PEOPLE} residents, RSS every {SAMPLE_S:g} s",
        "rows": rows,
        "params": {"rate": RATE, "seconds": SECONDS, "people": PEOPLE, "sample_s": SAMPLE_S, "warm_up_s": WARM_UP_S},
        "summary": {
            "bookings": summary["bookings"],
            "statuses": summary["statuses"],
            "p50_ms": summary["p50_ms"],
            "p99_ms": summary["p99_ms"],
            "exactly_once": once,
            "rss_samples_mb": {name: [round(v, 1) for v in values] for name, values in samples.items()},
        },
        "targets": targets,
        "notes": [f"{name}: {'met' if met else 'NOT met'}" for name, met in targets.items()],
    }
