"""One-change variants of the provincial layout, as county clerks make them (issue 11): our
own form with its controls flattened, then one thing changed the way people change it. The
value must still be read, by label, without a wrong value slipping through."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from lxml import etree

from fupin_forms.models import Annex4
from fupin_forms.parse.core import REVIEW_THRESHOLD
from fupin_forms.parse.docx import parse_docx
from fupin_forms.records import validate_parsed
from fupin_forms.render.docx import render_docx

from .test_docx_parse import W, _flatten, _rewrite


def _texts(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(W + "t"))


def _replace(old: str, new: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        _flatten(root)
        hits = [t for t in _texts(root) if t.text and old in t.text]
        assert hits, old
        for t in hits:
            t.text = t.text.replace(old, new)

    return change


def _category_text(text: str) -> Callable[[etree._Element], None]:
    """The category cell's three boxes and words replaced by ``text`` typed by hand."""

    def change(root: etree._Element) -> None:
        _flatten(root)
        for tc in root.iter(W + "tc"):
            if "产业技术类" in "".join(t.text or "" for t in tc.iter(W + "t")):
                ts = list(tc.iter(W + "t"))
                ts[0].text = text
                for t in ts[1:]:
                    t.text = ""

    return change


def _parse(model: Annex4, change: Callable[[etree._Element], None]) -> Any:
    return parse_docx(_rewrite(render_docx("annex4", model), change))


@pytest.fixture
def model(expert: dict[str, Any]) -> Annex4:
    return Annex4.model_validate(expert)


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("工作单位", "工作单位：", "employer"),
        ("职称", "职称:", "title"),
        ("申报人", "", "applicant_name"),  # "姓  名" alone
        ("通信地址", "通讯地址", "address"),
    ],
)
def test_label_spellings(model: Annex4, old: str, new: str, path: str) -> None:
    parsed = _parse(model, _replace(old, new))
    assert parsed.data[path] == getattr(model, path)
    assert parsed.fields[path].confidence >= REVIEW_THRESHOLD


@pytest.mark.parametrize(
    "text", ["产业技术类☑", "√产业技术类", "技术培训类 ■产业技术类 科普教育类"]
)
def test_category_marks(model: Annex4, text: str) -> None:
    parsed = _parse(model.model_copy(update={"category": None}), _category_text(text))
    assert parsed.data["category"] == "产业技术类"


def test_title_individual_application(model: Annex4) -> None:
    parsed = _parse(model, _replace("山东省科协精准扶贫专家服务行动项目书（二）", "个人项目书"))
    assert parsed.form == "annex4" and parsed.data["applicant_name"] == model.applicant_name


def test_untouched_approval_boxes_are_no_opinion(model: Annex4) -> None:
    blank = model.model_copy(update={"reviews": Annex4().reviews})
    parsed = _parse(blank, _flatten)
    for office in ("unit", "county_poverty_office", "county_cast", "city_cast"):
        assert parsed.data["reviews"][office] == {
            "opinion": None,
            "stamped": None,
            "signed_on": None,
        }
    issues = {i.code for i in validate_parsed(parsed, "county-poverty-office").issues}
    assert "not_stamped" in issues


def test_text_typed_into_a_still_flagged_placeholder_is_read() -> None:
    """The placeholder flag left on, but the text no longer in the hint's style: typed."""

    def type_name(root: etree._Element) -> None:
        for sdt in root.iter(W + "sdt"):
            tag = sdt.find(f"{W}sdtPr/{W}tag")
            if tag is None or tag.get(W + "val") != "applicant_name":
                continue
            assert sdt.find(f"{W}sdtPr/{W}showingPlcHdr") is not None
            for color in list(sdt.iter(W + "color")):
                color.getparent().remove(color)
            for t in sdt.iter(W + "t"):
                t.text = "孟庆华"

    blank = render_docx("annex4")
    assert parse_docx(blank).data["applicant_name"] is None  # the grey hint is no value
    assert parse_docx(_rewrite(blank, type_name)).data["applicant_name"] == "孟庆华"
