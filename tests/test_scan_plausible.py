"""A sure OCR reading that is a printed label or holds the printed hint is doubted, not trusted
(scans_blind2: a table fitted one row off gave village contacts 工作单位/邮政编码 at 0.97; a
hand writing after the grey hint gave 职称 '请填写职称高级工程')."""

from __future__ import annotations

from fupin_forms.parse import FieldSource, ParsedForm
from fupin_forms.parse.core.tiers import REVIEW_THRESHOLD
from fupin_forms.scan._plausible import doubt_implausible


def _form(values: dict[str, str], method: str = "ocr") -> ParsedForm:
    data: dict[str, object] = {"villages": [{}]}
    fields = {}
    for path, value in values.items():
        if path.startswith("villages[0]."):
            data["villages"][0][path.split(".", 1)[1]] = value  # type: ignore[index]
        else:
            data[path] = value
        fields[path] = FieldSource(method, 0.97)  # type: ignore[arg-type]
    return ParsedForm("annex4", data, fields)


def test_a_printed_label_read_as_a_value_is_doubted() -> None:
    form = _form({"villages[0].contact": "工作单位", "villages[0].name": "邮 政 编 码",
                  "villages[0].phone": "7电子邮箱", "employer": "青岛农业大学"})  # fmt: skip
    doubt_implausible(form)
    assert form.fields["villages[0].contact"].confidence < REVIEW_THRESHOLD
    assert form.fields["villages[0].name"].confidence < REVIEW_THRESHOLD
    assert form.fields["villages[0].phone"].confidence < REVIEW_THRESHOLD
    assert form.fields["employer"].confidence == 0.97
    assert form.data["villages"][0]["contact"] == "工作单位"  # kept as read, for a person
    assert sum("栏目名" in w for w in form.warnings) == 3


def test_the_printed_hint_inside_a_value_is_doubted() -> None:
    form = _form({"title": "请填写职称高级工程", "specialty": "畜牧兽医"})
    doubt_implausible(form)
    assert form.fields["title"].confidence < REVIEW_THRESHOLD
    assert form.fields["specialty"].confidence == 0.97
    assert any("职称" in w and "提示文字" in w for w in form.warnings)


def test_a_name_or_place_starting_with_a_label_and_colon_is_doubted() -> None:
    """A county's own label typed in the cell (填报单位：) read into the value; a content
    may well start so (帮扶内容：…) and is left alone."""
    form = _form({"employer": "工作单位：青岛农业大学", "villages[0].name": "东里镇朱家峪村",
                  "project_content": "帮扶内容：桃知识普及"})  # fmt: skip
    doubt_implausible(form)
    assert form.fields["employer"].confidence < REVIEW_THRESHOLD
    assert form.fields["villages[0].name"].confidence == 0.97
    assert form.fields["project_content"].confidence == 0.97
    assert any("栏目名" in w and "工作单位：青岛农业大学" in w for w in form.warnings)


def test_digital_reads_are_left_alone() -> None:
    form = _form({"villages[0].contact": "工作单位"}, method="sdt")
    doubt_implausible(form)
    assert form.fields["villages[0].contact"].confidence == 0.97
    assert not form.warnings


def _ledger(activities: list[str]) -> ParsedForm:
    entries = [{"seq": n + 1, "place": "泉林镇小岭村", "activity": a} for n, a in enumerate(activities)]
    fields = {}
    for n in range(len(activities)):
        fields[f"entries[{n}].place"] = FieldSource("ocr", 0.97)  # type: ignore[arg-type]
        fields[f"entries[{n}].activity"] = FieldSource("ocr", 0.97)  # type: ignore[arg-type]
    fields["county"] = FieldSource("ocr", 0.97)  # type: ignore[arg-type]
    return ParsedForm("annex5", {"county": "泗水县", "entries": entries}, fields)


def test_labels_of_another_annex_mean_the_page_is_that_annex() -> None:
    # a 附件3 page whose marks and title were cropped, read as a 附件5 ledger: its printed
    # labels come out as entry values, and nothing on the page can be trusted
    form = _ledger(["邮政编码", "联系人", "果树修剪培训"])
    doubt_implausible(form)
    assert all(s.confidence < REVIEW_THRESHOLD for s in form.fields.values())
    assert any("表格类型可能认错" in w for w in form.warnings)
    assert form.data["entries"][0]["activity"] == "邮政编码"  # kept as read


def test_one_foreign_label_doubts_only_its_field() -> None:
    form = _ledger(["电子邮箱", "果树修剪培训"])
    doubt_implausible(form)
    assert form.fields["entries[0].activity"].confidence < REVIEW_THRESHOLD
    assert form.fields["entries[1].activity"].confidence == 0.97
    assert form.fields["county"].confidence == 0.97
    assert not any("表格类型可能认错" in w for w in form.warnings)


def test_a_value_of_only_specks_and_punctuation_is_doubted() -> None:
    # a speck or a tick's tail read as • or 。 in an empty cell: no value of these forms is
    # punctuation alone
    form = _form({"address": "•", "villages[0].name": "·.·。", "employer": "青岛农业大学。"})
    doubt_implausible(form)
    assert form.fields["address"].confidence < REVIEW_THRESHOLD
    assert form.fields["villages[0].name"].confidence < REVIEW_THRESHOLD
    assert form.fields["employer"].confidence == 0.97
    assert sum("标点或污点" in w for w in form.warnings) == 2
