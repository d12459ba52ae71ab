"""The layout is the one truth renderers and parsers share: check it against the models and
against the seed's row order."""

from __future__ import annotations

import re

import pytest

from fupin_forms.layout import PAGES, Repeat, Row, page_for
from fupin_forms.models import model_for

# Labels as the seed prints them, top to bottom (whitespace removed).
SEED_ORDER = {
    "annex3": [
        "申报单位",
        "通信地址",
        "单位负责人",
        "联系电话",
        "联系帮扶贫困村情况",
        "项目名称",
        "项目内容",
        "单位意见",
        "县扶贫办核审意见",
        "县级科协意见",
        "市级科协意见",
    ],
    "annex4": [
        "申报人姓名",
        "通信地址",
        "申报人专业",
        "联系电话",
        "联系帮扶贫困村情况",
        "项目名称",
        "项目类别",
        "项目内容",
        "所在单位意见",
        "县扶贫办核审意见",
        "县级科协意见",
        "市级科协意见",
    ],
    "annex5": ["序号"],
}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("form_id", sorted(PAGES))
def test_rows_follow_the_seed(form_id: str) -> None:
    anchors = [_flat(r.anchor) for r in page_for(form_id).rows if isinstance(r, Row) and r.anchor]
    assert len(anchors) == len(SEED_ORDER[form_id])
    for got, want in zip(anchors, SEED_ORDER[form_id], strict=True):
        assert got.startswith(want)


def _resolves(model: type, path: str) -> bool:
    """Does a JSON path (``villages[{i}].phone``) name a field of the model?"""
    current = model
    for step in path.replace("[{i}]", "").split("."):
        info = current.model_fields.get(step)
        if info is None:
            return False
        ann = info.annotation
        args = getattr(ann, "__args__", ())
        nested = [a for a in (ann, *args) if isinstance(a, type) and hasattr(a, "model_fields")]
        current = nested[0] if nested else None
    return True


@pytest.mark.parametrize("form_id", sorted(PAGES))
def test_every_field_path_is_a_model_field(form_id: str) -> None:
    page = page_for(form_id)
    keys = [f.key for f in page.fields()]
    assert len(keys) == len(set(keys)), "a control name used twice"
    for field in page.fields():
        assert _resolves(model_for(form_id), field.path), field.path


@pytest.mark.parametrize("form_id", sorted(PAGES))
def test_every_model_field_has_a_place(form_id: str) -> None:
    paths = {f.path.split("[")[0].split(".")[0] for f in page_for(form_id).fields()}
    assert paths == set(model_for(form_id).model_fields)


@pytest.mark.parametrize("form_id", sorted(PAGES))
def test_rows_fill_the_grid(form_id: str) -> None:
    page = page_for(form_id)
    for row in page.rows:
        cells = row.row.cells if isinstance(row, Repeat) else row.cells
        assert sum(c.span for c in cells) == len(page.grid_cm)


def test_blank_minimums() -> None:
    assert [r.min_rows for r in page_for("annex3").repeats()] == [3]
    assert [r.min_rows for r in page_for("annex4").repeats()] == [3]
    assert page_for("annex5").repeats()[0].min_rows >= 7


def test_four_approval_rows_carry_stamp_and_date() -> None:
    keys = {f.key for f in page_for("annex4").fields()}
    for office in ("unit", "county_poverty_office", "county_cast", "city_cast"):
        for part in ("opinion", "stamped", "signed_on"):
            assert f"reviews.{office}.{part}" in keys
    assert {"category=技术培训类", "category=产业技术类", "category=科普教育类"} <= keys
    assert "expert_signed" in keys


def test_project_content_label_spans_two_rows_with_signature_in_annex4() -> None:
    rows = [r for r in page_for("annex4").rows if isinstance(r, Row)]
    n = next(i for i, r in enumerate(rows) if (r.anchor or "").startswith("项目内容"))
    assert rows[n].cells[0].vmerge == "restart"
    assert rows[n + 1].cells[0].vmerge == "continue"
    assert "专家签名：" in rows[n + 1].cells[1].text
