"""parse_pdf: AcroForm values, values by text position, form detection, encryption."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from fupin_forms.errors import ParseError
from fupin_forms.models import Annex4
from fupin_forms.parse.pdf import parse_pdf
from fupin_forms.render.pdf import render_pdf


def test_acroform_values_and_sources(expert: dict[str, object]) -> None:
    parsed = parse_pdf(render_pdf("annex4", expert))
    assert parsed.form == "annex4"
    assert parsed.data["applicant_name"] == "孟庆华"
    assert parsed.data["category"] == "产业技术类"
    assert parsed.data["reviews"]["unit"]["stamped"] is True
    source = parsed.fields["villages[1].phone"]
    assert source.method == "acroform" and source.page == 1 and source.bbox is not None


def test_text_values_from_flattened_copy(expert: dict[str, object]) -> None:
    parsed = parse_pdf(render_pdf("annex4", expert, flatten=True))
    assert parsed.data["project_content"] == expert["project_content"]
    assert parsed.data["filled_on"] == "2016年3月5日"
    source = parsed.fields["project_content"]
    assert source.method == "text" and source.page == 1 and source.bbox is not None


def test_pypdf_filled_form_parses(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(render_pdf("annex4", None)))
    writer.set_need_appearances_writer(True)
    values = {"applicant_name": "欧阳明", "villages[0].name": "费县朱田镇大井村"}
    writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    out = tmp_path / "filled.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    parsed = parse_pdf(out)
    assert parsed.data["applicant_name"] == "欧阳明"
    assert parsed.data["villages"] == [{"name": "费县朱田镇大井村", "contact": None, "phone": None}]


def test_two_ticked_categories_are_reported_as_a_list() -> None:
    writer = PdfWriter(clone_from=io.BytesIO(render_pdf("annex4", {"category": "技术培训类"})))
    writer.update_page_form_field_values(
        writer.pages[0], {"category=科普教育类": "/Yes"}, auto_regenerate=False
    )
    buf = io.BytesIO()
    writer.write(buf)
    assert parse_pdf(buf.getvalue()).data["category"] == ["技术培训类", "科普教育类"]


def _encrypted(user: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(render_pdf("annex3", {"unit_name": "滨州市科技馆"})))
    writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_encrypted_pdf_needing_a_password_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match="密码"):
        parse_pdf(_encrypted("secret"))


def test_encrypted_pdf_without_user_password_is_read() -> None:
    assert parse_pdf(_encrypted("")).data["unit_name"] == "滨州市科技馆"


def test_not_a_form(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = tmp_path / "blank.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(ParseError, match="无法识别"):
        parse_pdf(out)
    with pytest.raises(ParseError):
        parse_pdf(b"not a pdf")


def test_blank_forms_parse_to_blank_records() -> None:
    for flatten in (False, True):
        parsed = parse_pdf(render_pdf("annex4", None, flatten=flatten))
        assert Annex4.model_validate(parsed.data) == Annex4()
        assert parsed.warnings == []
        assert len(PdfReader(io.BytesIO(render_pdf("annex4", None))).pages) == 1
