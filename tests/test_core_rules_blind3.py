"""The reading core's rules added for the classes the blind3 corpus showed, one test each on
the pure functions (the corpus test scores them on the files)."""

from __future__ import annotations

from fupin_forms.layout import CATEGORIES
from fupin_forms.parse.core import GridCell, GridTable, Sheet, lines_sheet, read_sheet
from fupin_forms.parse.core.match import classify, find_inline, split_at_labels
from fupin_forms.parse.core.values import (
    clean_text,
    parse_int,
    read_approval,
    read_choice,
    read_date,
)


def test_value_ends_at_the_next_label() -> None:
    value, more = split_at_labels("孙月娥        性别：女        出生年月：1968.5", "annex4")
    assert value == "孙月娥"
    assert more == [("性别", "女"), ("出生年月", "1968.5")]
    value, more = split_at_labels("泰安市岱宗大街61号        邮  编: 271018", "annex4")
    assert (value, more) == ("泰安市岱宗大街61号", [("邮  编", "271018")])
    assert split_at_labels("济南市历下区解放路28号", "annex4") == ("济南市历下区解放路28号", [])


def test_inline_cell_with_several_fields_reads_each_and_names_the_unknown() -> None:
    rows = [
        [GridCell("姓名：孙月娥        性别：女        出生年月：1968.5", 0, 4)],
        [GridCell("职称：研究员        专业：果树栽培", 0, 4)],
    ]
    parsed = read_sheet("annex4", Sheet([GridTable(rows)]))
    assert parsed.data["applicant_name"] == "孙月娥"
    assert parsed.data["title"] == "研究员"
    assert parsed.data["specialty"] == "果树栽培"
    assert any("性别" in w and "出生年月" in w for w in parsed.warnings)


def test_a_column_name_inside_a_longer_label_is_no_label() -> None:
    found = find_inline("商河县（市、区）科协    承担项目专家：张明远    记录人：宋", "annex5", True)
    assert [(m.key, v) for m, v in found if m.key == "expert"] == [("expert", "张明远")]


def test_letter_spaced_label_is_not_label_plus_value() -> None:
    assert not [m for m in classify("专 业 特 长", "annex4") if m.rest]
    assert next(m.rest for m in classify("【联系电话】0539-3221907-8003", "annex4")) == (
        "0539-3221907-8003"
    )
    assert classify("联系人电话", "annex4") == []


def test_dates_with_clock_times_and_ranges() -> None:
    assert read_date("2016.4.20 9:00-11:30").value == "2016-04-20"
    d = read_date("2016.6.1-6.3")
    assert (d.status, d.value) == ("range", "2016-06-01")


def test_counts_and_sequence_numbers() -> None:
    assert parse_int("约60人次") == 60
    assert parse_int("1、") == 1
    assert parse_int("六十") == "六十"


def test_a_lone_tick_after_its_option_and_the_plans_wording() -> None:
    assert read_choice("□技术培训类   □产业技术类   科普教育类☑", CATEGORIES)[0] == ["科普教育类"]
    assert read_choice("☑产业服务类 □技术培训类 □科普教育类", CATEGORIES)[0] == ["产业技术类"]
    assert read_choice("技术培训类☑产业技术类□科普教育类□", CATEGORIES)[0] == ["技术培训类"]


def test_skeleton_and_office_name_are_not_the_opinion() -> None:
    assert read_approval("（盖章）      年    月    ", False).opinion is None
    a = read_approval("同意\n牡丹区农业局\n（盖章）  2016.3.19", False)
    assert (a.opinion, a.date.value) == ("同意", "2016-03-19")
    assert read_approval("牡丹区农业局", False).opinion == "牡丹区农业局"


def test_soft_wrap_before_a_comma_is_joined() -> None:
    assert clean_text("讲座4场\n，受益400人次。\n二、预期", True) == "讲座4场，受益400人次。\n二、预期"


def test_ledger_total_row_and_county_skeleton() -> None:
    rows = [
        [GridCell(t, n, n + 1) for n, t in enumerate(["序号", "时间", "地点", "帮扶活动形式、内容", "参加人次"])],
        [GridCell(t, n, n + 1) for n, t in enumerate(["1", "2016.4.8", "崖庄村", "培训", "30"])],
        [GridCell(t, n, n + 1) for n, t in enumerate(["", "", "", "合计", "30人"])],
    ]
    sheet = Sheet([GridTable(rows)], ["牡丹区（市、区）科协        承担项目专家  冯月英2016年12月28日"])
    parsed = read_sheet("annex5", sheet)
    assert len(parsed.data["entries"]) == 1
    assert parsed.data["county"] == "牡丹区"
    assert parsed.data["expert"] == "冯月英"
    assert parsed.data["filled_on"] == "2016-12-28"
    assert any("合计" in w for w in parsed.warnings)


def test_phone_extension_rewrite_is_named() -> None:
    rows = [[GridCell("联系电话", 0, 1), GridCell("0539-6212345转806", 1, 2)]]
    parsed = read_sheet("annex3", Sheet([GridTable(rows)]))
    assert any(i.code == "normalised" and i.path == "phone" for i in parsed.issues)


def test_text_without_tables_is_cut_at_labels_and_kept_below_review() -> None:
    paragraphs = [
        "山东省科协精准扶贫专家服务行动项目书（一）",
        "填表时间2016年03月12日申报单位山东省青少年科技活动中心联系电话0531-86107736帮扶贫困村",
        "序号", "贫困村名称", "联系人", "联系电话", "",
        "1", "平邑县地方镇东阳村", "高守田", "13780995612", "",
        "项目名称贫困地区青少年科普报告百校行单位意见同意。",
        "（盖章）   2016年3月12日",
    ]  # fmt: skip
    parsed = read_sheet("annex3", lines_sheet("annex3", paragraphs), "text")
    assert parsed.data["unit_name"] == "山东省青少年科技活动中心"
    assert parsed.data["phone"] == "0531-86107736"
    assert parsed.data["villages"] == [
        {"name": "平邑县地方镇东阳村", "contact": "高守田", "phone": "13780995612"}
    ]
    assert parsed.data["reviews"]["unit"]["opinion"] == "同意。"
    assert parsed.data["reviews"]["unit"]["signed_on"] == "2016-03-12"
    assert max(src.confidence for src in parsed.fields.values()) < 0.8
