"""Fuzz run (issues 8, 13): N mutants per format, counting parsed / refused / crashes / hangs,
after the hostile corpora, each case in its own process (time, CPU, peak memory).

A hang is a case slower than 5 s. Prints the slowest case per format. Round two (issue 13)
prints every attack of the issue with its outcome, wall and CPU seconds and peak RSS
(the child's VmHWM), and the worst of each against the 10 s / 500 MB target.

    python bench/bench_fuzz.py [--cases 2000] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile.fuzz import KINDS, mutants, run_case

HANG_SECONDS = 5.0


def corpus_limits() -> None:
    """Each hostile corpus case through ``fupin-forms check`` in its own process: time and peak RSS."""
    import subprocess
    import tempfile

    from tests.hostile.corpus import CASES

    with tempfile.TemporaryDirectory() as tmp:
        # Built in its own process: Linux keeps a process's peak RSS across fork+exec, so the
        # process that spawns the measured children must stay small.
        root = Path(__file__).resolve().parents[1]
        subprocess.run(
            [sys.executable, "-m", "tests.hostile.corpus", tmp],
            cwd=root,
            check=True,
            capture_output=True,
        )
        names = list(CASES)
        worst_time, worst_mem = (0.0, ""), (0.0, "")
        for name in names:
            code = (
                "import resource, sys, time; from fupin_forms.cli import main; t = time.perf_counter()\n"
                "try: main(['check', sys.argv[1]])\nexcept SystemExit as e: code = e.code\n"
                "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
                "sys.stderr.write(f'{time.perf_counter() - t} {int(hwm[0].split()[1]) / 1024} {code}')"
            )
            done = subprocess.run(
                [sys.executable, "-c", code, str(Path(tmp) / name)], capture_output=True, text=True
            )
            seconds, peak, exit_code = done.stderr.strip().splitlines()[-1].split()
            worst_time = max(worst_time, (float(seconds), name))
            worst_mem = max(worst_mem, (float(peak), name))
            if exit_code != "1" or "Traceback" in done.stdout + done.stderr:
                print(f"   corpus case {name}: exit {exit_code}")
        print(
            f"hostile corpus: {len(names)} cases; slowest {worst_time[1]} {worst_time[0]:.2f} s (limit 5 s); "
            f"largest peak RSS {worst_mem[1]} {worst_mem[0]:.0f} MB (limit 500 MB)"
        )


def round_two(names: list[str] | None = None) -> None:
    """Every issue-13 attack, built in a child and measured each in its own process."""
    import subprocess
    import tempfile

    from tests.hostile.round2 import CASES, measure

    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "tests.hostile.round2", tmp, *(names or [])],
                       cwd=root, check=True, capture_output=True)  # fmt: skip
        worst_time, worst_cpu, worst_mem, failed = (0.0, ""), (0.0, ""), (0.0, ""), []
        for name in names or list(CASES):
            r = measure(Path(tmp) / name)
            print(f"   {name:28s} {'ok ' if r['ok'] else 'BAD'} {r['seconds']:6.2f} s "
                  f"(cpu {r['cpu']:5.2f} s) {r['peak_mb']:5.0f} MB  {str(r['detail'])[:90]}")  # fmt: skip
            worst_time = max(worst_time, (r["seconds"], name))
            worst_cpu = max(worst_cpu, (r["cpu"], name))
            worst_mem = max(worst_mem, (r["peak_mb"], name))
            if not r["ok"]:
                failed.append(name)
        print(
            f"round two: {len(names or CASES)} attacks, {len(failed)} with the wrong outcome {failed}; "
            f"slowest {worst_time[1]} {worst_time[0]:.2f} s wall, most CPU {worst_cpu[1]} "
            f"{worst_cpu[0]:.2f} s; largest peak {worst_mem[1]} {worst_mem[0]:.0f} MB "
            "(target 10 s, 500 MB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--skip-corpus", action="store_true", help="mutants only")
    args = parser.parse_args()
    if not args.skip_corpus:
        corpus_limits()  # first, while this process is still small
        round_two()
    for kind in args.kinds.split(","):
        counts: Counter[str] = Counter()
        shapes: Counter[str] = Counter()
        slowest = (0.0, "")
        crashes: list[str] = []
        start = time.perf_counter()
        for label, data in mutants(kind, args.seed, args.cases):
            t0 = time.perf_counter()
            outcome, detail = run_case(kind, data)
            took = time.perf_counter() - t0
            counts[outcome] += 1
            shapes[outcome] += label.endswith("-shape")
            counts["hang"] += took > HANG_SECONDS
            slowest = max(slowest, (took, label))
            if outcome == "crash":
                crashes.append(f"{label}: {detail[:160]}")
        total = time.perf_counter() - start
        print(
            f"{kind}: {args.cases} cases in {total:.0f} s — parsed {counts['ok']}, refused {counts['refused']}, "
            f"crashes {counts['crash']}, hangs {counts['hang']}; slowest {slowest[1]} {slowest[0]:.2f} s; "
            f"hostile shapes {sum(shapes.values())} ({dict(shapes)})"
        )
        for line in crashes[:10]:
            print("   crash", line)


if __name__ == "__main__":
    main()
