"""Distributions of the line evidence (``_evidence.measures``) for lines read right and
lines read wrong, on a calibration split of the degraded set: where the limits go.

usage: python bench/calibrate_evidence.py DIR   (files from make_degraded.py)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fupin_forms.scan import _evidence, parse_scan
from fupin_forms.scan._ocr import normalise
from fupin_forms.scan.synth import expected_values


def main() -> int:
    folder = Path(sys.argv[1])
    rows = []
    for path in sorted(folder.glob("*.*")):
        exp_path = folder / "expected" / f"{path.stem}.json"
        if not exp_path.exists():
            continue
        record = json.loads(exp_path.read_text("utf-8"))
        form = path.stem.split("__")[-1].split("_")[0]
        expected = expected_values(form, record)
        _evidence.TRACE = []
        try:
            parse_scan(path)
        except Exception as exc:
            print("ERR", path.name, exc)
            continue
        for key, text, m in _evidence.TRACE:
            want = expected.get(key)
            if not isinstance(want, str) or not m:
                continue
            good = normalise(text).replace("\n", "") in want.replace("\n", "")
            rows.append((good, path.stem, key, text, m))
    _evidence.TRACE = None
    for name in ("ratio", "lead", "tail", "gap", "strike"):
        good = sorted(m[name] for g, *_, m in rows if g and name in m)
        bad = [(round(m[name], 2), t) for g, _, _, t, m in rows if not g and name in m]
        q = [round(good[int(p * (len(good) - 1))], 2) for p in (0.5, 0.9, 0.99, 1.0)] if good else []
        print(f"{name}: good n={len(good)} p50/p90/p99/max={q}")
        print("   bad:", sorted(bad, reverse=True)[:20])
    for g, stem, key, text, m in rows:
        if not g:
            print("BAD", stem, key, text, {k: round(v, 2) for k, v in m.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
