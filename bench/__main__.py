"""`python -m bench [name ...]`: run the named benchmarks (default: all), print a table per
benchmark and write its figures to ``bench/results/<name>.json``.

A benchmark is an async callable returning a `Result`; add one with a line in `BENCHMARKS`.
"""

import asyncio
import json
import os
import platform
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import booking, notifications, publishing, rush, steady, toolkit, vas_adapters, vas_freshness, vas_sync
from deploy.broker import main as broker_users
from shared.logging import configure_logging

Result = dict[str, Any]
"""What a benchmark returns: ``title``, ``rows`` (list of flat dicts, one per variant; printed
as a table) and anything else it wants kept (``params``, ``summary``, ``rounds``...)."""

BENCHMARKS: dict[str, Callable[[], Awaitable[Result]]] = {
    "toolkit": toolkit.run,
    "publishing": publishing.run,
    "booking": booking.run,
    "rush": rush.run,
    "notifications": notifications.run,
    "vas_sync": vas_sync.run,
    "vas_adapters": vas_adapters.run,
    "vas_freshness": vas_freshness.run,
    "steady": steady.run,
}

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def format_table(rows: list[dict[str, Any]]) -> str:
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    cells = [[_cell(row.get(column, "")) for column in columns] for row in rows]
    widths = [max(len(column), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)]
    lines = ["  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    for line in cells:
        lines.append(
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=True))
            )
        )
    return "\n".join(lines)


async def run(names: list[str]) -> int:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name in names:
        print(f"== {name}", flush=True)
        started = datetime.now(UTC)
        try:
            result = await BENCHMARKS[name]()
        except Exception as exc:
            print(f"{name}: FAILED: {exc!r}", file=sys.stderr, flush=True)
            failed += 1
            continue
        result = {"benchmark": name, "started_at": started.isoformat(), "machine": machine(), **result}
        print(result.get("title", name))
        print(format_table(result["rows"]))
        for note in result.get("notes", []):
            print(f"  {note}")
        path = RESULTS_DIR / f"{name}.json"
        path.write_text(json.dumps(result, indent=2, default=str) + "\n")
        print(f"-> {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}\n", flush=True)
        if not result.get("ok", True):
            failed += 1
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    unknown = [name for name in argv if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    configure_logging("bench", os.environ.get("BENCH_LOG_LEVEL", "WARNING"))
    # The services log in to the broker as themselves, as under `make run`.
    if broker_users(["--vhost", "/"]) != 0:
        return 1
    return asyncio.run(run(argv or list(BENCHMARKS)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
