"""CPU seconds per page of two scan readers on the same pages in the same run: this checkout
and a baseline (another source tree, with its own Python if it has its own venv), and the
cold costs a user sees: ``fupin-forms --help`` and a cold ``parse`` of one page.

Why CPU time: the machine this runs on is shared, so wall clock measures the neighbours;
process time (all threads of the measuring process) is the cost on one core. Each reader
runs in its own process with one ONNX thread (``OMP_NUM_THREADS=1
FUPIN_FORMS_OCR_THREADS=1``) and its models loaded and one page read before timing (one
model load per worker, as in production). Rounds alternate baseline and this tree so load
drifts hit both alike; the figures are medians over rounds.

usage: python bench/bench_speed.py OTHER_SRC [PAGE...] [--other-python PY] [--rounds N]
         [--cold N]
  OTHER_SRC        the baseline's ``src`` folder (e.g. a worktree of main)
  PAGE...          image/TIFF/PDF files; default: the degraded-scan fixtures and samples/scans
  --other-python   the baseline's interpreter (default: this one)
  --rounds N       timed passes over the pages per reader (default 2)
  --cold N         cold runs of ``--help`` and of ``parse`` per reader (default 3)

A page counts as *marked* when the degraded set's manifest says so, or (files outside it)
when the reader finds our QR code; marks cut away (``marks_cropped``) read as unmarked.
Goals (issue 12): marked ≤ 1.5 s, unmarked ≤ 3 s per page at 200 dpi, ``--help`` ≤ 0.3 s.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "scans_degraded"
SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf"}

WORKER = r"""
import json, sys, time
from fupin_forms.scan import parse_scan
from fupin_forms.scan._images import load_pages
from fupin_forms.scan._ocr import engine
from fupin_forms.scan._register import register
engine()
rounds, pages = int(sys.argv[1]), sys.argv[2:]
parse_scan(pages[0])  # warm: layouts, blank forms, first inference
out = {}
for path in pages:
    images = load_pages(path)
    marked = all(register(image) is not None for image in images)
    out[path] = {"n": len(images), "marked": marked, "cpu": []}
for _ in range(rounds):
    for path in pages:
        c = time.process_time()
        try:
            parse_scan(path)
        except Exception:
            pass
        out[path]["cpu"].append(time.process_time() - c)
print(json.dumps(out))
"""


def _env(src: str) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=src, OMP_NUM_THREADS="1", FUPIN_FORMS_OCR_THREADS="1")


def _child_cpu(cmd: list[str], env: dict[str, str]) -> float:
    """User + system seconds of one child process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, check=False, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def warm(python: str, src: str, pages: list[str], rounds: int) -> dict[str, dict]:  # type: ignore[type-arg]
    done = subprocess.run([python, "-c", WORKER, str(rounds), *pages], env=_env(src),
                          check=True, capture_output=True, text=True)  # fmt: skip
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def cold(python: str, src: str, page: str, runs: int) -> tuple[float, float]:
    """Median CPU seconds of ``fupin-forms --help`` and of a cold ``parse`` of ``page``."""
    env = _env(src)
    cli = [python, "-c", "import sys; from fupin_forms.cli import main; sys.exit(main())"]
    helps, parses = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(runs):
            helps.append(_child_cpu([*cli, "--help"], env))
            out = str(Path(tmp) / f"feed{n}.jsonl")
            parses.append(_child_cpu([*cli, "parse", page, "-o", out], env))
    return statistics.median(helps), statistics.median(parses)


def _default_pages() -> list[str]:
    found = [p for p in sorted(FIXTURES.iterdir()) if p.suffix.lower() in SUFFIXES]
    found += [p for p in sorted((ROOT / "samples" / "scans").iterdir())
              if p.suffix.lower() in SUFFIXES]  # fmt: skip
    return [str(p) for p in found]


def _marked_by_manifest() -> dict[str, bool]:
    manifest = json.loads((FIXTURES / "manifest.json").read_text("utf-8"))
    return {
        str(FIXTURES / m["file"]): bool(m["marked"]) and m["condition"] != "marks_cropped"
        for m in manifest.values()
    }


def _option(args: list[str], name: str, default: str) -> str:
    if name in args:
        i = args.index(name)
        value = args[i + 1]
        del args[i : i + 2]
        return value
    return default


def main() -> int:
    args = sys.argv[1:]
    rounds = int(_option(args, "--rounds", "2"))
    runs = int(_option(args, "--cold", "3"))
    other_py = _option(args, "--other-python", sys.executable)
    if not args:
        print(__doc__)
        return 2
    other, pages = args[0], [str(Path(p).resolve()) for p in args[1:]] or _default_pages()
    here = str(ROOT / "src")
    readers = {"base": (other_py, other), "this": (sys.executable, here)}
    times: dict[str, dict[str, list[float]]] = {"base": {}, "this": {}}
    info: dict[str, dict] = {}  # type: ignore[type-arg]
    for _ in range(2):  # two processes per reader, interleaved
        for name, (py, src) in readers.items():
            got = warm(py, src, pages, max(1, rounds // 2))
            for path, row in got.items():
                times[name].setdefault(path, []).extend(c / row["n"] for c in row["cpu"])
                info.setdefault(path, row)
    manifest = _marked_by_manifest()
    print(f"load average {os.getloadavg()[0]:.1f}; CPU seconds per page, median of "
          f"{2 * max(1, rounds // 2)} reads")  # fmt: skip
    print(f"{'page':36} {'kind':8} {'base':>6} {'this':>6} {'ratio':>6}")
    kinds: dict[str, dict[str, list[float]]] = {}
    for path in pages:
        marked = manifest.get(path, bool(info[path]["marked"]))
        kind = "marked" if marked else "unmarked"
        b, t = statistics.median(times["base"][path]), statistics.median(times["this"][path])
        kinds.setdefault(kind, {"base": [], "this": []})
        kinds[kind]["base"].append(b)
        kinds[kind]["this"].append(t)
        print(f"{Path(path).name[:36]:36} {kind:8} {b:6.2f} {t:6.2f} {t / b:6.2f}")
    print()
    print(f"{'what':28} {'base':>6} {'this':>6}  goal")
    goals = {"marked": 1.5, "unmarked": 3.0}
    for kind, row in sorted(kinds.items()):
        for label, fn in (("median", statistics.median), ("max", max)):
            print(f"{kind + ' page, ' + label:28} {fn(row['base']):6.2f} {fn(row['this']):6.2f}"
                  f"  ≤ {goals[kind]}")  # fmt: skip
    first = next((p for p in pages if manifest.get(p, info[p]["marked"])), pages[0])
    cold_b = cold(other_py, other, first, runs)
    cold_t = cold(sys.executable, here, first, runs)
    print(f"{'fupin-forms --help':28} {cold_b[0]:6.2f} {cold_t[0]:6.2f}  ≤ 0.3")
    print(f"{'cold parse, 1 marked page':28} {cold_b[1]:6.2f} {cold_t[1]:6.2f}  ({Path(first).name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
