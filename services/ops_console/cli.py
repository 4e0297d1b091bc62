"""The console's actions for people who live in a terminal:

    python -m services.ops_console groups
    python -m services.ops_console show GROUP            (or a message id)
    python -m services.ops_console retry GROUP --as HSA-ID
    python -m services.ops_console discard GROUP --as HSA-ID
    python -m services.ops_console retry-message ID --as HSA-ID
    python -m services.ops_console discard-message ID --as HSA-ID

Settings as the console's (OPS_CONSOLE_*: broker login, management API, database for the audit).
Every action is audited under the HSA-id given; personnummer are masked in everything shown."""

import argparse
import asyncio
import json
from typing import Any

from services.ops_console.settings import OpsConsoleSettings
from services.ops_console.usecases.console import Console, NotFound
from services.ops_console.wiring import console_from
from shared.db import make_engine
from shared.settings import load_settings

ACTIONS = {"retry": "replay", "discard": "discard"}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m services.ops_console", description=(__doc__ or "").split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("groups", help="failed messages grouped by type, consumer and error")
    show = sub.add_parser("show", help="one group's messages, or one message (masked)")
    show.add_argument("target")
    for name in ("retry", "discard", "retry-message", "discard-message"):
        act = sub.add_parser(name)
        act.add_argument("target", help="a group key" if "message" not in name else "a message id")
        act.add_argument("--as", dest="actor", required=True, help="your HSA-id (for the audit)")
    return p


def build(settings: OpsConsoleSettings) -> Console:
    engine = make_engine(settings.database_url, pool_size=1, application_name="ops_console_cli")
    return console_from(settings, engine, services={})


async def run(args: argparse.Namespace, console: Console) -> tuple[int, list[str]]:
    out: list[str] = []
    try:
        if args.command == "groups":
            groups = await console.groups()
            for g in groups:
                v = g.view()
                out.append(f"{v['key']}  {v['count']:>4}  {v['message_type']}  {v['consumer']}\n      {v['error']}")
            out.append(f"{len(groups)} group(s) / grupp(er)" if groups else "Nothing parked. / Inget parkerat.")
        elif args.command == "show":
            out.append(json.dumps(await _shown(console, args.target), indent=2, ensure_ascii=False, default=str))
        else:
            action, _, kind = args.command.partition("-")
            if kind == "message":
                count = await console.act_on_message(args.target, ACTIONS[action], actor_id=args.actor)
            else:
                count = await console.act_on_group(args.target, ACTIONS[action], actor_id=args.actor)
            out.append(f"{action}: {count}")
    except NotFound:
        return 1, [f"Not found (any more) / finns inte (längre): {args.target}"]
    return 0, out


async def _shown(console: Console, target: str) -> dict[str, Any]:
    try:
        group, members = await console.group(target)
    except NotFound:
        return await console.message(target)
    return {**group.view(), "messages": [m.message.message_id for m in members]}


async def _main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    settings = load_settings(OpsConsoleSettings)
    console = build(settings)
    try:
        code, lines = await run(args, console)
    finally:
        await console.broker.close()
        await console.http.aclose()
        await console.store.engine.dispose()
    print("\n".join(lines))
    return code


def main(argv: list[str]) -> int:
    return asyncio.run(_main(argv))
