"""How much a clerk must look at: values read right but flagged for review, per feed.

usage: python bench/review_load.py FEED.jsonl [FEED.jsonl ...] --expected DIR [--why]

``score_feed.py`` counts wrong values (flagged or silent). This counts the other side of a
confidence: a right value below the review threshold (0.8) still costs a person a look. A
value is "right" when it equals the expected record's value at the same JSON path (rows are
not re-aligned here, so a shifted row counts as not right, not as a false alarm). Prints, per
feed and in total: right values, right but flagged, and with ``--why`` the reasons given for
those flags (``fields[path].why``; "（无说明）" when the reader gave none).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REVIEW = 0.8


def flat(obj: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            if not k.startswith("_"):
                out.update(flat(v, f"{prefix}.{k}" if prefix else k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out.update(flat(v, f"{prefix}[{i}]"))
    else:
        out[prefix] = obj
    return out


def records(feed: Path, expected: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(feed record, its expected record) for every record of ``feed`` with data and an
    expected file named after its source's stem."""
    for line in feed.read_text("utf-8").splitlines():
        record = json.loads(line)
        stem = Path((record.get("source") or {}).get("path", "")).stem
        want_file = expected / f"{stem}.json"
        if want_file.is_file() and record.get("data"):
            yield record, json.loads(want_file.read_text("utf-8"))


def load(feed: Path, expected: Path) -> tuple[int, int, Counter[str]]:
    right = flagged = 0
    reasons: Counter[str] = Counter()
    for record, exp in records(feed, expected):
        want = flat(exp)
        got = flat(record["data"])
        fields = record.get("fields") or {}
        for path, value in want.items():
            if value is None or got.get(path) != value:
                continue
            right += 1
            source = fields.get(path) or {}
            if float(source.get("confidence", 1.0)) < REVIEW:
                flagged += 1
                reasons[str(source.get("why") or "（无说明）")] += 1
    return right, flagged, reasons


def main(argv: list[str]) -> int:
    if "--expected" not in argv:
        print(__doc__)
        return 2
    at = argv.index("--expected")
    expected = Path(argv[at + 1])
    feeds = [Path(a) for a in argv[:at] + argv[at + 2 :] if a != "--why"]
    total_right = total_flagged = 0
    total_reasons: Counter[str] = Counter()
    for feed in feeds:
        right, flagged, reasons = load(feed, expected)
        total_right, total_flagged = total_right + right, total_flagged + flagged
        total_reasons.update(reasons)
        share = flagged / right if right else 0.0
        print(f"{feed.name}: right {right}, right but flagged {flagged} ({share:.0%})")
    share = total_flagged / total_right if total_right else 0.0
    print(f"TOTAL right {total_right}, right but flagged {total_flagged} ({share:.0%})")
    if "--why" in argv:
        for why, n in total_reasons.most_common():
            print(f"  {n:4d}  {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
