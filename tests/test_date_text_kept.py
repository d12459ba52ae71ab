"""Text in a date field that is not a date is reported with the text, never silently blank.

Issue 11: 'A date field with no digits ("待定") counts as blank and the text is lost.' One rule
(``models.blank_date``): only nothing or the printed ``  年  月  日`` skeleton is blank; the
models, the reading core, the tagged-Word reader and the PDF-field reader all use it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pydantic import ValidationError
from pypdf import PdfWriter

from fupin_forms.models import Annex4, blank_date
from fupin_forms.parse.core import read_date
from fupin_forms.parse.docx import parse_docx
from fupin_forms.parse.pdf import parse_pdf
from fupin_forms.records import validate_parsed, validate_record
from fupin_forms.render.docx import render_docx
from fupin_forms.render.pdf import render_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("text", ["", "  年  月  日", "____年__月__日", "　年　月　日", "年月日"])
def test_the_skeleton_is_blank_everywhere(text: str) -> None:
    assert blank_date(text)
    assert read_date(text).status == "blank"
    assert Annex4.model_validate({"filled_on": text}).filled_on is None


@pytest.mark.parametrize("text", ["待定", "见附页", "同上"])
def test_words_are_not_blank(text: str) -> None:
    assert not blank_date(text)
    assert read_date(text).status == "invalid"
    with pytest.raises(ValidationError):
        Annex4.model_validate({"filled_on": text})
    issues = validate_record("annex4", {"filled_on": text}).issues
    found = [i for i in issues if i.path == "filled_on"]
    assert [i.code for i in found] == ["invalid"] and text in found[0].message


def _invalid_with(parsed: Any, path: str, text: str) -> None:
    issues = [i for i in validate_parsed(parsed).issues if i.path == path]
    assert any(i.code == "invalid" and text in i.message for i in issues), issues


def test_fillable_pdf_keeps_a_word_in_a_date_field(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(render_pdf("annex4", None)))
    writer.set_need_appearances_writer(True)
    values = {"applicant_name": "欧阳明", "filled_on": "待定"}
    writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    out = tmp_path / "filled.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    parsed = parse_pdf(out)
    assert parsed.data["filled_on"] == "待定"
    _invalid_with(parsed, "filled_on", "待定")


def _retype(data: bytes, tag: str, text: str) -> bytes:
    """Type ``text`` over the content of the control tagged ``tag`` (as Word does: the
    date picker's fullDate goes when the text is no date)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(src.read("word/document.xml"))
    (sdt,) = [
        s for s in root.iter(W + "sdt") if s.find(f"{W}sdtPr/{W}tag[@{W}val='{tag}']") is not None
    ]
    for date in sdt.iter(W + "date"):
        date.attrib.pop(W + "fullDate", None)
    texts = list(sdt.find(W + "sdtContent").iter(W + "t"))
    texts[0].text = text
    for t in texts[1:]:
        t.text = ""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = etree.tostring(root) if info.filename == "word/document.xml" else None
            dst.writestr(info, body if body is not None else src.read(info.filename))
    return out.getvalue()


def test_our_word_form_keeps_a_word_in_a_date_control(expert: dict[str, Any]) -> None:
    parsed = parse_docx(_retype(render_docx("annex4", expert), "filled_on", "待定"))
    assert parsed.fields["filled_on"].method == "sdt"
    assert parsed.data["filled_on"] == "待定"
    _invalid_with(parsed, "filled_on", "待定")
