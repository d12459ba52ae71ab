"""Unmarked pages read their label lines framed in a little white (issue 12, speed): the
recogniser scales every line to 48 px high, so a line cut tight to its ink costs more
columns than the same line with white above and below. The frame must not change what is
read: against labels cut tight, the same values, on the same side of the review threshold.
The page is the photo on which a wider frame (0.4 em) lost the 项目内容 row."""

from __future__ import annotations

from pathlib import Path

import pytest

from fupin_forms.parse.core.tiers import REVIEW_THRESHOLD
from fupin_forms.scan import _table, _unmarked
from fupin_forms.scan._images import load_pages

PAGE = Path(__file__).parent / "fixtures" / "scans_degraded" / "unmarked_photo_a3_1.jpg"


def test_framed_labels_read_as_tight_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    [image] = load_pages(PAGE)
    assert _table._LABEL_FRAME > 0
    framed = _unmarked.read_unmarked(image)
    monkeypatch.setattr(_table, "_LABEL_FRAME", 0.0)
    tight = _unmarked.read_unmarked(image)
    assert framed.data == tight.data
    assert framed.fields.keys() == tight.fields.keys()
    for key, src in tight.fields.items():
        assert (framed.fields[key].confidence >= REVIEW_THRESHOLD) == (
            src.confidence >= REVIEW_THRESHOLD
        ), key
