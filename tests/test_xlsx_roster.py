"""Rosters: a blank roster to fill, and rows read back as forms located by cell."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fupin_forms.errors import ParseError
from fupin_forms.models import Annex3, Annex4
from fupin_forms.parse.xlsx import parse_xlsx
from fupin_forms.parse.xlsx_roster import read_roster
from fupin_forms.records import validate_record
from fupin_forms.render.xlsx_roster import ROSTER_FIRST_DATA_ROW, ROSTER_HEAD_ROW, render_roster

from .conftest import SAMPLES, load

EXPERTS = [Annex4.model_validate(load(p)) for p in sorted(SAMPLES.glob("annex4_*.json"))]
UNITS = [Annex3.model_validate(load(p)) for p in sorted(SAMPLES.glob("annex3_*.json"))]
_NOT_IN_ROSTER = {"reviews", "expert_signed"}  # signed and stamped on paper, not in a roster


def _headers(ws: object) -> list[str]:
    return [c.value for c in ws[ROSTER_HEAD_ROW] if c.value]  # type: ignore[index]


def test_blank_roster_has_one_sheet_per_form_with_the_form_labels() -> None:
    wb = load_workbook(io.BytesIO(render_roster()))
    assert wb.sheetnames == ["专家", "单位"]
    experts = _headers(wb["专家"])
    titles = [
        f.title
        for n, f in Annex4.model_fields.items()
        if n not in {"villages", *_NOT_IN_ROSTER, "reviews"}
    ]
    assert set(titles) <= set(experts)
    for group in (1, 2, 3):
        assert {f"贫困村{group}名称", f"贫困村{group}联系人", f"贫困村{group}联系电话"} <= set(
            experts
        )
    assert "申报单位" in _headers(wb["单位"]) and "单位负责人" in _headers(wb["单位"])
    assert "项目类别" not in _headers(wb["单位"])  # units apply only for 科普教育类
    ws = wb["专家"]
    col = experts.index("项目类别") + 1
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any("技术培训类" in dv.formula1 and "科普教育类" in dv.formula1 for dv in lists)
    phone_col = experts.index("联系电话") + 1
    assert ws.cell(ROSTER_FIRST_DATA_ROW, phone_col).number_format == "@"  # keeps a leading 0
    assert ws.cell(ROSTER_FIRST_DATA_ROW, col).value is None
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$2"


def test_prefilled_roster_reads_back_to_the_same_forms(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(render_roster(EXPERTS, UNITS))
    experts = read_roster(path, "annex4")
    assert len(experts) == len(EXPERTS)
    for parsed, expected in zip(experts, EXPERTS, strict=True):
        model = validate_record("annex4", parsed.data).model
        assert model == expected.model_copy(
            update={"reviews": model.reviews, "expert_signed": None}
        )
    (unit,) = read_roster(path, "单位")
    assert validate_record("annex3", unit.data).model == UNITS[0].model_copy(
        update={"reviews": Annex3().reviews}
    )
    forms = [p.form for p in parse_xlsx(path)]
    assert forms == ["annex4"] * len(EXPERTS) + ["annex3"]


def test_bad_row_in_the_middle_is_reported_by_cell_and_the_others_are_fine(
    tmp_path: Path,
) -> None:
    wb = load_workbook(io.BytesIO(render_roster(EXPERTS)))
    ws = wb["专家"]
    headers = _headers(ws)
    phone = headers.index("联系电话") + 1
    middle = ROSTER_FIRST_DATA_ROW + 1
    ws.cell(middle, phone).value = "12345"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    rows = read_roster(path, "annex4")
    checked = [validate_record("annex4", p.data) for p in rows]
    invalid = [[i for i in c.issues if i.code == "invalid"] for c in checked]
    assert invalid[0] == [] and invalid[2] == []
    (issue,) = invalid[1]
    assert issue.path == "phone" and "12345" in issue.message
    letter = ws.cell(middle, phone).column_letter
    assert rows[1].fields[issue.path].where == f"专家!{letter}{middle}" == "专家!H4"


def test_extra_village_groups_and_phones_typed_as_numbers(tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(render_roster()))
    ws = wb["专家"]
    headers = _headers(ws)
    last = len(headers)
    for offset, label in enumerate(["贫困村4名称", "贫困村4联系人", "贫困村4联系电话", "备注"], 1):
        ws.cell(ROSTER_HEAD_ROW, last + offset, label)
    row = ROSTER_FIRST_DATA_ROW + 5  # blank rows above are skipped
    ws.cell(row, headers.index("申报人姓名") + 1, "张三")
    ws.cell(row, headers.index("联系电话") + 1, 13953458812)  # a number cell, not text
    ws.cell(row, headers.index("邮政编码") + 1, 253000)
    ws.cell(row, last + 1, "某村")
    ws.cell(row, last + 3, 13792210465)
    path = tmp_path / "more.xlsx"
    wb.save(path)
    (parsed,) = read_roster(path, "annex4")
    assert parsed.data["phone"] == "13953458812" and parsed.data["postcode"] == "253000"
    assert parsed.data["villages"] == [{"name": "某村", "phone": "13792210465"}]
    assert parsed.fields["villages[0].name"].where.endswith(f"{row}")
    assert any("备注" in w for w in parsed.warnings)
    assert validate_record("annex4", parsed.data).model.villages[0].phone == "13792210465"


def test_read_roster_without_that_sheet_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    from fupin_forms.render.xlsx import render_ledger_xlsx

    path.write_bytes(render_ledger_xlsx([]))
    with pytest.raises(ParseError, match="没有找到专家名册"):
        read_roster(path, "annex4")
    with pytest.raises(ParseError, match="没有申报名册"):
        read_roster(path, "annex5")


def test_blank_roster_parses_to_no_forms(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    path.write_bytes(render_roster())
    assert parse_xlsx(path) == []


def test_roster_headers_in_other_spellings(tmp_path: Path) -> None:
    """A roster typed with 姓名 / 通讯地址 / 邮编: the spellings come from fupin_forms.labels, read
    at medium confidence (still above the review line)."""
    import openpyxl

    from fupin_forms.parse.core import EXACT, REVIEW_THRESHOLD
    from fupin_forms.parse.xlsx import parse_xlsx

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "姓名", "工作单位", "通讯地址", "邮编"])
    sheet.append([1, "孟庆华", "临沂市农科院", "兰山区涑河北街351号", "276000"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    (form,) = parse_xlsx(path)
    assert form.form == "annex4"
    assert form.data["applicant_name"] == "孟庆华" and form.data["postcode"] == "276000"
    assert form.data["address"] == "兰山区涑河北街351号"
    assert REVIEW_THRESHOLD <= form.fields["applicant_name"].confidence < EXACT
    assert form.fields["employer"].confidence == 1.0


def test_roster_village_columns_in_other_spellings(tmp_path: Path) -> None:
    """贫困村N + any spelling the label table lists for a village column (贫困村1村名,
    贫困村1手机): the same words as the Word and PDF village tables, not a list of its own."""
    import openpyxl

    from fupin_forms.parse.xlsx import parse_xlsx

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "申报人姓名", "工作单位", "贫困村1村名", "贫困村1联系人", "贫困村1手机"])
    sheet.append([1, "孟庆华", "临沂市农科院", "沂南县岸堤镇西石沟村", "王有才", "13905391234"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    (form,) = parse_xlsx(path)
    assert form.data["villages"] == [
        {"name": "沂南县岸堤镇西石沟村", "contact": "王有才", "phone": "13905391234"}
    ]
    assert not form.warnings
