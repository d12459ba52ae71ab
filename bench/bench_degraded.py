"""Score the scan reader on a degraded-scan set, per condition: fields exact, wrong values
flagged, wrong values *not* flagged (the number that must be 0), seconds per page.

Runs the package importable from ``sys.path`` (so the same script measures the current
reader and a branch: ``PYTHONPATH=/path/to/other/src python bench/bench_degraded.py DIR``).
The files are named ``<condition>__<sample>.<ext>`` with ``expected/<stem>.json`` beside
them (``make_degraded.py``; the blind set uses its own names: the condition is then the
part before the first ``_`` digit-free run, or the whole stem). Scoring is
``/work/shared/tools/score_feed.py`` run per condition on the feed written here.

usage: python bench/bench_degraded.py DIR [--out FEED.jsonl] [--score TOOL]
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

SCORE = "/work/shared/tools/score_feed.py"
SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf"}


def condition(stem: str) -> str:
    return stem.split("__")[0] if "__" in stem else re.sub(r"[_-]?\d+$", "", stem)


def main() -> int:
    args = sys.argv[1:]
    folder = Path(args[0])
    out = Path(args[args.index("--out") + 1]) if "--out" in args else Path("/tmp/degraded.jsonl")
    score = args[args.index("--score") + 1] if "--score" in args else SCORE
    from fupin_forms import api
    from fupin_forms.scan._images import load_pages
    from fupin_forms.scan._ocr import engine

    engine()
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    secs: dict[str, float] = defaultdict(float)
    pages: dict[str, int] = defaultdict(int)
    lines: dict[str, list[str]] = defaultdict(list)
    for path in files:
        cond = condition(path.stem)
        n = len(load_pages(path))
        t = time.process_time()
        records = list(api.parse_paths([path]))
        secs[cond] += time.process_time() - t
        pages[cond] += n
        for rec in records:
            lines[cond].append(json.dumps(rec, ensure_ascii=False, default=str))
    print(f"{'condition':16} {'exact':>7} {'fields':>6} {'flagged':>7} {'silent':>6} {'s/page':>6}")
    allfeed = []
    for cond in sorted(lines):
        feed = out.with_name(f"{out.stem}.{cond}.jsonl")
        feed.write_text("\n".join(lines[cond]) + "\n", "utf-8")
        allfeed += lines[cond]
        run = subprocess.run([sys.executable, score, str(feed), "--expected",
                              str(folder / "expected")], capture_output=True, text=True)  # fmt: skip
        total = json.loads(run.stdout.strip().splitlines()[-1].split(" ", 1)[1])
        silent = total["silent"] + total["rowonly"]
        print(f"{cond:16} {total['exact'] / max(1, total['total']):7.1%} {total['total']:6}"
              f" {total['flagged']:7} {silent:6} {secs[cond] / max(1, pages[cond]):6.2f}")  # fmt: skip
        if os.environ.get("DETAIL"):
            det = subprocess.run([sys.executable, score, str(feed), "--expected",
                                  str(folder / "expected"), "--detail"],
                                 capture_output=True, text=True)  # fmt: skip
            print(det.stdout)
    out.write_text("\n".join(allfeed) + "\n", "utf-8")
    run = subprocess.run([sys.executable, score, str(out), "--expected", str(folder / "expected")],
                         capture_output=True, text=True)  # fmt: skip
    total = json.loads(run.stdout.strip().splitlines()[-1].split(" ", 1)[1])
    print(f"{'ALL':16} {total['exact'] / max(1, total['total']):7.1%} {total['total']:6}"
          f" {total['flagged']:7} {total['silent'] + total['rowonly']:6}"
          f" {sum(secs.values()) / max(1, sum(pages.values())):6.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
