"""`clients/booking/`: a typed Python client for the booking API, generated from its OpenAPI document.

The generator is openapi-python-client (pinned in uv.lock): attrs models for every schema, one
module per operation with sync and async functions, and a typed `Response` whose `parsed` is the
success model or the operation's problem type. The client is kept in the repository so that callers
(the end-to-end tests, the demo portal) import it without a build step; a unit test fails when it is
not what today's OpenAPI document generates.

`python -m deploy.client` regenerates it; `--check` exits 1 when the committed client differs.
"""

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parents[1]
CLIENT = ROOT / "clients" / "booking"
CONFIG = {
    "project_name_override": "tidbok-booking-client",
    "package_name_override": "booking",
    "literal_enums": False,
    # Tidied with ruff on its own settings (the project's ruff leaves clients/booking alone: it is held
    # to a fresh run of the generator instead).
    "post_hooks": [
        "ruff check . --isolated --no-cache --select F401,I --fix-only --quiet",
        "ruff format . --isolated --no-cache --line-length 120 --quiet",
    ],
}


def booking_openapi() -> dict[str, object]:
    from services.booking.main import create_app

    return create_app().openapi()


def generate(into: Path) -> None:
    """Write the client package to `into` (which must not exist)."""
    with tempfile.TemporaryDirectory() as work:
        spec, config = Path(work) / "booking.json", Path(work) / "config.json"
        spec.write_text(json.dumps(booking_openapi(), indent=1, sort_keys=True), encoding="utf-8")
        config.write_text(json.dumps(CONFIG), encoding="utf-8")
        bin_dir = Path(sys.executable).parent
        env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
        command = [str(bin_dir / "openapi-python-client"), "generate", "--path", str(spec), "--config", str(config)]
        command += ["--meta", "none", "--output-path", str(into)]
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not into.is_dir():
            raise RuntimeError(f"openapi-python-client failed:\n{done.stdout}\n{done.stderr}")
    (into / "py.typed").touch()


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ between two trees (relative paths), caches ignored."""
    compared = filecmp.dircmp(a, b, ignore=["__pycache__", ".ruff_cache"])
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files)
        found.extend(prefix + name for name in cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(compared, "")
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 when clients/booking is out of date")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        fresh = Path(work) / "booking"
        generate(fresh)
        if args.check:
            stale = differences(fresh, CLIENT) if CLIENT.is_dir() else ["(missing)"]
            if stale:
                print(f"{CLIENT} is out of date ({', '.join(stale[:5])}): run python -m deploy.client", file=sys.stderr)
                return 1
            return 0
        shutil.rmtree(CLIENT, ignore_errors=True)
        shutil.copytree(fresh, CLIENT, ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache"))
    print(f"wrote {CLIENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
