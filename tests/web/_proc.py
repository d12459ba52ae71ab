"""Helpers for tests that run the workbench in other processes, on their own data folder."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_PRELUDE = """
import json, sys
from fupin_forms.web.bootstrap import configure, migrate
configure(sys.argv[1], sys.argv[2] or None)
migrate()
"""


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith(("FUPIN_", "DJANGO_"))}
    out.update(FUPIN_FAST_HASHER="1", **extra)
    return out


def django(data: Path, code: str, database: str = "", **extra: str) -> Any:
    """Run ``code`` with Django set up on ``data``; it prints one JSON value, returned here."""
    done = subprocess.run(
        [sys.executable, "-c", _PRELUDE + code, str(data), database],
        capture_output=True,
        text=True,
        env=env(**extra),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def receive(data: Path, paths: list[Path], database: str = "") -> list[str]:
    """Store and enqueue files (no worker runs here); their sha256."""
    code = """
from fupin_forms.web.intake.tasks import receive
out = []
for p in sys.argv[3:]:
    with open(p, "rb") as h:
        out.append(receive(p.rsplit("/", 1)[-1], h).sha256)
print(json.dumps(out))
"""
    done = subprocess.run(
        [sys.executable, "-c", _PRELUDE + code, str(data), database, *map(str, paths)],
        capture_output=True,
        text=True,
        env=env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def files_state(data: Path) -> list[dict[str, Any]]:
    """The stored files' rows, read straight from the SQLite file (cheap enough to poll)."""
    import sqlite3

    with sqlite3.connect(f"file:{data / 'db.sqlite3'}?mode=ro", uri=True, timeout=30) as db:
        rows = db.execute(
            "SELECT f.name, f.state, f.attempts, f.worker,"
            " (SELECT COUNT(*) FROM intake_form WHERE file_id = f.id) FROM intake_storedfile f"
            " ORDER BY f.id"
        ).fetchall()
    keys = ("name", "state", "attempts", "worker", "forms")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def start(args: list[str], **extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        args,
        env=env(**extra),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        try:
            if sig == signal.SIGTERM:
                proc.send_signal(sig)  # the leader stops its children (see cli/_web.py _stop)
            else:
                os.killpg(proc.pid, sig)
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli() -> list[str]:
    return [sys.executable, "-m", "fupin_forms"]
