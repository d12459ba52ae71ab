"""PDF parse rate on one core (issue 15, goal ≥ 50 PDFs/s for our forms, fillable and
flattened), against the reader at an earlier commit, in the same run.

    python bench/bench_pdf_parse.py [--seconds 5] [--rounds 3] [--before COMMIT]

The baseline is ``src/fupin_forms`` at ``--before`` (default c4bdde8, main when the last part
of issue 15 was taken up; f4a51dd is the reader before any of it), taken with ``git archive``
into a temporary folder. Each measurement runs in a child process pinned to one CPU (Linux),
parsing the six samples rendered as fillable PDFs (and, apart, as flattened PDFs) in a loop
for ``--seconds`` of CPU time; the rate is PDFs per second of the child's CPU time
(``time.process_time``), so other work on a loaded machine slows it less than wall time
would. Rounds alternate baseline and current, and the medians are compared. Nothing here is
a test: rates depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "c4bdde8"  # main when the rest of issue 15 was taken up (f4a51dd: before all of it)

CHILD = r"""
import os, sys, time
from pathlib import Path
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from fupin_forms.parse.pdf import parse_pdf
files = [Path(p).read_bytes() for p in sys.argv[2:]]
for data in files:
    parse_pdf(data)  # warm: imports, caches
seconds, n, start = float(sys.argv[1]), 0, time.process_time()
while time.process_time() - start < seconds:
    for data in files:
        parse_pdf(data)
        n += 1
print(n / (time.process_time() - start))
"""


def _render(folder: Path) -> dict[str, list[str]]:
    sys.path.insert(0, str(ROOT / "src"))
    from fupin_forms.models import model_for
    from fupin_forms.render.pdf import render_pdf

    out: dict[str, list[str]] = {"fillable": [], "flattened": []}
    for sample in sorted((ROOT / "samples").glob("*.json")):
        form = sample.stem.split("_")[0]
        model = model_for(form).model_validate(json.loads(sample.read_text("utf-8")))
        for kind, flatten in (("fillable", False), ("flattened", True)):
            path = folder / f"{sample.stem}-{kind}.pdf"
            path.write_bytes(render_pdf(form, model, flatten=flatten))
            out[kind].append(str(path))
    return out


def _rate(src: Path, seconds: float, files: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(seconds), *files],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(run.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default=BEFORE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive = folder / "before.tar"
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", "-o", str(archive), args.before, "src/fupin_forms"],
            check=True,
        )  # fmt: skip
        with tarfile.open(archive) as tar:
            tar.extractall(folder / "before", filter="data")
        sources = {"before": folder / "before" / "src", "now": ROOT / "src"}
        files = _render(folder)
        goal_met = True
        for kind, paths in files.items():
            rates: dict[str, list[float]] = {"before": [], "now": []}
            for _ in range(args.rounds):
                for name, src in sources.items():
                    rates[name].append(_rate(src, args.seconds, paths))
            before, now = (statistics.median(rates[n]) for n in ("before", "now"))
            print(
                f"{kind:9s}: before ({args.before}) {before:6.1f} PDFs/s, now {now:6.1f} PDFs/s, "
                f"x{now / before:.2f}  (one core, CPU time, {len(paths)} samples, "
                f"medians of {args.rounds})"
            )
            goal_met = goal_met and now >= 50
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        print("goal ≥ 50/s, fillable and flattened:", "met" if goal_met else "NOT met")
        return 0 if goal_met else 1


if __name__ == "__main__":
    sys.exit(main())
