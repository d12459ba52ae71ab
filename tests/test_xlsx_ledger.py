"""附件5 ledger workbooks: what the generated sheet looks like, and reading hand-made ones."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from fupin_forms.errors import ParseError, RenderError
from fupin_forms.models import Annex5
from fupin_forms.parse.xlsx import parse_xlsx
from fupin_forms.records import validate_record
from fupin_forms.render.xlsx import MIN_ROWS, render_ledger_xlsx, sheet_names

from .conftest import SAMPLES, load

LEDGERS = sorted(SAMPLES.glob("annex5_*.json"))


def _records() -> list[Annex5]:
    return [Annex5.model_validate(load(p)) for p in LEDGERS]


def _write(tmp_path: Path, data: bytes, name: str = "ledger.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_sheet_reads_like_the_annex_and_prints_landscape() -> None:
    record = _records()[0]
    wb = load_workbook(io.BytesIO(render_ledger_xlsx([record])))
    ws = wb[record.expert]
    assert ws["A1"].value == "山东省科协精准扶贫专家服务行动工作台帐"
    assert [ws.cell(3, c).value for c in range(1, 7)] == [
        "序号", "时间", "地点", "帮扶活动形式、内容", "参加人次", "服务效果",
    ]  # fmt: skip
    assert ws["A2"].value.startswith("县（市、区）科协") and ws["C2"].value == record.county
    assert ws["D2"].value.startswith("承担项目专家") and ws["E2"].value == record.expert
    assert ws["F2"].value.date() == record.filled_on
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$3"
    assert ws.freeze_panes == "A4"
    assert ws.column_dimensions["D"].width > ws.column_dimensions["A"].width * 4
    first = ws["B4"]
    assert isinstance(first.value, dt.datetime) and first.value.date() == record.entries[0].date
    assert first.number_format == 'yyyy"年"m"月"d"日"'
    assert ws["D4"].alignment.wrap_text and ws["D4"].border.left.style == "thin"


def test_every_column_has_input_help_and_the_checks_asked_for() -> None:
    wb = load_workbook(io.BytesIO(render_ledger_xlsx(_records()[:1])))
    ws = wb.worksheets[0]
    by_column: dict[str, Any] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_column[rng.coord.split(":")[0]] = dv
    assert set(by_column) >= {"A4", "B4", "C4", "D4", "E4", "F4", "F2"}
    assert all(dv.prompt and dv.showInputMessage for dv in by_column.values())
    assert by_column["B4"].type == "date" and by_column["F2"].type == "date"
    assert (by_column["E4"].type, by_column["E4"].operator, by_column["E4"].formula1) == (
        "whole", "greaterThanOrEqual", "0",
    )  # fmt: skip
    activity = by_column["D4"]
    assert activity.type == "list" and "培训" in activity.formula1 and "其他" in activity.formula1
    assert not activity.showErrorMessage  # input help only: free text stays allowed


def test_several_experts_become_several_sheets_and_read_back() -> None:
    records = _records()
    data = render_ledger_xlsx(records)
    assert load_workbook(io.BytesIO(data)).sheetnames == [r.expert for r in records]


def test_empty_sequence_gives_one_blank_ledger(tmp_path: Path) -> None:
    data = render_ledger_xlsx([])
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws.max_row >= 3 + MIN_ROWS
    ruled = [r for r in range(4, ws.max_row + 1) if ws.cell(r, 4).border.left.style == "thin"]
    assert len(ruled) >= MIN_ROWS and all(ws.cell(r, 4).value is None for r in ruled)
    (parsed,) = parse_xlsx(_write(tmp_path, data))
    assert parsed.data == {"entries": []}
    assert validate_record("annex5", parsed.data).model == Annex5()


def test_sheet_names_are_safe_and_unique() -> None:
    names = sheet_names(
        ["a/b:c*?[x]", "张三", "张三", None, "x" * 40, "X" * 40, "History", "李\n四"]
    )
    assert names[0] == "a_b_c__[x]".replace("[", "_").replace("]", "_")
    assert names[1:3] == ["张三", "张三(2)"]
    assert names[3] == "台帐"
    assert all(len(n) <= 31 for n in names)
    assert len({n.lower() for n in names}) == len(names)
    assert names[6] != "History" and names[7] == "李_四"
    Workbook().create_sheet(names[0])  # openpyxl accepts it


@pytest.mark.parametrize("text", ["=1+1", "+86 123", "-5", "@SUM(A1)", '=HYPERLINK("x")'])
def test_formula_looking_values_are_text(tmp_path: Path, text: str) -> None:
    record = Annex5(
        county=text, expert="李四", entries=[{"seq": 1, "place": text, "activity": text}]
    )
    path = _write(tmp_path, render_ledger_xlsx([record]))
    ws = load_workbook(path).worksheets[0]
    for ref in ("C2", "C4", "D4"):
        assert ws[ref].data_type == "s" and ws[ref].value == text
    assert ws["C4"].quotePrefix
    (parsed,) = parse_xlsx(path)
    assert validate_record("annex5", parsed.data).model == record


def test_too_long_value_is_an_error_naming_the_cell() -> None:
    record = Annex5(expert="王五", entries=[{"seq": 1, "activity": "字" * 32_768}])
    with pytest.raises(RenderError) as info:
        render_ledger_xlsx([record])
    assert info.value.where == "王五!D4" and "32767" in info.value.message
    render_ledger_xlsx([Annex5(entries=[{"seq": 1, "activity": "字" * 32_767}])])  # the limit fits
    with pytest.raises(RenderError) as info:
        render_ledger_xlsx([Annex5(county="县" * 40_000)])
    assert info.value.where == "台帐!C2"


def test_control_character_is_dropped_by_the_model_and_refused_by_the_cell_writer() -> None:
    """Issue 13: one record with a control character must not stop a workbook; the model
    drops it (invisible, and XML cannot hold it); the cell writer still refuses raw ones."""
    record = Annex5(entries=[{"seq": 1, "place": "a\x07b\u202e"}])
    assert record.entries[0].place == "ab"
    render_ledger_xlsx([record])
    from fupin_forms.render._xlsx_cells import checked_text

    with pytest.raises(RenderError) as info:
        checked_text("a\x07b", "台帐!C4")
    assert info.value.where == "台帐!C4" and "U+0007" in info.value.message


def _hand_made(tmp_path: Path) -> Path:
    """A ledger as a county clerk might type it in WPS: own layout, own spellings."""
    wb = Workbook()
    ws = wb.active
    ws.title = "沂水"
    ws["B2"] = "精准扶贫工作台账"
    ws["A3"] = "沂水县县（市、区）科协"
    ws["D3"] = "承担项目专家：孟庆华"
    ws["F3"] = "2016年12月30日"
    for col, label in enumerate(
        ["序 号", "日期", "地点", "帮扶活动形式及内容", "人次", "效果", "备注"], 1
    ):
        ws.cell(5, col, label)
    rows = [
        [1, dt.datetime(2016, 4, 9), "院东头镇", "培训：苹果修剪", 30, "学员30人", "好"],
        [2, "4月12日", None, "咨询：病虫害", "12人", None],
        [None] * 6,
        ["3", "2016.5.3", "桃棵子村", "示范：套袋", 8.0, "示范园1处"],
        [4, 42505, "桃棵子村", "服务：施肥", None, None],
        [5, "2016年5月20日", "许家湖镇", "=其他：座谈", None, None],
        ["序号", "时间", "地点", "帮扶活动形式、内容", "参加人次", "服务效果"],  # page 2 head
        [None] * 6,
        [6, None, None, None, None, None],  # a pre-numbered blank row
        ["合计", None, None, None, 50, None],
        ["注：本表由县科协填写", None, None, None, None, None],
    ]
    for r, values in enumerate(rows, start=6):
        for c, value in enumerate(values, start=1):
            if value is not None:
                cell = ws.cell(r, c, value)
                if isinstance(value, str):
                    cell.data_type = "s"  # as typed with a leading apostrophe
    ws.merge_cells("C6:C7")  # the same place for two activities
    ws.merge_cells("A16:F16")
    ws["H6"] = "多余"
    path = tmp_path / "hand.xlsx"
    wb.save(path)
    return path


def test_hand_made_ledger_reads_by_labels(tmp_path: Path) -> None:
    (parsed,) = parse_xlsx(_hand_made(tmp_path))
    data = parsed.data
    assert (data["county"], data["expert"], data["filled_on"]) == ("沂水县", "孟庆华", "2016-12-30")
    dates = [e.get("date") for e in data["entries"]]
    assert dates == ["2016-04-09", "2016-04-12", "2016-05-03", "2016-05-15", "2016-05-20"]
    assert [e.get("seq") for e in data["entries"]] == [1, 2, 3, 4, 5]
    assert len([k for k in parsed.fields if k.endswith(".seq")]) == 5
    assert data["entries"][1]["place"] == "院东头镇"  # from the merged cell
    assert parsed.fields["entries[1].place"].where == "沂水!C6"
    assert data["entries"][1]["participants"] == 12 and data["entries"][2]["participants"] == 8
    assert data["entries"][4]["activity"] == "=其他：座谈"
    assert parsed.fields["entries[1].date"].confidence < 1  # the year was inferred
    assert parsed.fields["entries[3].date"].where == "沂水!B10"
    assert parsed.fields["expert"].where == "沂水!D3"
    assert all("备注" not in str(e) and "好" not in e.values() for e in data["entries"])
    warnings = "\n".join(parsed.warnings)
    assert "第 G 列「备注」" in warnings and "沂水" in warnings
    assert "第 H 列没有表头" in warnings
    assert "合计" in warnings and "说明文字" in warnings
    checked = validate_record("annex5", data)
    assert not [i for i in checked.issues if i.code == "invalid"]


def test_year_of_a_short_date_comes_from_the_header_date(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["承担项目专家", "张三", "填表时间", dt.datetime(2017, 1, 5)])
    ws.append(["序号", "时间", "地点", "帮扶活动形式、内容"])
    ws.append([1, "3月2日", "某村", "培训"])
    path = tmp_path / "short.xlsx"
    wb.save(path)
    (parsed,) = parse_xlsx(path)
    assert parsed.data["entries"][0]["date"] == "2017-03-02"
    assert parsed.data["filled_on"] == "2017-01-05"


def test_a_bad_date_is_passed_on_as_typed_so_the_issue_quotes_it(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "时间", "地点", "帮扶活动形式、内容"])
    ws.append([1, "2016年13月5日", "某村", "培训"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    (parsed,) = parse_xlsx(path)
    assert parsed.data["entries"][0]["date"] == "2016年13月5日"
    issues = validate_record("annex5", parsed.data).issues
    bad = [i for i in issues if i.path == "entries[0].date"]
    assert bad and "2016年13月5日" in bad[0].message
    assert parsed.fields["entries[0].date"].where == "Sheet!B2"


def test_neither_ledger_nor_roster_is_a_clear_error(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["姓名", "年龄"])
    path = tmp_path / "other.xlsx"
    wb.save(path)
    with pytest.raises(ParseError, match="既不是工作台帐也不是申报名册"):
        parse_xlsx(path)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ParseError, match="不是有效的 Excel"):
        parse_xlsx(junk)


@pytest.mark.parametrize("entries", [0, 3, 12])
def test_sheet_xml_rows_ascend_without_repeats(entries: int) -> None:
    """Excel refuses a sheet with two ``<row r="4">`` (LibreOffice does not mind)."""
    record = Annex5(entries=[{"seq": i + 1, "activity": "培训"} for i in range(entries)])
    with zipfile.ZipFile(io.BytesIO(render_ledger_xlsx([record, record]))) as zf:
        for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
            xml = zf.read(name)
            rows = [int(n) for n in re.findall(rb'<row r="(\d+)"', xml)]
            assert rows == sorted(set(rows)) and rows[:4] == [1, 2, 3, 4]
            last = 3 + max(MIN_ROWS, entries + 3)
            assert f'<dimension ref="A1:F{last}"/>'.encode() in xml


def test_short_dates_run_on_into_the_next_year(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "时间", "地点", "帮扶活动形式、内容"])
    for n, date in enumerate(["2016年11月20日", "12月15日", "1月6日", "2月1日"], 1):
        ws.append([n, date, "某村", "培训"])
    path = tmp_path / "years.xlsx"
    wb.save(path)
    (parsed,) = parse_xlsx(path)
    dates = [e["date"] for e in parsed.data["entries"]]
    assert dates == ["2016-11-20", "2016-12-15", "2017-01-06", "2017-02-01"]
