"""The task queue with real worker processes: two at once share the work without doing any
file twice, and a worker killed mid-parse leaves its job to be retried."""

from __future__ import annotations

import signal
from pathlib import Path

from ._proc import cli, files_state, receive, start, stop, wait_for
from .conftest import SAMPLES

SCAN = SAMPLES / "scans" / "annex4_print_200.jpg"
# one slow scan first: the worker that takes it is busy for seconds while the other takes the
# rest (a worker holds at most three tasks: running, queued, and one in its pusher)
FILES = [
    SCAN,
    *(
        SAMPLES / n
        for n in (
            "annex4_heze_liu.json",
            "annex5_qingyun_zhao.json",
            "annex3_binzhou_unit.json",
            "annex4_dezhou_zhao.json",
        )
    ),
]


def _all_done(data: Path, n: int) -> bool:
    states = files_state(data)
    return len(states) == n and all(s["state"] in ("done", "error") for s in states)


def test_two_workers_share_the_queue(tmp_path: Path) -> None:
    data = tmp_path / "data"
    receive(data, FILES)  # queued before any worker runs: both find work waiting
    workers = [start([*cli(), "worker", "--data", str(data)]) for _ in range(2)]
    try:
        wait_for(lambda: _all_done(data, len(FILES)), 240, "both workers to read every file")
    finally:
        for w in workers:
            stop(w)
    states = files_state(data)
    assert [s["state"] for s in states] == ["done"] * len(FILES)
    assert [s["attempts"] for s in states] == [1] * len(FILES)  # nothing read twice
    assert all(s["forms"] == 1 for s in states)
    assert len({s["worker"] for s in states}) == 2, states  # both processes took work


def test_killed_worker_leaves_its_job_to_be_retried(tmp_path: Path) -> None:
    data = tmp_path / "data"
    receive(data, [SCAN])
    first = start([*cli(), "worker", "--data", str(data)], FUPIN_Q_RETRY="4")
    try:
        wait_for(lambda: files_state(data)[0]["state"] == "parsing", 120, "the scan to be taken")
    finally:
        stop(first, signal.SIGKILL)  # killed mid-parse: no acknowledgement
    assert files_state(data)[0]["state"] == "parsing"
    second = start([*cli(), "worker", "--data", str(data)])
    try:
        wait_for(lambda: files_state(data)[0]["state"] == "done", 180, "the job to be retried")
    finally:
        stop(second)
    (state,) = files_state(data)
    assert state["attempts"] == 2 and state["forms"] == 1
