"""PDF parse rate on one core (issue 15, goal ≥ 50 PDFs/s for our fillable forms), against
the reader at f4a51dd (before this round of work), in the same run.

    python bench/bench_pdf_parse.py [--seconds 5] [--rounds 3] [--before COMMIT]

The baseline is ``src/fupin_forms`` at ``--before`` (default: the commit before the fast
path), taken with ``git archive`` into a temporary folder. Each measurement runs in a child
process pinned to one CPU (Linux), parsing the six samples rendered as fillable PDFs (and,
reported apart, as flattened PDFs) in a loop for ``--seconds``; rounds alternate baseline and
current, and the medians are compared. Nothing here is a test: rates depend on the machine.
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
BEFORE = "f4a51dd"  # main when issue 15 was taken up: pdfminer reads every widget

CHILD = r"""
import os, sys, time
from pathlib import Path
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from fupin_forms.parse.pdf import parse_pdf
files = [Path(p).read_bytes() for p in sys.argv[2:]]
for data in files:
    parse_pdf(data)  # warm: imports, caches
seconds, n, start = float(sys.argv[1]), 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    for data in files:
        parse_pdf(data)
        n += 1
print(n / (time.perf_counter() - start))
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
                f"x{now / before:.2f}  (one core, {len(paths)} samples, medians of {args.rounds})"
            )
            if kind == "fillable" and now < 50:
                goal_met = False
        print("goal ≥ 50/s for fillable forms:", "met" if goal_met else "NOT met")
        return 0 if goal_met else 1


if __name__ == "__main__":
    sys.exit(main())
