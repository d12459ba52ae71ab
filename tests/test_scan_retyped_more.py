"""One unmarked page of a county's own 附件4 table (``fixtures/scans_retyped/more/``): the
labels start behind a merged 申报人情况 column, a row holds six cells with the county's own
性别 between 姓名 and 职称, the reviews stand two to a row, 专家签名 has no box, the choice's
boxes are thin grey print, and a written digit touches the table's top rule under 填表时间.

Each value is read after its own label (``_table_fit``, ``_label_cells``); the first law
holds (no wrong value at or above review without an issue)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fupin_forms.parse import ParsedForm
from fupin_forms.scan import REVIEW_THRESHOLD, parse_scan

from .test_scan_retyped import _flagged, _leaves

HERE = Path(__file__).resolve().parent / "fixtures" / "scans_retyped" / "more"
STEM = "rm_00_county_d_annex4"


@pytest.fixture(scope="module")
def read() -> tuple[dict[str, Any], dict[str, Any], ParsedForm]:
    forms = parse_scan(HERE / f"{STEM}.jpg")
    assert len(forms) == 1
    want = json.loads((HERE / "expected" / f"{STEM}.json").read_text("utf-8"))
    return _leaves(want), _leaves(forms[0].data), forms[0]


def test_no_wrong_value_without_a_flag(read: tuple[dict[str, Any], dict[str, Any], ParsedForm]) -> None:
    want, got, form = read
    silent = [p for p, v in got.items() if str(want.get(p)) != str(v) and not _flagged(form, p)]
    assert not silent


def test_values_follow_their_own_labels(read: tuple[dict[str, Any], dict[str, Any], ParsedForm]) -> None:
    want, got, form = read
    # 姓名 | 性别 | 职称 in one row behind the merged column; 专业 in the next, after 工作单位
    for path in ("applicant_name", "title", "employer", "specialty", "postcode",
                 "reviews.unit.opinion", "reviews.unit.stamped", "reviews.county_poverty_office.stamped"):  # fmt: skip
        assert got.get(path) == want[path], path
    assert form.fields["specialty"].confidence >= REVIEW_THRESHOLD
    assert "男" not in got.values()  # the county's 性别 lands in no field
    exact = sum(str(got.get(p)) == str(v) for p, v in want.items())
    assert exact >= 24, f"{exact}/{len(want)}"


def test_head_choice_and_signature_without_our_print(read: tuple[dict[str, Any], dict[str, Any], ParsedForm]) -> None:
    want, got, form = read
    assert got.get("filled_on") == want["filled_on"]
    assert got.get("category") == want["category"]
    # no box after 专家签名: the name written there says signed, below review
    assert got.get("expert_signed") is True
    assert form.fields["expert_signed"].confidence < REVIEW_THRESHOLD
