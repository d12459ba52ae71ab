"""A value read with confidence but most likely one look-alike character off is doubted, never
changed (issue 12, point 2): a county one character from a real Shandong one (scans_blind2:
潍坊市昌乐且振头 at ≥ 0.8, 县 read 且), a phrase that is a word only with a look-alike's
partner (效果 read 放果, 入户 read 人户), a look-alike in a name read less than very sure, and
dates that contradict the page's other dates (a day's 20 read 02)."""

from __future__ import annotations

from typing import Any

from fupin_forms.parse import FieldSource, ParsedForm
from fupin_forms.parse.core.tiers import REVIEW_THRESHOLD
from fupin_forms.scan._lexicon import confusables, misread_suffix, misread_word, near_division
from fupin_forms.scan._misread import doubt_misread
from fupin_forms.scan._probe import Look, _unsure_lookalike


def test_a_county_one_lookalike_off_is_named() -> None:
    assert near_division("潍坊市昌乐且振头") == ("昌乐且", "昌乐县")
    assert near_division("临沂市沂水且院东头镇") == ("沂水且", "沂水县")


def test_real_places_and_other_kinds_of_place_are_not_doubted() -> None:
    for text in ("沾化区", "沾化区科协", "潍坊市昌乐县振兴路102号", "聊城市莘县文化路277号",
                 "东平湖", "开发区", "滨州市沾化区", "沂南县畜牧兽医局", "沾化县"):  # fmt: skip
        assert near_division(text) is None, text


def test_a_lookalike_that_makes_a_word_with_its_partner_is_doubted() -> None:
    assert misread_word("放果好") == ("放", "效", "效果")
    assert misread_word("人户指导")[:2] == ("人", "入")  # type: ignore[index]
    assert misread_word("秋李防疫")[:2] == ("李", "季")  # type: ignore[index]


def test_a_rare_lookalike_alone_beside_a_far_more_frequent_partner_is_doubted() -> None:
    # 较好 read 校好 (round 5): no dictionary word holds either, 较 alone is 11× as frequent
    assert misread_word("效果校好")[:2] == ("校", "较")  # type: ignore[index]


def test_a_rare_word_beside_a_far_more_frequent_partner_word_is_doubted() -> None:
    # 收人 is in the dictionary (3), 收入 3000 times as often; 关健 (5), 关键 (5721)
    assert misread_word("增加收人")[:2] == ("人", "入")  # type: ignore[index]
    assert misread_word("关健技术")[:2] == ("健", "键")  # type: ignore[index]
    assert misread_word("增加收入") is None and misread_word("关键技术") is None


def test_a_lookalike_where_a_place_suffix_goes_is_doubted() -> None:
    # 张鲁集镇 read 张鲁集真 at 0.99: 真 is 镇 without its radical, and makes no word here
    assert misread_suffix("张鲁集真") == ("真", "镇", "张鲁集镇")
    assert misread_suffix("日照市人民各343号")[:2] == ("各", "路")  # type: ignore[index]
    assert misread_suffix("东平县王家寸")[:2] == ("寸", "村")  # type: ignore[index]


def test_places_read_right_keep_their_suffix_lookalikes() -> None:
    for text in ("莒县桑园镇白草坡村", "大王杜庄村", "真理路1号", "张家林木村", "日照市人民路343号",
                 "古云镇东岭村", "东庄镇后峪子村", "和庄镇北栾宫村", "滨州市沾化区沂河路236号",
                 "圣水峪镇东仲都村", "青堌集镇孙庄村", "莘县", "泗水县农业技术推广中心"):  # fmt: skip
        assert misread_suffix(text) is None, text


def test_words_read_right_are_not_doubted() -> None:
    for text in ("效果好", "入户指导", "秋季防疫", "示范园现场观摩", "花生修剪技术现场培训",
                 "举办科普讲座一场", "田间病虫害防治指导", "农户满意", "掌握技术要点", "青岛农业大学"):  # fmt: skip
        assert misread_word(text) is None, text


def test_the_table_holds_the_measured_and_the_seen_pairs() -> None:
    table = confusables()
    assert "且" in table["县"] and "县" in table["且"]
    assert "入" in table["人"] and "凤" in table["风"]
    assert len(table) > 50  # the measured table is loaded, not only the named pairs


def test_a_lookalike_in_a_name_needs_a_very_sure_reading() -> None:
    # unmarked_scan_a4_2 of the degraded set: 卢凤东 with 风 at 0.026 behind 凤 at 0.974
    seconds = (("户", 0.0), ("风", 0.0263), ("车", 0.0))
    assert _unsure_lookalike(Look("卢凤东", 0.97, 0.03, each=(1.0, 0.9736, 1.0), second=seconds))
    sure = (1.0, 0.995, 1.0)
    assert not _unsure_lookalike(Look("卢凤东", 0.995, 0.004, each=sure, second=seconds))
    # a runner-up that is no look-alike, or the same character's traditional form
    other = (("户", 0.0), ("海", 0.0263), ("车", 0.0))
    assert not _unsure_lookalike(Look("卢凤东", 0.97, 0.03, each=(1.0, 0.9736, 1.0), second=other))
    trad = (("馮", 0.03), ("海", 0.0), ("车", 0.0))
    assert not _unsure_lookalike(Look("冯凤东", 0.97, 0.03, each=(0.97, 1.0, 1.0), second=trad))


def _form(form_id: str, data: dict[str, Any], paths: list[str]) -> ParsedForm:
    return ParsedForm(form_id, data, {p: FieldSource("ocr", 0.97) for p in paths})


