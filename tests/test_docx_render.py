"""Word forms rendered from the docxtpl templates: structure, controls, literal values."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree

from fupin_forms.errors import UsageError
from fupin_forms.layout import page_for
from fupin_forms.models import Annex4, Annex5
from fupin_forms.parse.docx import parse_docx
from fupin_forms.render._docx_context import build_context
from fupin_forms.render.docx import DocxRenderer, render_docx, template_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
NASTY = "A&B <c> \"d\" 'e' {{ x }} {% if y %}z{% endif %} {#c#}"


def _root(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _controls(root: etree._Element) -> dict[str, etree._Element]:
    out = {}
    for sdt in root.iter(W + "sdt"):
        tag = sdt.find(f"{W}sdtPr/{W}tag")
        assert tag is not None, "a control without a tag"
        out[tag.get(W + "val")] = sdt
    return out


def _text(el: etree._Element) -> str:
    parts = []
    for node in el.iter(W + "t", W + "br"):
        parts.append("\n" if node.tag == W + "br" else node.text or "")
    return "".join(parts)


@pytest.mark.parametrize("form_id", ["annex3", "annex4", "annex5"])
def test_blank_form_has_every_control_tagged_and_titled(form_id: str) -> None:
    root = _root(render_docx(form_id))
    controls = _controls(root)
    page = page_for(form_id)
    rep = page.repeats()[0]
    expected = {f.key for f in page.fields() if "{i}" not in f.path}
    expected |= {f.at(i).key for f in rep.fields for i in range(rep.min_rows)}
    if form_id == "annex5":  # the 参加人次/服务效果 line prints only when filled
        expected -= {k for k in expected if "participants" in k or "outcome" in k}
    assert set(controls) == expected
    for key, sdt in controls.items():
        alias = sdt.find(f"{W}sdtPr/{W}alias")
        assert alias is not None and alias.get(W + "val"), key
    assert "{{" not in etree.tostring(root, encoding="unicode")


@pytest.mark.parametrize(("form_id", "rows"), [("annex3", 3), ("annex4", 3), ("annex5", 7)])
def test_blank_form_prints_minimum_rows(form_id: str, rows: int) -> None:
    tables = list(_root(render_docx(form_id)).iter(W + "tbl"))
    assert len(tables) == 1
    trs = tables[0].findall(W + "tr")
    rep = page_for(form_id).repeats()[0]
    others = sum(1 for r in page_for(form_id).rows if r is not rep)
    assert len(trs) == others + rows


def test_blank_controls_show_hints_as_placeholders() -> None:
    sdt = _controls(_root(render_docx("annex3")))["unit_name"]
    assert sdt.find(f"{W}sdtPr/{W}showingPlcHdr") is not None
    assert _text(sdt) == "请填写申报单位"


def test_checkboxes_and_dates(expert: dict[str, Any]) -> None:
    model = Annex4.model_validate(expert | {"category": "科普教育类", "filled_on": "2016-03-05"})
    controls = _controls(_root(render_docx("annex4", model)))
    states = {}
    for option in ("技术培训类", "产业技术类", "科普教育类"):
        box = controls[f"category={option}"].find(f"{W}sdtPr/{W14}checkbox/{W14}checked")
        states[option] = box.get(W14 + "val")
    assert states == {"技术培训类": "0", "产业技术类": "0", "科普教育类": "1"}
    date = controls["filled_on"]
    assert _text(date) == "2016年3月5日"
    assert date.find(f"{W}sdtPr/{W}date").get(W + "fullDate").startswith("2016-03-05")
    assert date.find(f"{W}sdtPr/{W}date/{W}dateFormat").get(W + "val") == "yyyy年M月d日"
    assert date.find(f"{W}sdtPr/{W}showingPlcHdr") is None


def test_values_render_literally() -> None:
    model = Annex4(applicant_name=NASTY, project_content="第一行\n第二行")
    controls = _controls(_root(render_docx("annex4", model)))
    assert _text(controls["applicant_name"]) == NASTY
    content = controls["project_content"]
    assert _text(content) == "第一行\n第二行"
    assert content.find(f".//{W}br") is not None


def test_many_rows_and_long_text() -> None:
    long = "很长的内容。" * 2000
    model = Annex5(
        entries=[{"seq": n + 1, "activity": long if n == 0 else f"活动{n}"} for n in range(60)]
    )
    controls = _controls(_root(render_docx("annex5", model)))
    assert _text(controls["entries[59].activity"]) == "活动59"
    assert _text(controls["entries[0].activity"]) == long


def test_compiled_renderer_matches_docxtpl(expert: dict[str, Any]) -> None:
    """The fast path must give what docxtpl's own render + save gives."""
    model = Annex4.model_validate(expert)
    naive = DocxTemplate(str(template_path("annex4")))
    naive.render(build_context(page_for("annex4"), model.model_dump(mode="json")), autoescape=True)
    buf = io.BytesIO()
    naive.save(buf)
    ours = DocxRenderer("annex4").render(model)
    assert parse_docx(ours).data == parse_docx(buf.getvalue()).data
    assert Annex4.model_validate(parse_docx(ours).data) == model


def test_form_names_and_mismatched_records() -> None:
    assert parse_docx(render_docx("附件4")).form == "annex4"
    with pytest.raises(UsageError):
        render_docx("附件9")
    with pytest.raises(UsageError, match="annex5"):
        render_docx("annex4", Annex5())


def test_output_is_a_valid_deterministic_docx(expert: dict[str, Any]) -> None:
    model = Annex4.model_validate(expert)
    first, second = render_docx("annex4", model), render_docx("annex4", model)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    assert names.count("word/document.xml") == 1 and "[Content_Types].xml" in names
    document = docx.Document(io.BytesIO(first))
    assert document.tables[0].cell(0, 0).text.replace("\n", "") == "申报人姓  名"


def test_committed_templates_match_the_layout() -> None:
    """The templates are built from the layout; a layout change without a rebuild fails here."""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, str(root / "tools" / "build_templates.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
