"""Run every benchmark, one after another: ``python bench/run.py [docx pdf pdf_parse xlsx intake fuzz scan]``.

Each benchmark compares against its named baseline in the same run and prints medians and
ratios; none is a test (nothing here asserts wall-clock time).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("docx", "pdf", "pdf_parse", "xlsx", "intake", "fuzz", "scan")


def main() -> int:
    wanted = sys.argv[1:] or [n for n in ORDER if (HERE / f"bench_{n}.py").is_file()]
    failed = []
    for name in wanted:
        script = HERE / f"bench_{name}.py"
        print(f"\n=== {name} ({script.name}) ===", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nbenchmarks that reported a missed goal or an error: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
