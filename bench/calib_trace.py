"""Parse a folder of scans once and keep what the confidence rules saw, so rules can be
weighed against the expected values without parsing again (parsing is the costly part).

usage: python bench/calib_trace.py DIR OUT_PREFIX
Writes OUT_PREFIX.jsonl (the feed, as ``fupin-forms parse`` writes it) and
OUT_PREFIX.trace.jsonl (per file: the second look's readings ``_probe.TRACE``, the stamp
boxes' evidence ``_read.STAMP_TRACE``, and what a value whose writing reaches its box's edge
had before that doubt, ``_read.EDGE_TRACE``), for rules to be weighed offline; the feed goes
to ``bench/calib_table.py``.

This round's material (issue 12, confidence): calibrated on the committed
``tests/fixtures/scans_degraded`` and ``scans_blind2`` sets and fresh sets from
``make_set.py --n 1 --seed 1101`` and ``make_blind2.py --n 20 --seed 1303``; checked on
``make_set.py --n 1 --seed 1202`` and ``make_blind2.py --n 20 --seed 1404``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fupin_forms import api
from fupin_forms.feed import feed_line
from fupin_forms.scan import _probe, _read


def main(argv: list[str]) -> int:
    folder, prefix = Path(argv[0]), argv[1]
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in
                   (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf"))  # fmt: skip
    with open(f"{prefix}.jsonl", "w", encoding="utf-8") as feed, \
            open(f"{prefix}.trace.jsonl", "w", encoding="utf-8") as trace:  # fmt: skip
        for path in files:
            _probe.TRACE, _read.STAMP_TRACE, _read.EDGE_TRACE = [], [], {}
            for record in api.parse_paths([path], anchor=folder):
                feed.write(feed_line(record))
            trace.write(json.dumps({"stem": path.stem, "probe": _probe.TRACE,
                                    "stamps": _read.STAMP_TRACE,
                                    "edges": _read.EDGE_TRACE}, ensure_ascii=False) + "\n")  # fmt: skip
            feed.flush()
            trace.flush()
    _probe.TRACE = _read.STAMP_TRACE = _read.EDGE_TRACE = None
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
