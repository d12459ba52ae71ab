"""Second readings go where they can change the outcome (issue 12, speed): a marked page's
digit, date, e-mail and name lines are looked at again (``_probe``) only in zones whose value
would otherwise be trusted. Against looking at every such line, no value changes and no
value changes side of the review threshold; a value under review may keep a higher
confidence (it was not lowered further), and a trusted one keeps its confidence exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fupin_forms.parse.core.tiers import REVIEW_THRESHOLD
from fupin_forms.scan import _read
from fupin_forms.scan._images import load_pages
from fupin_forms.scan._register import register

SET = Path(__file__).parent / "fixtures" / "scans_degraded"


def _values(reg: Any) -> dict[str, tuple[Any, float]]:
    reading = _read.read_page(reg)
    return {key: (value, src.confidence) for key, (_z, value, src) in reading.values.items()}


def test_second_looks_only_where_a_value_would_be_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    [image] = load_pages(SET / "photo_a4_1.jpg")
    reg = register(image)
    assert reg is not None
    real = _read.doubted_lines
    looked: dict[str, list[bool]] = {}

    def spy(crops: Any, texts: list[str], leaves: list[str], *rest: Any) -> set[int]:
        looked["budget"] = [not s and bool(t) for s, t in zip(rest[3], texts, strict=True)]
        return real(crops, texts, leaves, *rest)

    monkeypatch.setattr(_read, "doubted_lines", spy)
    budget = _values(reg)

    def every(crops: Any, texts: list[str], leaves: list[str], *rest: Any) -> set[int]:
        looked["all"] = [bool(t) for t in texts]
        return real(crops, texts, leaves, *rest[:3])  # nothing settled: every line looked at

    monkeypatch.setattr(_read, "doubted_lines", every)
    everything = _values(reg)
    assert sum(looked["budget"]) < sum(looked["all"])  # the budget saved some looks
    assert budget.keys() == everything.keys()
    for key, (value, conf) in everything.items():
        kept, kept_conf = budget[key]
        assert kept == value, key
        assert (kept_conf >= REVIEW_THRESHOLD) == (conf >= REVIEW_THRESHOLD), key
        if conf >= REVIEW_THRESHOLD:
            assert kept_conf == conf, key
        else:
            assert kept_conf >= conf, key
