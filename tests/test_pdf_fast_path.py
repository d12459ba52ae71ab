"""The PDFium fast path for fillable forms gives the record the pdfminer path gives: values,
pages and places, for our forms and for forms another tool (pypdf) filled, ticked or
unticked, including a damaged appearance dictionary."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfWriter

from fupin_forms.budgets import budgets
from fupin_forms.layout import PAGES
from fupin_forms.models import model_for
from fupin_forms.parse import pdf as pdf_parser
from fupin_forms.parse._pdf_guard import ObjectWalk
from fupin_forms.parse._pdf_widgets import read_widgets
from fupin_forms.parse._result import ParsedForm
from fupin_forms.render.pdf import render_pdf

from .conftest import SAMPLES, load


def _both(data: bytes, form: str) -> tuple[ParsedForm, ParsedForm]:
    page = PAGES[form]
    fast = read_widgets(data, pdf_parser.MAX_PAGES)
    assert fast is not None
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        slow, notes = pdf_parser._acroform(pdf, ObjectWalk(budgets(), None))
    assert notes == {}  # the fast path is taken only where stored and shown values agree
    return pdf_parser._from_fields(page, fast, {}), pdf_parser._from_fields(page, slow, notes)


def _same(a: ParsedForm, b: ParsedForm) -> None:
    assert a.form == b.form and a.data == b.data and a.warnings == b.warnings
    assert {k: s.to_json() for k, s in a.fields.items()} == {
        k: s.to_json() for k, s in b.fields.items()
    }


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_our_forms_read_the_same(path: Path) -> None:
    form = path.stem.split("_")[0]
    data = render_pdf(form, model_for(form).model_validate(load(path)))
    _same(*_both(data, form))


def _pypdf(values: dict[str, Any], record: dict[str, Any] | None = None) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(render_pdf("annex4", record)))
    writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_forms_filled_by_pypdf_read_the_same() -> None:
    data = _pypdf(
        {"applicant_name": "欧阳明", "villages[0].name": "费县朱田镇大井村",
         "category=科普教育类": "/Yes", "expert_signed": "/Off"},
        {"category": "技术培训类", "expert_signed": True},
    )  # fmt: skip
    fast, slow = _both(data, "annex4")
    _same(fast, slow)
    assert fast.data["category"] == ["技术培训类", "科普教育类"]
    assert fast.data["expert_signed"] is None


def test_a_tick_with_a_damaged_appearance_is_left_to_the_reference_path() -> None:
    """Issue 13: what a viewer shows decides; a damaged appearance makes that doubtful, so
    the fast path steps aside and the pdfminer path reads the tick with a note on it."""
    data = render_pdf("annex4", {"expert_signed": True})
    broken = data.replace(b"/N <</Yes ", b"/N <</Ye} ")  # every check box
    assert broken != data
    assert read_widgets(broken, pdf_parser.MAX_PAGES) is None
    parsed = pdf_parser.parse_pdf(broken)
    assert parsed.fields["expert_signed"].confidence < 0.8
    assert any("expert_signed" in w for w in parsed.warnings)


def test_not_a_fillable_pdf_takes_the_pdfminer_path() -> None:
    assert read_widgets(render_pdf("annex4", None, flatten=True), pdf_parser.MAX_PAGES) is None
    assert read_widgets(b"not a pdf", pdf_parser.MAX_PAGES) is None


def test_a_value_longer_than_the_string_buffer_reads_whole() -> None:
    text = "帮扶内容" * 1500  # 6,000 characters: 12,000 bytes of UTF-16, past the 8 KB buffer
    fast, slow = _both(_pypdf({"project_content": text}), "annex4")
    _same(fast, slow)
    assert fast.data["project_content"] == text
