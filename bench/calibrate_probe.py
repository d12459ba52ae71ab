"""Where the second look's limit goes (``scan/_probe``): for every line it reads again on a
held-out degraded set, is the first reading right, do the two readings agree, how sure is
the second one's least sure character? Prints, per field kind, the least-sure distribution
of lines read right and the lines read wrong that the second look would let through.

usage: python bench/calibrate_probe.py DIR
  DIR from ``tests/fixtures/scans_degraded/make_set.py --out DIR --seed S`` (a seed other
  than the committed subset's, and other than the one you report on)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from fupin_forms.scan import _probe, parse_scan
from fupin_forms.scan._ocr import normalise


def _leaves(obj: object, leaf: str = "") -> list[tuple[str, str]]:
    if isinstance(obj, dict):
        return [x for k, v in obj.items() for x in _leaves(v, k)]
    if isinstance(obj, list):
        return [x for v in obj for x in _leaves(v, leaf)]
    return [] if obj is None or isinstance(obj, bool) else [(leaf, str(obj))]


def _right(leaf: str, text: str, expected: list[tuple[str, str]]) -> bool:
    text = normalise(text)
    if leaf in ("date", "filled_on", "signed_on"):
        digits = [int(d) for d in re.findall(r"\d+", text)]
        return any([int(d) for d in re.findall(r"\d+", v)] == digits for _, v in expected)
    if leaf in _probe.ALPHABETS or leaf in _probe._NAMES:  # a whole value on one line
        return any(text == v for _, v in expected)
    return bool(text) and any(text in v.replace("\n", "") for _, v in expected)


def main() -> int:
    folder = Path(sys.argv[1])
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    rows = []
    for stem, m in sorted(manifest.items()):
        expected = _leaves(json.loads((folder / "expected" / f"{stem}.json").read_text("utf-8")))
        _probe.TRACE = []
        try:
            parse_scan(folder / m["file"])
        except Exception as exc:  # a bench: report and go on
            print("ERR", stem, exc)
            continue
        for leaf, first, second, least, digits in _probe.TRACE:
            rows.append((_right(leaf, first, expected), stem, leaf, first, second, least, digits))
    _probe.TRACE = None
    good = sorted(r[5] for r in rows if r[0])
    print("lines read right, doubted by the digit rule:",
          sum(1 for r in rows if r[0] and r[6] < _probe._DIGIT_SURE and r[2] not in _probe._DATES))
    if good:
        q = [round(good[int(p * (len(good) - 1))], 3) for p in (0.01, 0.05, 0.1, 0.5)]
        print(f"lines read right: n={len(good)}  least p1/p5/p10/p50 = {q}")
        doubted = sum(1 for r in rows if r[0] and not _probe._same(r[4], r[3], r[2]))
        print(f"  of which the second reading disagrees: {doubted}")
    dig = sorted(r[6] for r in rows if r[0] and r[2] not in _probe._DATES and r[6] < 1.0)
    if dig:
        q = [round(dig[int(p * (len(dig) - 1))], 3) for p in (0.01, 0.05, 0.1, 0.5)]
        print(f"lines with digits read right (not dates): n={len(dig)} least digit p1/p5/p10/p50 = {q}")
    for right, stem, leaf, first, second, least, digits in rows:
        if not right:
            caught = (not _probe._same(second, first, leaf)
                      or (least < _probe._UNSURE and (leaf in _probe.ALPHABETS or leaf in _probe._NAMES))
                      or (digits < _probe._DIGIT_SURE and leaf not in _probe._DATES))  # fmt: skip
            print("WRONG", "caught" if caught else "MISSED", stem, leaf, repr(first), repr(second),
                  round(least, 3), round(digits, 3))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
