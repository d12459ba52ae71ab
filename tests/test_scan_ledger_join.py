"""Which unmarked ledger pages are one ledger (``scan._ledger_join``), on pages as the
unmarked reader returns them: a continuation joins the ledger whose 序号 it continues, in
序号 order whatever the file order; a guessed join is said and doubted; a page that cannot be
tied stays its own record with the reason. Fast: no images."""

from __future__ import annotations

from typing import Any

from fupin_forms.parse import FieldSource, ParsedForm
from fupin_forms.rules import Issue
from fupin_forms.scan import REVIEW_THRESHOLD
from fupin_forms.scan._ledger_join import join_ledgers

KEYS = ("seq", "date", "place", "activity")


def _page(seqs: list[int | None], county: str = "", expert: str = "", tag: str = "") -> ParsedForm:
    """A ledger page as read: ``seqs`` one per row (None: unreadable), a header when given."""
    entries: list[dict[str, Any]] = []
    fields: dict[str, FieldSource] = {}
    for i, seq in enumerate(seqs):
        entries.append({"seq": None if seq is None else str(seq), "date": None,
                        "place": f"{tag}村{seq}", "activity": f"{tag}培训{seq}"})  # fmt: skip
        for key in KEYS:
            fields[f"entries[{i}].{key}"] = FieldSource("ocr", 0.95, 1)
    data: dict[str, Any] = {"county": county or None, "expert": expert or None, "entries": entries}
    if county or expert:
        fields["county"] = FieldSource("ocr", 0.95, 1)
    return ParsedForm("annex5", data, fields)


def _seqs(form: ParsedForm) -> list[str | None]:
    return [e["seq"] for e in form.data["entries"]]


def test_continuation_first_in_the_file_joins_after_the_first_page() -> None:
    for tail_first in (True, False):
        head = _page(list(range(1, 11)), "沂水县", "王强", "甲")
        tail = _page([11, 12], tag="甲")
        forms = join_ledgers([(1, tail), (2, head)] if tail_first else [(1, head), (2, tail)])
        assert len(forms) == 1
        form = forms[0]
        assert _seqs(form) == [str(i) for i in range(1, 13)]
        assert form.data["entries"][10]["place"] == "甲村11"
        assert form.fields["entries[11].place"].confidence == 0.95  # a sure join: not doubted
        assert not form.pages_missing
        assert form.warnings == []


def test_pages_sorted_by_seq_and_sources_follow_their_entries() -> None:
    head = _page(list(range(1, 11)), "沂水县", "王强")
    third = _page([21, 22])
    second = _page(list(range(11, 21)))
    third.fields["entries[0].place"] = FieldSource("ocr", 0.5, 3)
    third.issues.append(Issue("invalid", "entries[1].date", "error", "“2016.13.1”不是日期"))
    forms = join_ledgers([(1, third), (2, head), (3, second)])
    assert len(forms) == 1
    form = forms[0]
    assert _seqs(form) == [str(i) for i in range(1, 23)]
    assert form.fields["entries[20].place"].page == 3  # 序号 21's place, from file page 3
    assert [i.path for i in form.issues] == ["entries[21].date"]  # the continuation's issue kept


def test_continuation_without_a_first_page_is_its_own_record_never_complete() -> None:
    forms = join_ledgers([(1, _page([11, 12]))])
    assert len(forms) == 1
    assert forms[0].pages_missing == [1]
    assert any("没有它的首页" in w for w in forms[0].warnings)


def test_unreadable_seq_joins_the_only_ledger_but_is_doubted() -> None:
    forms = join_ledgers(
        [(1, _page(list(range(1, 11)), "沂水县", "王强")), (2, _page([None, None]))]
    )
    assert len(forms) == 1
    form = forms[0]
    assert len(form.data["entries"]) == 12
    assert form.fields["entries[10].place"].confidence < REVIEW_THRESHOLD
    assert form.fields["entries[0].place"].confidence == 0.95  # the first page stays sure
    assert any("序号认不出" in w for w in form.warnings)
    assert any("顺序需人工核对" in w for w in form.warnings)


