"""The watched inbox folder: files dropped there are stored, queued and moved aside.

Like a consume folder: a file is taken only when its size has stopped changing between two
sweeps (still being copied otherwise), and moved to ``已导入/`` once it is in the store.
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from .store import accepted
from .tasks import receive

_sizes: dict[Path, int] = {}


def sweep(inbox: Path | None = None) -> int:
    """One pass over the inbox; returns how many files were taken."""
    inbox = Path(inbox or settings.INBOX_DIR)
    done = inbox / "已导入"
    inbox.mkdir(parents=True, exist_ok=True)
    taken = 0
    for path in sorted(inbox.rglob("*")):
        if not path.is_file() or done in path.parents or not accepted(path.name):
            continue
        size = path.stat().st_size
        if _sizes.get(path) != size:
            _sizes[path] = size  # seen for the first time or still growing: next sweep
            continue
        with open(path, "rb") as handle:
            receive(path.name, handle, office="收件箱")
        target = done / path.relative_to(inbox)
        target.parent.mkdir(parents=True, exist_ok=True)
        path.replace(target)
        _sizes.pop(path, None)
        taken += 1
    return taken


def watch(interval: float = 2.0, stop: threading.Event | None = None) -> threading.Thread:
    """Sweep the inbox every ``interval`` seconds in a daemon thread."""
    stop = stop or threading.Event()

    def loop() -> None:
        from django.db import close_old_connections

        while not stop.wait(interval):
            try:
                sweep()
            except Exception as exc:  # keep watching; say why once per failure
                print(f"收件箱处理出错：{type(exc).__name__}: {exc}", flush=True)
            finally:
                close_old_connections()

    thread = threading.Thread(target=loop, name="inbox", daemon=True)
    thread.start()
    return thread
