"""Seconds per page of two readers on the same pages in the same run: this checkout and
another source tree (e.g. main's), alternating, each in its own process with the OCR model
loaded before timing (one model load per worker, as in production).

usage: python bench/bench_speed.py OTHER_SRC PAGE... [--rounds N]
Prints per reader the median CPU seconds per page (process time: all threads of the
process, the cost on one core) and the median wall seconds, and the ratio this/other.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

WORKER = r"""
import json, sys, time
from fupin_forms.scan import parse_scan
from fupin_forms.scan._ocr import engine
engine()
parse_scan(sys.argv[1])  # warm: layouts, blank forms, first inference
out = []
for path in sys.argv[1:]:
    c, w = time.process_time(), time.perf_counter()
    try:
        pages = parse_scan(path)
    except Exception as exc:
        pages = []
    out.append((path, time.process_time() - c, time.perf_counter() - w))
print(json.dumps(out))
"""


def run(src: str, pages: list[str]) -> list[tuple[str, float, float]]:
    env = dict(os.environ, PYTHONPATH=src, OMP_NUM_THREADS="1")
    done = subprocess.run([sys.executable, "-c", WORKER, *pages], env=env, check=True,
                          capture_output=True, text=True)  # fmt: skip
    return [tuple(x) for x in json.loads(done.stdout.strip().splitlines()[-1])]  # type: ignore[misc]


def main() -> int:
    args = sys.argv[1:]
    rounds = int(args[args.index("--rounds") + 1]) if "--rounds" in args else 1
    if "--rounds" in args:
        i = args.index("--rounds")
        del args[i : i + 2]
    other, pages = args[0], args[1:]
    here = str(Path(__file__).resolve().parents[1] / "src")
    times: dict[str, dict[str, list[tuple[float, float]]]] = {"this": {}, "other": {}}
    for _ in range(rounds):
        for name, src in (("other", other), ("this", here)):
            for path, cpu, wall in run(src, pages):
                times[name].setdefault(path, []).append((cpu, wall))
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'page':48} {'other cpu':>9} {'this cpu':>9} {'other wall':>10} {'this wall':>10}")
    ratios = []
    for path in pages:
        o = times["other"][path]
        t = times["this"][path]
        oc, tc = statistics.median(x[0] for x in o), statistics.median(x[0] for x in t)
        ow, tw = statistics.median(x[1] for x in o), statistics.median(x[1] for x in t)
        ratios.append(tc / oc)
        print(f"{Path(path).name[:48]:48} {oc:9.2f} {tc:9.2f} {ow:10.2f} {tw:10.2f}")
    print(f"median ratio this/other (cpu): {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