def test_a_gap_in_seq_joins_with_a_warning_and_doubt() -> None:
    forms = join_ledgers([(1, _page(list(range(1, 11)), "沂水县", "王强")), (2, _page([21, 22]))])
    assert len(forms) == 1
    assert any("可能缺页" in w for w in forms[0].warnings)
    assert forms[0].fields["entries[10].seq"].confidence < REVIEW_THRESHOLD


def test_repeated_seq_joins_the_only_ledger_doubted_but_not_another() -> None:
    head = _page(list(range(1, 11)), "沂水县", "王强")
    forms = join_ledgers([(1, head), (2, _page([5, 6]))])
    assert len(forms) == 1 and len(forms[0].data["entries"]) == 12
    assert any("序号重复或读错" in w for w in forms[0].warnings)
    assert forms[0].fields["entries[10].place"].confidence < REVIEW_THRESHOLD
    assert any("顺序需人工核对" in w for w in forms[0].warnings)  # 5, 6 twice: order kept
    a = _page(list(range(1, 11)), "沂水县", "王强")
    b = _page(list(range(1, 8)), "蒙阴县", "李华")
    forms = join_ledgers([(1, a), (2, b), (3, _page([5, 6]))])
    assert len(forms) == 3
    assert any("重复或接不上" in w for w in forms[2].warnings)
    assert forms[2].pages_missing == [1]


def test_one_misread_seq_does_not_move_a_page() -> None:
    """A hand's 11 read as 71 and a 10 read as 1010: the numbers agreeing with their rows
    still say the page goes on from 10."""
    head = _page([*range(1, 10), 1010], "沂水县", "王强")
    forms = join_ledgers([(1, _page([71, 12, 13])), (2, head)])
    assert len(forms) == 1
    assert len(forms[0].data["entries"]) == 13
    assert forms[0].fields["entries[12].place"].confidence == 0.95  # fits: a sure join


def test_pages_without_header_still_chain_by_seq() -> None:
    """A first page whose header did not read (序号 from 1) and its continuation: one
    ledger, its header missing, never two records."""
    forms = join_ledgers([(1, _page([11, 12])), (2, _page(list(range(1, 11))))])
    assert len(forms) == 1
    assert _seqs(forms[0]) == [str(i) for i in range(1, 13)]
    assert forms[0].pages_missing == []
    assert any("像是台帐的首页" in w for w in forms[0].warnings)


def test_each_continuation_joins_the_ledger_it_continues() -> None:
    a = _page(list(range(1, 11)), "沂水县", "王强", "甲")
    b = _page(list(range(1, 8)), "蒙阴县", "李华", "乙")
    forms = join_ledgers([(1, _page([8, 9], tag="乙")), (2, a), (3, _page([11], tag="甲")), (4, b)])
    assert len(forms) == 2
    by_county = {f.data["county"]: f for f in forms}
    assert _seqs(by_county["沂水县"]) == [str(i) for i in range(1, 12)]
    assert by_county["沂水县"].data["entries"][10]["place"] == "甲村11"
    assert _seqs(by_county["蒙阴县"]) == [str(i) for i in range(1, 10)]
    assert by_county["蒙阴县"].data["entries"][8]["place"] == "乙村9"


def test_a_continuation_two_ledgers_could_take_stays_apart() -> None:
    a = _page(list(range(1, 11)), "沂水县", "王强")
    b = _page(list(range(1, 11)), "蒙阴县", "李华")
    forms = join_ledgers([(1, a), (2, b), (3, _page([11, 12]))])
    assert len(forms) == 3
    assert any("无法判断属于哪一份" in w for w in forms[2].warnings)