def test_fields_are_doubted_with_the_likely_reading_and_kept_as_read() -> None:
    form = _form("annex4", {"address": "潍坊市昌乐且振头", "project_name": "放果好",
                            "employer": "青岛农业大学"}, ["address", "project_name", "employer"])  # fmt: skip
    doubt_misread(form)
    ledger = _form("annex5", {"entries": [{"place": "张鲁集真前王村"}]}, ["entries[0].place"])
    doubt_misread(ledger)
    assert ledger.fields["entries[0].place"].confidence < REVIEW_THRESHOLD
    assert any("张鲁集镇" in w for w in ledger.warnings)
    assert form.fields["address"].confidence < REVIEW_THRESHOLD
    assert form.fields["project_name"].confidence < REVIEW_THRESHOLD
    assert form.fields["employer"].confidence == 0.97
    assert form.data["address"] == "潍坊市昌乐且振头"
    assert any("可能误认" in w and "昌乐县" in w for w in form.warnings)
    assert any("可能误认" in w and "效" in w for w in form.warnings)


def test_an_unsure_place_takes_the_real_name_and_a_sure_one_keeps_what_was_read() -> None:
    """The recogniser unsure of 枣产市 (under review) and no Shandong place 枣产市: the real
    one, 枣庄市, is put in, the value stays doubted and the warning says what was read.
    Read with confidence, the same value is only doubted (the writer may mean 枣阳市)."""
    data = {"employer": "枣产市农业科学院", "villages": [{"name": "枣产市山亭区"}],
            "address": "枣产市建设路", "applicant_name": "枣产市"}  # fmt: skip
    form = ParsedForm("annex4", data, {
        "employer": FieldSource("ocr", 0.32, why="字迹写到格子右边缘"),
        "villages[0].name": FieldSource("ocr", 0.5),
        "address": FieldSource("ocr", 0.97),
        "applicant_name": FieldSource("ocr", 0.4),  # a person, not a place
    })  # fmt: skip
    doubt_misread(form)
    assert form.data["employer"] == "枣庄市农业科学院"
    assert form.data["villages"][0]["name"] == "枣庄市山亭区"
    assert form.fields["employer"].confidence < REVIEW_THRESHOLD
    assert any("读作“枣产市农业科学院”" in w and "枣庄市" in w for w in form.warnings)
    assert form.data["address"] == "枣产市建设路"  # sure: kept as read, doubted
    assert form.fields["address"].confidence < REVIEW_THRESHOLD
    assert form.data["applicant_name"] == "枣产市"
    # one character from ten real 某城区 (峄城区, 任城区 …): which one, only a person can say
    many = ParsedForm("annex5", {"county": "峰城区"}, {"county": FieldSource("ocr", 0.5)})
    doubt_misread(many)
    assert many.data["county"] == "峰城区"


def test_a_review_signed_before_the_form_was_filled_is_doubted() -> None:
    data = {"filled_on": "2016-05-20", "reviews": {"unit": {"signed_on": "2016-05-02"},
                                                   "county_cast": {"signed_on": "2016-05-28"}}}  # fmt: skip
    paths = ["filled_on", "reviews.unit.signed_on", "reviews.county_cast.signed_on"]
    form = _form("annex3", data, paths)
    doubt_misread(form)
    assert form.fields["reviews.unit.signed_on"].confidence < REVIEW_THRESHOLD
    assert form.fields["filled_on"].confidence < REVIEW_THRESHOLD
    assert form.fields["reviews.county_cast.signed_on"].confidence == 0.97


def test_a_ledger_entry_out_of_date_order_is_doubted() -> None:
    days = ["2016-04-13", "2016-04-21", "2016-05-08", "2016-05-20", "2016-05-28"]
    days[3] = "2016-05-02"  # 2016-05-20 with its day's digits swapped: 02
    entries = [{"seq": n + 1, "date": d} for n, d in enumerate(days)]
    paths = [f"entries[{n}].date" for n in range(5)] + ["filled_on"]
    form = _form("annex5", {"filled_on": "2016年6月2日", "entries": entries}, paths)
    doubt_misread(form)
    low = {p for p in paths if form.fields[p].confidence < REVIEW_THRESHOLD}
    assert low == {"entries[2].date", "entries[3].date"}  # which of the two: a person decides
    days[3] = "2016-05-20"
    days[1] = "2016-12-01"  # far out of order, and after the ledger was filled
    entries = [{"seq": n + 1, "date": d} for n, d in enumerate(days)]
    form = _form("annex5", {"filled_on": "2016年6月2日", "entries": entries}, paths)
    doubt_misread(form)
    low = {p for p in paths if form.fields[p].confidence < REVIEW_THRESHOLD}
    assert low == {"entries[1].date", "filled_on"}


def test_a_ledger_in_order_is_left_alone() -> None:
    days = ["2016-04-13", "2016-04-21", "2016-05-02", "2016-05-08", "2016-05-18"]
    entries = [{"seq": n + 1, "date": d} for n, d in enumerate(days)]
    paths = [f"entries[{n}].date" for n in range(5)] + ["filled_on"]
    form = _form("annex5", {"filled_on": "2016-05-24", "entries": entries}, paths)
    doubt_misread(form)
    assert all(form.fields[p].confidence == 0.97 for p in paths)
    assert not form.warnings


def test_a_conflict_with_a_date_already_doubted_doubts_nothing_more() -> None:
    data = {"filled_on": "2016-05-18", "reviews": {"unit": {"signed_on": "2016-05-02"}}}
    form = ParsedForm("annex4", data, {"filled_on": FieldSource("ocr", 0.97),
                                       "reviews.unit.signed_on": FieldSource("ocr", 0.44)})  # fmt: skip
    doubt_misread(form)
    assert form.fields["filled_on"].confidence == 0.97
    assert not form.warnings
