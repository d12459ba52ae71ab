"""The reading core on grids, format-neutral: labels and their variants, values right, below
or inline, tables by header, approval boxes, choices, dates and hints (issue 11)."""

from __future__ import annotations

from typing import Any

from fupin_forms.parse.core import (
    EXACT,
    REVIEW_THRESHOLD,
    GridCell,
    GridTable,
    Sheet,
    detect_sheet,
    read_sheet,
)
from fupin_forms.records import validate_parsed

Row = list[Any]  # str, or (str, span), or GridCell


def sheet(*rows: Row, paragraphs: tuple[str, ...] = ()) -> Sheet:
    table = GridTable()
    for rn, row in enumerate(rows):
        cells, col = [], 0
        for cn, item in enumerate(row):
            if isinstance(item, GridCell):
                cells.append(item)
                col = int(item.right)
                continue
            text, span = item if isinstance(item, tuple) else (item, 1)
            cells.append(GridCell(text, col, col + span, where=f"第{rn + 1}行第{cn + 1}列"))
            col += span
        table.rows.append(cells)
    return Sheet([table], list(paragraphs))


def issues(parsed: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in validate_parsed(parsed).issues:
        out.setdefault(i.path, []).append(i.code)
    return out


def test_printed_label_is_high_a_variant_medium_both_above_threshold() -> None:
    parsed = read_sheet("annex4", sheet(["申报人\n姓  名", "孟庆华", "专业", "果树"]))
    assert parsed.data["applicant_name"] == "孟庆华" and parsed.data["specialty"] == "果树"
    assert parsed.fields["applicant_name"].confidence == EXACT
    assert REVIEW_THRESHOLD <= parsed.fields["specialty"].confidence < EXACT
    assert parsed.fields["applicant_name"].where == "第1行第2列"


def test_colons_spaces_and_inline_values() -> None:
    parsed = read_sheet(
        "annex4",
        sheet(
            ["姓　　名：孟庆华", "工作单位:", "临沂市农科院"],
            ["职务/职称", "研究员", "邮编：", "276000"],
        ),
    )
    assert parsed.data["applicant_name"] == "孟庆华"
    assert parsed.data["employer"] == "临沂市农科院"
    assert parsed.data["title"] == "研究员"
    assert parsed.data["postcode"] == "276000"


def test_label_row_above_value_row() -> None:
    parsed = read_sheet(
        "annex4", sheet(["专家姓名", "工作单位", "职称"], ["王立华", "曹县农业局", "农艺师"])
    )
    assert (parsed.data["applicant_name"], parsed.data["employer"], parsed.data["title"]) == (
        "王立华",
        "曹县农业局",
        "农艺师",
    )


def test_unknown_labels_warned_once_never_absorbed() -> None:
    parsed = read_sheet(
        "annex4",
        sheet(
            ["姓名", "孟庆华", "性别", "女", "出生年月", "1970.5"],
            ["联系帮扶贫困村情况", "贫困村名称", "联系人", "联系电话"],
            ["", "桃棵子村", "王五", "13812345678"],
            ["邮    编", "276000", "", ""],
        ),
    )
    assert parsed.data["villages"] == [
        {"name": "桃棵子村", "contact": "王五", "phone": "13812345678"}
    ]
    assert parsed.data["postcode"] == "276000"
    assert parsed.warnings == ["表中有未识别的栏目：性别、出生年月（未读取）"]


def test_villages_by_header_in_any_order_numbered_empty_rows_dropped() -> None:
    parsed = read_sheet(
        "annex3",
        sheet(
            ["联系帮扶贫困村情况", "序号", "联系电话", "村联系人", "帮扶贫困村名称", "备注"],
            ["", "1", "13812345678", "王五", "桃棵子村", "新增"],
            ["", "2", "", "", "", ""],
            ["项目名称", ("科普惠农", 5)],
        ),
    )
    assert parsed.data["villages"] == [
        {"name": "桃棵子村", "contact": "王五", "phone": "13812345678"}
    ]
    assert parsed.data["project_name"] == "科普惠农"
    assert any("备注" in w for w in parsed.warnings)


def test_approval_box_taken_apart() -> None:
    stamp = GridCell("同意申报。\n（盖章）      2016年3月15日", 1, 5, picture=True)
    untouched = GridCell("（盖章）\n年    月    日", 1, 5)
    parsed = read_sheet(
        "annex4",
        sheet(
            ["所在单位\n意见", stamp],
            ["县级科协\n意见", untouched],
            ["市级科协意见", ("（盖章）☒已盖章  2016年3月20日", 4)],
        ),
    )
    unit = parsed.data["reviews"]["unit"]
    assert unit == {"opinion": "同意申报。", "stamped": True, "signed_on": "2016-03-15"}
    assert parsed.fields["reviews.unit.stamped"].confidence < REVIEW_THRESHOLD  # a person confirms
    assert "stamp_unconfirmed" in issues(parsed)["reviews.unit.stamped"]
    county = parsed.data["reviews"]["county_cast"]
    assert county == {"opinion": None, "stamped": None, "signed_on": None}
    assert parsed.data["reviews"]["city_cast"]["stamped"] is True
    assert parsed.data["reviews"]["city_cast"]["signed_on"] == "2016-03-20"


def test_choice_marks_before_or_after_and_conflicts() -> None:
    for text in ("□技术培训类 ☑产业技术类 □科普教育类", "技术培训类□ 产业技术类☑ 科普教育类□",
                 "技术培训类  √产业技术类  科普教育类", "○技术培训类 ●产业技术类 ○科普教育类"):  # fmt: skip
        parsed = read_sheet("annex4", sheet(["项目类别", text]))
        assert parsed.data["category"] == "产业技术类", text
    both = read_sheet("annex4", sheet(["项目类别", "☑技术培训类 ☑产业技术类 □科普教育类"]))
    assert both.fields["category"].confidence < REVIEW_THRESHOLD
    assert "category_multiple" in issues(both)["category"]
    assert validate_parsed(both).model.category is None  # never a silent pick


def test_dates_every_spelling_and_non_dates_kept_in_an_issue() -> None:
    for text, iso in (("2016.3.5", "2016-03-05"), ("二〇一六年三月五日", "2016-03-05"),
                      ("2016-3-5", "2016-03-05"), ("2016年3月5日", "2016-03-05")):  # fmt: skip
        parsed = read_sheet("annex4", Sheet(sheet(["姓名", "甲"]).tables, [f"填表时间：{text}"]))
        assert parsed.data["filled_on"] == iso, text
    parsed = read_sheet("annex4", Sheet(sheet(["姓名", "甲"]).tables, ["填表时间：待定"]))
    assert parsed.data["filled_on"] is None
    found = [i for i in validate_parsed(parsed).issues if i.path == "filled_on"]
    assert found and found[0].code == "invalid" and "待定" in found[0].message


def test_ledger_by_header_year_from_the_ledger() -> None:
    parsed = read_sheet(
        "annex5",
        Sheet(
            sheet(
                ["序号", "时间", "帮扶活动形式、内容", "地点", "参加人次"],
                ["1", "2016.3.5", "培训：修剪", "桃棵子村", "46人"],
                ["2", "4月6日", "示范：疏果", "黄崖村", "22"],
                ["3", "", "", "", ""],
            ).tables,
            ["县（市、区）科协：沂水县    承担项目专家：孟庆华    填表时间：2016年8月28日"],
        ),
    )
    assert parsed.data["county"] == "沂水县" and parsed.data["expert"] == "孟庆华"
    entries = parsed.data["entries"]
    assert [e["place"] for e in entries] == ["桃棵子村", "黄崖村"]  # swapped columns stay put
    assert entries[0]["participants"] == 46
    assert entries[1]["date"] == "2016-04-06"
    assert "date_year" in issues(parsed)["entries[1].date"]


def test_forms_known_by_labels_without_a_title() -> None:
    plain = sheet(["姓名", "甲", "工作单位", "乙"], ["专业", "丙", "职称", "丁"])
    assert detect_sheet(plain) == "annex4"
    assert detect_sheet(Sheet(plain.tables, ["个人项目书"])) == "annex4"
    unit = sheet(["申报单位", "甲"], ["单位负责人", "乙", "联系人", "丙"])
    assert detect_sheet(unit) == "annex3"


def test_hint_cells_are_no_values_whatever_they_say() -> None:
    hint = GridCell("请填写职称", 1, 2, hint=True)
    typed = GridCell("请填写职称", 1, 2)  # typed by a person: wording alone is no hint
    assert read_sheet("annex4", sheet(["职称", hint])).data.get("title") is None
    assert read_sheet("annex4", sheet(["职称", typed])).data["title"] == "请填写职称"


def test_position_only_reads_are_below_threshold() -> None:
    s = sheet(["姓名", "孟庆华"])
    s.position_only = True
    parsed = read_sheet("annex4", s)
    assert parsed.fields["applicant_name"].confidence < REVIEW_THRESHOLD


def test_a_row_of_other_labels_is_no_village_header() -> None:
    parsed = read_sheet(
        "annex4",
        sheet(["项目名称", "果树提质", "联系电话", "13812345678"], ["职称", "研究员", "", ""]),
    )
    assert parsed.data["villages"] == []
    assert parsed.data["project_name"] == "果树提质" and parsed.data["title"] == "研究员"


def test_village_columns_by_the_word_they_hold() -> None:
    parsed = read_sheet(
        "annex4",
        sheet(["帮扶村庄", "联系人电话", "村联系人姓名"], ["桃棵子村", "13812345678", "王五"]),
    )
    assert parsed.data["villages"] == [
        {"name": "桃棵子村", "contact": "王五", "phone": "13812345678"}
    ]
