"""The reading core on grids, format-neutral: labels and their variants, values right, below
or inline, tables by header, approval boxes, choices, dates and hints (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest

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


# -- held-out classes (the measurement in tests/fixtures/heldout/measured) ------------------


def test_date_like_line_under_the_opinion_never_stays_in_it() -> None:
    parsed = read_sheet(
        "annex4",
        sheet(
            ["所在单位意见", "同意申报.\n16.3.7"],
            ["县扶贫办核审意见", "经审核，符合条件。\n（盖章）  2016.03.08"],
            ["县级科协意见", "同意推荐。\n2016年3月"],
        ),
    )
    reviews = parsed.data["reviews"]
    assert reviews["unit"]["opinion"] == "同意申报."
    assert reviews["unit"]["signed_on"] == "2016-03-07"  # two-digit year: 2016, flagged
    assert parsed.fields["reviews.unit.signed_on"].confidence < REVIEW_THRESHOLD
    assert "date_year" in issues(parsed)["reviews.unit.signed_on"]
    assert reviews["county_poverty_office"]["opinion"] == "经审核，符合条件。"
    assert reviews["county_poverty_office"]["signed_on"] == "2016-03-08"
    assert reviews["county_cast"] == {"opinion": "同意推荐。", "stamped": None, "signed_on": None}
    found = [i for i in validate_parsed(parsed).issues if i.path == "reviews.county_cast.signed_on"]
    assert found and found[0].code == "invalid" and "2016年3月" in found[0].message


def test_short_year_is_one_rule_for_every_date_field() -> None:
    parsed = read_sheet("annex4", Sheet(sheet(["姓名", "甲"]).tables, ["填表时间：16.3.5"]))
    assert parsed.data["filled_on"] == "2016-03-05"
    assert parsed.fields["filled_on"].confidence < REVIEW_THRESHOLD
    assert "date_year" in issues(parsed)["filled_on"]
    ledger = read_sheet(
        "annex5",
        sheet(["县（市、区）科协", "五莲县科协"], ["承担项目专家", "丁守信"], ["填表时间", "16.10.28"],
              ["序号", "时间", "地点", "帮扶活动形式、内容"], ["1", "16.4.6", "小窑村", "培训"]),
    )  # fmt: skip
    assert ledger.data["expert"] == "丁守信" and ledger.data["filled_on"] == "2016-10-28"
    assert ledger.data["entries"][0]["date"] == "2016-04-06"
    assert ledger.fields["entries[0].date"].confidence < REVIEW_THRESHOLD
    assert "date_year" in issues(ledger)["entries[0].date"]


def test_approval_in_separate_cells_opinion_stamp_date() -> None:
    parsed = read_sheet(
        "annex4",
        sheet(
            ["审核单位", "意见", "盖章", "日期"],
            ["单位意见", "同意申报。", GridCell("", 2, 3, picture=True), "2016年3月15日"],
            ["县级科协意见", "同意。", "（盖章）", "2016年 3 月 10 日"],
            ["市级科协意见", "同意上报。", "", "2016年3月"],
        ),
    )
    reviews = parsed.data["reviews"]
    assert reviews["unit"] == {"opinion": "同意申报。", "stamped": True, "signed_on": "2016-03-15"}
    assert "stamp_unconfirmed" in issues(parsed)["reviews.unit.stamped"]
    assert reviews["county_cast"] == {"opinion": "同意。", "stamped": None,
                                      "signed_on": "2016-03-10"}  # fmt: skip
    assert reviews["city_cast"]["signed_on"] is None
    assert "invalid" in issues(parsed)["reviews.city_cast.signed_on"]
    assert "approval_incomplete" in issues(parsed)["reviews.county_cast"]  # no stamp found
    assert "approval_incomplete" not in issues(parsed).get("reviews.unit", [])
    undated = read_sheet(
        "annex4", sheet(["单位意见", "同意。", GridCell("", 2, 3, picture=True), ""])
    )
    assert undated.data["reviews"]["unit"]["signed_on"] is None
    assert "approval_incomplete" in issues(undated)["reviews.unit"]  # never a silent empty


def test_villages_in_one_cell_split_with_a_warning() -> None:
    parsed = read_sheet(
        "annex3",
        sheet(
            ["联系电话", "0543-8212093"],
            ["帮扶贫困村名称", "石家村、王庄村"],
            ["贫困村联系人", "石磊，王芳"],
            ["联系电话", "13589712345"],  # one phone for two villages: not guessed
        ),
    )
    villages = parsed.data["villages"]
    assert [v["name"] for v in villages] == ["石家村", "王庄村"]
    assert [v["contact"] for v in villages] == ["石磊", "王芳"]
    assert [v["phone"] for v in villages] == [None, None]
    assert parsed.data["phone"] == "0543-8212093"
    assert "villages_split" in issues(parsed)["villages"]
    table = read_sheet(
        "annex3",
        sheet(["贫困村名称", "联系人", "联系电话"], ["石家村\n王庄村", "石磊；王芳", "1; 2"]),
    )
    assert [v["name"] for v in table.data["villages"]] == ["石家村", "王庄村"]
    assert [v["phone"] for v in table.data["villages"]] == ["1", "2"]
    assert "villages_split" in issues(table)["villages"]


def test_villages_one_field_per_row_numbered() -> None:
    parsed = read_sheet(
        "annex3",
        sheet(
            ["联系人", "王晓丽"],
            ["帮扶贫困村（一）名称", "朱家林村"],
            ["帮扶贫困村（一）联系人", "朱孔军"],
            ["贫困村2名称", "常山庄村"],
            ["贫困村2联系电话", "15965481230"],
        ),
    )
    assert parsed.data["contact_person"] == "王晓丽"
    assert parsed.data["villages"] == [
        {"name": "朱家林村", "contact": "朱孔军", "phone": None},
        {"name": "常山庄村", "contact": None, "phone": "15965481230"},
    ]


def test_ledger_dates_with_weekday_or_time_and_split_activity_columns() -> None:
    parsed = read_sheet(
        "annex5",
        Sheet(
            sheet(
                ["序号", "时间", "地点", "活动形式", "活动内容", "参加人数"],
                ["1", "3月12日（星期六）", "东仲都村", "集中授课", "大豆种子处理", "52"],
                ["2", "2016.03.08 上午", "王家庄村", "田间指导", "", "47"],
            ).tables,
            ["县（市、区）科协：泗水县    填表时间：2016年9月5日"],
        ),
    )
    entries = parsed.data["entries"]
    assert entries[0]["date"] == "2016-03-12" and entries[1]["date"] == "2016-03-08"
    assert "date_year" in issues(parsed)["entries[0].date"]  # no year written: inferred
    assert parsed.fields["entries[1].date"].confidence >= REVIEW_THRESHOLD
    assert entries[0]["activity"] == "集中授课：大豆种子处理"
    assert entries[1]["activity"] == "田间指导"


def test_postcode_written_into_the_address_and_ticks_in_brackets() -> None:
    parsed = read_sheet(
        "annex4",
        sheet(
            ["通信地址（含邮编）", "山东省菏泽市曹县青菏路88号 274400"],
            ["项目类别", "技术培训类（√）    产业技术类（  ）    科普教育类（  ）"],
        ),
    )
    assert parsed.data["address"] == "山东省菏泽市曹县青菏路88号"
    assert parsed.data["postcode"] == "274400"
    assert parsed.data["category"] == "技术培训类"
    said = read_sheet("annex4", sheet(["通信地址", "东风东街8号，邮编：261041"],
                                      ["项目类别", "[ ]技术培训类 [√]产业技术类 [ ]科普教育类"]))  # fmt: skip
    assert said.data["address"] == "东风东街8号" and said.data["postcode"] == "261041"
    assert said.data["category"] == "产业技术类"
    plain = read_sheet("annex4", sheet(["通信地址", "青菏路888888"]))  # no word of a postcode
    assert plain.data["address"] == "青菏路888888" and "postcode" not in plain.data


def test_ledger_office_before_the_head_line() -> None:
    parsed = read_sheet(
        "annex5",
        Sheet(
            sheet(["序号", "时间", "地点", "帮扶活动形式、内容"], ["1", "2016.4.9", "东仲都村", "授课"]).tables,
            ["泗水县科协（县（市、区）科协）      承担项目专家：孔繁华      填表时间：2016年 9 月 5 日"],
        ),
    )  # fmt: skip
    assert parsed.data["county"] == "泗水县" and parsed.data["expert"] == "孔繁华"
    assert parsed.data["filled_on"] == "2016-09-05"


def test_category_by_the_options_struck_out() -> None:
    text = "技术培训类    产业技术类    科普教育类"
    struck = GridCell(text, 1, 4, struck=("技术培训类", "产业技术类"))
    parsed = read_sheet("annex4", sheet(["项目类别", struck]))
    assert parsed.data["category"] == "科普教育类"
    one = GridCell(text, 1, 4, struck=("技术培训类",))  # two left standing: no guess
    assert read_sheet("annex4", sheet(["项目类别", one])).data["category"] is None


def test_a_name_wrapped_in_its_cell_is_one_village_and_a_range_stays_in_the_opinion() -> None:
    parsed = read_sheet(
        "annex3",
        sheet(["贫困村名称", "联系人", "联系电话"], ["沂南县岸堤镇\n朱家林村", "朱孔军", "138"],
              ["单位意见", "同意，实施期\n2016-2018"]),
    )  # fmt: skip
    assert [v["name"] for v in parsed.data["villages"]] == ["沂南县岸堤镇朱家林村"]
    assert "villages" not in issues(parsed)
    assert parsed.data["reviews"]["unit"]["opinion"] == "同意，实施期\n2016-2018"


def test_approval_date_in_the_row_below_the_opinion() -> None:
    label = GridCell("县级科协意见", 0, 1)
    parsed = read_sheet(
        "annex4",
        sheet(
            [label, ("同意推荐。", 3)],
            [GridCell("", 0, 1, merged_above=True), GridCell("（盖章）", 1, 2, picture=True),
             ("2016年3月17日", 2)],
            ["市级科协意见", ("同意。", 3)],
            ["", ("省里再议", 3)],  # an opinion of its own: not this box's date
        ),
    )  # fmt: skip
    county = parsed.data["reviews"]["county_cast"]
    assert county == {"opinion": "同意推荐。", "stamped": True, "signed_on": "2016-03-17"}
    assert parsed.data["reviews"]["city_cast"]["opinion"] == "同意。"
    assert parsed.data["reviews"]["city_cast"]["signed_on"] is None


@pytest.mark.parametrize(
    "head",
    ["县（市、区）科协：  承担项目专家：  年 月 日", "县（市、区）科协：  承担项目专家：  年月日"],
)
def test_ledger_head_left_blank_has_no_expert(head: str) -> None:
    """The printed 年 月 日 after an empty 承担项目专家： is the date's skeleton, not a name."""
    parsed = read_sheet(
        "annex5",
        Sheet(sheet(["序号", "时间", "地点", "帮扶活动形式、内容"], ["8", "2016.5.21", "沟头村", "授课"]).tables, [head]),
    )  # fmt: skip
    assert not parsed.data.get("expert") and not parsed.data.get("filled_on")


def test_ledger_head_expert_run_into_the_date_keeps_the_name() -> None:
    """The skeleton rule must not take a name written straight before the date."""
    parsed = read_sheet(
        "annex5",
        Sheet(sheet(["序号", "时间", "地点", "帮扶活动形式、内容"], ["1", "2016.5.21", "沟头村", "授课"]).tables,
              ["县（市、区）科协：沂水县  承担项目专家：孟庆华2016年8月28日"]),
    )  # fmt: skip
    assert parsed.data["expert"] == "孟庆华" and parsed.data["filled_on"] == "2016-08-28"
