"""The README's "First booking with curl", run as written against the system `make run` starts.

The test starts `python -m deploy.local.run` (what `make run` runs, on its real ports, databases and
broker), waits until VAS sync has brought the simulator's demo times to booking, then runs every
command of the section's shell blocks in bash, in order, as a new user would paste them: the only
edits are the README's own placeholders (`<slot id>`, `<id>`), filled from the answers before them.
Every command must exit 0 and answer what the README says it answers.
"""

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[2]
README = ROOT / "README.md"
SECTION = "## First booking with curl"
PORTS = (8000, 8001, 8002, 8003, 8010, 8080, 8090, 8097, 8098, 8099)


def walkthrough() -> list[str]:
    """The section's shell commands, continuation lines joined, comments dropped."""
    text = README.read_text(encoding="utf-8")
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    commands: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
        joined = re.sub(r"\\\n\s*", "", block)
        commands += [line.strip() for line in joined.splitlines() if line.strip() and not line.startswith("#")]
    return commands


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=1):
            return True
    except OSError:
        return False


def _slots_listed(timeout_s: float) -> None:
    """VAS sync brings the simulator's demo times to booking over the change feed, some 13,500 of them
    in the simulator's order (not by day): wait for the ones the README lists, from the day after
    tomorrow, not merely for the first to arrive."""
    first_day = date.today() + timedelta(days=2)
    url = (
        "http://127.0.0.1:8000/v1/slots?clinic=SE2321000115-O10001&time_type=nurse-visit"
        f"&from={first_day.isoformat()}&limit=3"
    )
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if json.load(answer)["items"]:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"no nurse times listed at the README's clinic within {timeout_s:.0f} s of make run")


def _call(method: str, url: str, token: str | None = None, body: object = None) -> Any:
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def _cancel_leftovers() -> None:
    """`make run` keeps its databases: a walkthrough that stopped half-way (or a person trying it by
    hand) may have left the test person's bookings, and a resident has at most 4 coming web bookings."""
    token = _call("POST", "http://127.0.0.1:8099/token", body={"personnummer": "19121212-1212"})["access_token"]
    mine = _call("GET", "http://127.0.0.1:8000/v1/appointments?limit=200", token)["items"]
    for appointment in mine:
        if appointment["status"] in ("pending", "booked") and appointment["channel"] == "web":
            # Too late to cancel (refused): it does not block a new booking of a later time.
            with contextlib.suppress(OSError):
                _call("POST", f"http://127.0.0.1:8000/v1/appointments/{appointment['id']}/cancel", token)


def _children(pid: int) -> list[int]:
    """The processes `pid` started (Linux /proc): make run starts each service in a session of its own."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C as a person would; whatever is left after make run's own grace is killed, services too."""
    services = _children(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=45)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    for pid in services:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def make_run() -> Iterator[None]:
    busy = [port for port in PORTS if _answers(port)]
    assert not busy, f"ports {busy} already answer: stop the running `make run` before this test"
    (ROOT / ".run").mkdir(exist_ok=True)
    log = (ROOT / ".run" / "walkthrough.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "deploy.local.run"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while not all(_answers(port) for port in PORTS):
            assert process.poll() is None, f"make run exited with {process.returncode} (see .run/walkthrough.log)"
            assert time.monotonic() < deadline, "make run's services did not all answer within 180 s"
            time.sleep(0.5)
        _slots_listed(timeout_s=120)
        _cancel_leftovers()
        yield
    finally:
        _stop(process)
        log.close()


class Shell:
    """Runs the README's commands one by one, keeping the variables they set (TOKEN, OPS)."""

    def __init__(self) -> None:
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("HTTP_PROXY", "http_proxy"))}
        self.outputs: list[tuple[str, str]] = []

    def run(self, command: str) -> str:
        assigned = re.match(r"^([A-Z_]+)=(.*)$", command, flags=re.S)
        script = command + (f'\nprintf %s "${assigned.group(1)}"' if assigned else "")
        # A session of its own, so a command that hangs is killed with everything it started (curl
        # inside a $(...) included), not left holding the pipe.
        process = subprocess.Popen(
            ["bash", "-euo", "pipefail", "-c", script],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise AssertionError(f"{command}\ndid not finish within 60 s") from None
        assert process.returncode == 0, f"{command}\nexit {process.returncode}: {err}{out}"
        if assigned:
            self.env[assigned.group(1)] = out
        self.outputs.append((command, out))
        return out


def _json(output: str, command: str) -> Any:
    try:
        return json.loads(output)
    except ValueError:
        raise AssertionError(f"{command}\nanswered no JSON: {output[:300]}") from None


@pytest.mark.timeout(600)  # starting the whole system is part of the test
def test_the_readme_walkthrough_runs_as_written(make_run: None) -> None:
    commands = walkthrough()
    assert len(commands) >= 10, commands
    shell = Shell()
    slot_id = appointment_id = None
    for command in commands:
        if "<slot id>" in command:
            assert slot_id, "the README books before it lists a time"
            command = command.replace("<slot id>", slot_id)
        if "<id>" in command:
            assert appointment_id, "the README uses an appointment before it books one"
            command = command.replace("<id>", appointment_id)
        output = shell.run(command)
        variable = re.match(r"^([A-Z_]+)=", command)
        if variable:
            assert output, f"{command}: set nothing"
            if variable.group(1) in ("TOKEN", "OPS"):
                assert output.count(".") == 2, f"{command}: no token"  # a JWT
            continue
        answer = _json(output, command)
        assert not (isinstance(answer, dict) and "code" in answer and "status" in answer and answer["status"] >= 400), (
            f"{command}\nwas refused: {answer}"
        )
        if "/v1/slots?" in command:
            assert answer["items"], f"{command}: no times listed"
            slot_id = answer["items"][0]["id"]
        elif "-X POST localhost:8000/v1/appointments " in command:
            assert answer["status"] == "pending", answer
            assert answer["slot_id"] == slot_id
            appointment_id = answer["id"]
        elif command.endswith('/v1/appointments -H "Authorization: Bearer $TOKEN"'):
            assert appointment_id in {a["id"] for a in answer["items"]}, "my list lacks the booking just made"
        elif "/reschedule-targets" in command:
            assert "items" in answer
        elif "/cancel" in command:
            assert answer["status"] == "cancelled", answer
        elif "/ops/status" in command:
            assert isinstance(answer, dict) and answer, answer
    ran = " ".join(command for command, _ in shell.outputs)
    for step in ("/v1/clinics", "/v1/slots?", "/v1/appointments", "/reschedule-targets", "/cancel", "/ops/status"):
        assert step in ran, f"the walkthrough no longer has {step}"
