"""Evidence table for the review threshold: per reason a value is flagged (``FieldSource.why``)
and per field kind, how many of the values it flags are right, wrong or missing, and how
many wrong values nothing flags (silent). A reason that flags only right values of a kind on
tuned material is a candidate to relax there; one that flags wrong ones is doing its job.

usage: python bench/calib_table.py FEED.jsonl [...] --expected DIR [--rows OUT.jsonl]
  (one --expected per run: run once per set). ``--rows`` writes every field with its kind,
  value, expected value, confidence and reason, for rules to be tried offline.
Fields are compared at the same JSON path (rows are not re-aligned, as in review_load.py):
use ``score_feed.py`` for the official silent-wrong count.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from review_load import REVIEW, flat, records  # bench/ is the script's folder: the same field walk

NAMES = ("applicant_name", "contact", "contact_person", "unit_head", "expert")
DIGITS = ("participants", "seq", "postcode", "phone")
DATES = ("filled_on", "signed_on", "date")


def kind_of(path: str, value: Any) -> str:
    leaf = path.rsplit(".", 1)[-1].split("[")[0]
    if leaf == "stamped":
        return "stamp"
    if isinstance(value, bool):
        return "tick"
    if leaf in NAMES:
        return "name"
    if leaf in DIGITS:
        return "digits"
    if leaf in DATES:
        return "date"
    return "text"


def reason(why: str) -> str:
    return why.split("：", 1)[0] if why else "（无说明）"


def rows_of(feed: Path, expected: Path) -> list[dict[str, Any]]:
    out = []
    for record, exp in records(feed, expected):
        stem = Path(record["source"]["path"]).stem
        alt = exp.get("_alt", {})
        want, got = flat(exp), flat(record["data"])
        fields = record.get("fields") or {}
        for path in sorted(set(want) | set(got)):
            w, g = want.get(path), got.get(path)
            leaf = path.rsplit(".", 1)[-1]
            if w is None and g in (None, False, "", []):
                continue
            ok = g == w or g in alt.get(path, []) or g in alt.get(leaf, [])
            state = "right" if ok else ("missing" if g in (None, "", []) else "wrong")
            source = fields.get(path) or {}
            conf = float(source.get("confidence", 1.0))
            out.append({"stem": stem, "path": path, "kind": kind_of(path, w if w is not None else g),
                        "want": w, "got": g, "state": state, "conf": conf,
                        "why": str(source.get("why") or "")})  # fmt: skip
    return out


def table(rows: list[dict[str, Any]]) -> None:
    cells: Counter[tuple[str, str, str]] = Counter()
    for r in rows:
        if r["conf"] < REVIEW:
            cells[(reason(r["why"]), r["kind"], r["state"])] += 1
    reasons = Counter(k[0] for k in cells.elements())
    print(f"{'reason':32s} {'kind':6s} {'right':>5s} {'wrong':>5s} {'miss':>5s}")
    for why, _ in reasons.most_common():
        for kind in ("name", "text", "digits", "date", "tick", "stamp"):
            r, w, m = (cells[(why, kind, s)] for s in ("right", "wrong", "missing"))
            if r or w or m:
                print(f"{why[:30]:32s} {kind:6s} {r:5d} {w:5d} {m:5d}")
    right = [r for r in rows if r["state"] == "right"]
    flagged = sum(1 for r in right if r["conf"] < REVIEW)
    silent = [r for r in rows if r["state"] == "wrong" and r["conf"] >= REVIEW]
    share = flagged / len(right) if right else 0.0
    print(f"right {len(right)}, right but flagged {flagged} ({share:.1%}); "
          f"wrong at >= {REVIEW} (by path, before issues): {len(silent)}")


def main(argv: list[str]) -> int:
    if "--expected" not in argv:
        print(__doc__)
        return 2
    at = argv.index("--expected")
    expected = Path(argv[at + 1])
    rest = argv[:at] + argv[at + 2 :]
    out = None
    if "--rows" in rest:
        k = rest.index("--rows")
        out, rest = Path(rest[k + 1]), rest[:k] + rest[k + 2 :]
    rows = [r for feed in rest for r in rows_of(Path(feed), expected)]
    table(rows)
    if out is not None:
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