def test_second_sheet_with_the_same_header_and_continuing_seq_is_one_ledger() -> None:
    first = _page(list(range(1, 8)), "沂水县", "王强")
    second = _page(list(range(8, 15)), "沂水县 ", "王强")
    other = _page(list(range(8, 15)), "蒙阴县", "王强")
    forms = join_ledgers([(1, second), (2, first)])  # the second sheet first in the file
    assert len(forms) == 1 and _seqs(forms[0]) == [str(i) for i in range(1, 15)]
    assert forms[0].data["county"] == "沂水县"
    assert any("按同一份台帐合并" in w for w in forms[0].warnings)
    first = _page(list(range(1, 8)), "沂水县", "王强")
    assert len(join_ledgers([(1, first), (2, other)])) == 2  # another county: another ledger


def test_page_whose_qr_did_not_read_completes_the_marked_ledger_it_continues() -> None:
    marked = _page(list(range(1, 11)), "沂水县", "王强")
    marked.pages_missing = [2]
    marked.warnings.append("本表共 2 页，缺第2页；缺页上的内容未读取")
    forms = join_ledgers([(1, _page([11, 12])), (2, _page([13]))], [marked])
    assert len(forms) == 1  # 11–12 went into the marked record, which then was whole
    assert _seqs(forms[0]) == ["13"] and forms[0].pages_missing == [1]
    assert marked.pages_missing == []
    assert _seqs(marked) == [str(i) for i in range(1, 13)]
    assert not any("缺第2页" in w for w in marked.warnings)
    assert any("二维码没有读出" in w for w in marked.warnings)


def test_marked_ledger_takes_no_guess() -> None:
    """Only a continuation whose 序号 go on exactly fills a marked ledger's missing page."""
    marked = _page(list(range(1, 11)), "沂水县", "王强")
    marked.pages_missing = [2]
    forms = join_ledgers([(1, _page([None, None])), (2, _page([14, 15]))], [marked])
    assert len(forms) == 2 and marked.pages_missing == [2]
    assert len(marked.data["entries"]) == 10


def test_the_title_or_a_piece_of_it_is_no_head_line() -> None:
    from fupin_forms.layout import page_for
    from fupin_forms.scan._unmarked import _titled

    title = page_for("annex5").title
    assert _titled("专家服务行动工作台帐", title)
    assert _titled("专家服务行动工作合帐", title)  # misread, still the title
    assert _titled(title, title)
    assert not _titled("县（市、区）科协：沂源县", title)
    assert not _titled("承担项目专家：郑新红", title)
    assert not _titled("2016年7月30日", title)


def test_blank_printed_ledger_sheets_are_joined_not_dropped_as_duplicates() -> None:
    """Two sheets of a ledger printed blank with marks both say "page 1 of 1" in their QR;
    the second (序号 8–10, no header) is the ledger's continuation, never a duplicate page."""
    from fupin_forms.scan._pages import _sheets_joined

    first = _page(list(range(1, 8)), "东阿县", "程庆华")
    more = _page([8, 9, 10])
    other = ParsedForm("annex4", {"applicant_name": "甲"}, {})
    forms = _sheets_joined([(1, more), (2, first), (3, other)])
    assert [f.form for f in forms] == ["annex5", "annex4"]
    assert _seqs(forms[0]) == [str(i) for i in range(1, 11)]
    assert not forms[0].pages_missing
    one = _page([1, 2], "东阿县", "程庆华")
    assert _sheets_joined([(1, one)]) == [one]


def test_a_note_on_the_tables_own_columns_is_said_once_for_the_ledger() -> None:
    """A county's own column (备注) is on every page: its note is said once; notes about
    values stay one a page."""
    head = _page(list(range(1, 11)), "沂水县", "王强", "甲")
    tail = _page([11, 12], tag="甲")
    for page in (head, tail):
        page.warnings += ["台帐表中有未识别的列：备注（未读取）", "需人工核对：服务效果（置信度 0.50）"]
    forms = join_ledgers([(1, head), (2, tail)])
    assert len(forms) == 1
    assert forms[0].warnings.count("台帐表中有未识别的列：备注（未读取）") == 1
    assert forms[0].warnings.count("需人工核对：服务效果（置信度 0.50）") == 2
