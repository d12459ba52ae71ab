"""Reading Word forms back, including what other suites and users do to them: tags dropped,
controls flattened or doubled, hint text left in place, rows added, boxes ticked by hand."""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable
from typing import Any

import docx
import pytest
from lxml import etree

from fupin_forms.errors import ParseError
from fupin_forms.models import Annex3, Annex4, Annex5, model_for
from fupin_forms.parse import docx as parse_module
from fupin_forms.parse.docx import detect_annex, parse_docx
from fupin_forms.render.docx import render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _rewrite(data: bytes, change: Callable[[etree._Element], None]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(src.read("word/document.xml"))
    change(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = etree.tostring(root) if info.filename == "word/document.xml" else None
            dst.writestr(info, body if body is not None else src.read(info.filename))
    return out.getvalue()


def _flatten(root: etree._Element) -> None:
    """What typing straight into cells (or WPS) leaves: the runs, no controls."""
    for sdt in list(root.iter(W + "sdt")):
        parent, content = sdt.getparent(), sdt.find(W + "sdtContent")
        pos = parent.index(sdt)
        for n, child in enumerate(list(content)):
            parent.insert(pos + n, child)
        parent.remove(sdt)


def _untag(root: etree._Element) -> None:
    for name in ("tag", "alias", "showingPlcHdr"):
        for el in list(root.iter(W + name)):
            el.getparent().remove(el)


def _double(root: etree._Element) -> None:
    """LibreOffice 7.4: one control becomes three, one of them holding the text twice."""
    _untag(root)
    for sdt in list(root.iter(W + "sdt")):
        pr = sdt.find(W + "sdtPr")
        if pr.find("{http://schemas.microsoft.com/office/word/2010/wordml}checkbox") is not None:
            continue
        if pr.find(W + "date") is not None:
            continue
        twice = copy.deepcopy(sdt)
        content = twice.find(W + "sdtContent")
        for child in list(content):  # the whole content again: "张三" → "张三张三"
            content.append(copy.deepcopy(child))
        empty = copy.deepcopy(sdt)
        for t in empty.iter(W + "t"):
            t.text = ""
        sdt.addnext(empty)
        sdt.addnext(twice)


def _dump(form_id: str, data: dict[str, Any]) -> dict[str, Any]:
    return model_for(form_id).model_validate(data).model_dump()


@pytest.fixture
def records(expert: dict[str, Any], unit: dict[str, Any], ledger: dict[str, Any]) -> list:
    return [
        Annex4.model_validate(expert),
        Annex3.model_validate(unit),
        Annex5.model_validate(ledger),
    ]


def test_tagged_controls_are_read_as_sdt(records: list) -> None:
    for model in records:
        parsed = parse_docx(render_docx(model.form_id, model))
        assert parsed.form == model.form_id
        assert _dump(model.form_id, parsed.data) == model.model_dump()
        assert {s.method for s in parsed.fields.values()} == {"sdt"}
        assert all("=" not in key and "{" not in key for key in parsed.fields)
        assert "villages[0].name" in parsed.fields or model.form_id == "annex5"
        if model.form_id == "annex4":
            assert "category" in parsed.fields


@pytest.mark.parametrize("change", [_flatten, _untag, _double], ids=["flat", "untagged", "doubled"])
def test_without_tags_the_layout_reads_the_same(records: list, change: Callable) -> None:
    for model in records:
        damaged = _rewrite(render_docx(model.form_id, model), change)
        parsed = parse_docx(damaged)
        assert _dump(model.form_id, parsed.data) == model.model_dump()
        assert {s.method for s in parsed.fields.values()} == {"label"}
        assert parsed.fields["filled_on"].where


@pytest.mark.parametrize("form_id", ["annex3", "annex4", "annex5"])
def test_blank_flattened_form_reads_empty(form_id: str) -> None:
    """Hint text left as plain text is not a value; blank rows are not records."""
    parsed = parse_docx(_rewrite(render_docx(form_id), _flatten))
    assert _dump(form_id, parsed.data) == model_for(form_id)().model_dump()


def test_rows_added_by_a_user_are_read(expert: dict[str, Any]) -> None:
    model = Annex4.model_validate(expert)
    n = len(model.villages)
    doc = docx.Document(io.BytesIO(render_docx("annex4", model)))
    table = doc.tables[0]
    last_village = table.rows[4 + max(n, 3)]._tr
    new = copy.deepcopy(last_village)
    last_village.addnext(new)
    data = io.BytesIO()
    doc.save(data)

    def fill(root: etree._Element) -> None:
        _flatten(root)
        tr = root.findall(f".//{W}tbl/{W}tr")[5 + max(n, 3)]
        for cell, text in zip(
            tr.findall(W + "tc")[2:], ["新增村", "王五", "13700000000"], strict=True
        ):
            ts = list(cell.iter(W + "t"))
            ts[0].text = text
            for t in ts[1:]:
                t.text = ""

    parsed = parse_docx(_rewrite(data.getvalue(), fill))
    villages = parsed.data["villages"]
    assert villages[-1] == {"name": "新增村", "contact": "王五", "phone": "13700000000"}
    assert len(villages) == max(n, 3) + 1


def test_boxes_ticked_by_hand_in_a_flattened_form() -> None:
    def tick(root: etree._Element) -> None:
        _flatten(root)
        ts = [t for t in root.iter(W + "t") if t.text == "☐"]
        ts[1].text = "☑"  # 产业技术类
        ts[3].text = "√"  # 专家已签名

    parsed = parse_docx(_rewrite(render_docx("annex4"), tick))
    assert parsed.data["category"] == "产业技术类"
    assert parsed.data["expert_signed"] is True
    assert parsed.data["reviews"]["unit"]["stamped"] is None


def test_trailing_blank_rows_are_ignored() -> None:
    parsed = parse_docx(render_docx("annex3", Annex3(villages=[{"name": "甲村"}])))
    assert parsed.data["villages"] == [{"name": "甲村", "contact": None, "phone": None}]


def test_detect_annex_from_title() -> None:
    assert detect_annex("山东省科协精准扶贫专家服务行动项目书(二)") == "annex4"
    assert detect_annex("工作台账") == "annex5"
    assert detect_annex("会议通知") is None


def test_not_a_form_raises_parse_error() -> None:
    doc = docx.Document()
    doc.add_paragraph("会议通知")
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(ParseError, match="无法识别"):
        parse_docx(buf.getvalue())
    with pytest.raises(ParseError, match="docx"):
        parse_docx(b"not a zip at all")


def test_missing_file_raises_parse_error(tmp_path: Any) -> None:
    with pytest.raises(ParseError) as info:
        parse_docx(tmp_path / "nope.docx")
    assert info.value.path == str(tmp_path / "nope.docx")


def test_doc_without_libreoffice_names_what_to_install(tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(parse_module.shutil, "which", lambda name: None)
    legacy = tmp_path / "form.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(ParseError, match="LibreOffice") as info:
        parse_docx(legacy)
    assert "libreoffice-writer" in info.value.message
