"""A clean marked print at 300 dpi is read exactly (issue 12: ≥ 99.5 % on clean prints).

The two fields of our degraded-scan set that missed a field each: a Kai print's 枣庄 read as
東產 (the line's writing small in the recogniser's frame; ``_read._read_closer`` reads the
least sure lines again without the margin), and a large slanted line cut in two, its lower
half read as a line of garbage (``_lines.split_lines`` cuts only at a valley)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fupin_forms import api

from ._records import flat

SET = Path(__file__).parent / "fixtures" / "scans_degraded"


@pytest.mark.parametrize(
    ("stem", "path"), [("clean300_a3_1", "project_content"), ("clean300_a4_2", "employer")]
)
def test_clean_print_field_read_exactly(stem: str, path: str) -> None:
    [record] = list(api.parse_paths([SET / f"{stem}.jpg"]))
    want = flat(json.loads((SET / "expected" / f"{stem}.json").read_text("utf-8")))
    assert flat(record["data"])[path] == want[path]
