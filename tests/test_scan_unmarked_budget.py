"""Second looks on unmarked pages go where they can change the outcome (issue 12, speed): a
line already sure to be doubted (its ink holds other digits, its writing runs past the
cell's edge, its cell lost a light line to the placeholder) is not read again. Against
looking at every line, no value changes and no value changes side of the review threshold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fupin_forms.parse.core.tiers import REVIEW_THRESHOLD
from fupin_forms.scan import _unmarked, _unmarked_lines
from fupin_forms.scan._images import load_pages

PAGE = Path(__file__).parent / "fixtures" / "scans_blind2" / "b2_20_unmarked_flatbed_annex4.jpg"


def test_unmarked_second_looks_only_where_they_can_change_a_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    [image] = load_pages(PAGE)
    real = _unmarked_lines.doubted_lines
    looked: dict[str, int] = {}

    def budget(crops: Any, texts: list[str], leaves: list[str], *rest: Any, **kw: Any) -> Any:
        looked["budget"] = sum(1 for t, s in zip(texts, kw["settled"], strict=True) if t and not s)
        return real(crops, texts, leaves, *rest, **kw)

    def every(crops: Any, texts: list[str], leaves: list[str], *rest: Any, **kw: Any) -> Any:
        looked["all"] = sum(1 for t in texts if t)
        return real(crops, texts, leaves, *rest, **{**kw, "settled": None})

    monkeypatch.setattr(_unmarked_lines, "doubted_lines", budget)
    kept = _unmarked.read_unmarked(image)
    monkeypatch.setattr(_unmarked_lines, "doubted_lines", every)
    full = _unmarked.read_unmarked(image)
    assert looked["budget"] < looked["all"]  # the budget saved some looks
    assert kept.data == full.data
    assert kept.fields.keys() == full.fields.keys()
    for key, src in full.fields.items():
        assert (kept.fields[key].confidence >= REVIEW_THRESHOLD) == (
            src.confidence >= REVIEW_THRESHOLD
        ), key
