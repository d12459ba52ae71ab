"""A titleless second page of a re-typed annex 3/4 form continues that form (``_annex_join``,
``_pages._continued``): its values fill what the form lacks, never replace what it read, and
it is not taken for a ledger continuation. Fast: pages as the unmarked reader returns them."""

from __future__ import annotations

from typing import Any

import pytest

from fupin_forms.errors import ParseError
from fupin_forms.parse import FieldSource, ParsedForm
from fupin_forms.scan import _pages
from fupin_forms.scan._annex_join import continues, join


def _form(data: dict[str, Any], paths: list[str], form: str = "annex4", page: int = 1) -> ParsedForm:
    return ParsedForm(form, data, {p: FieldSource("ocr", 0.9, page) for p in paths})


def _first() -> ParsedForm:
    data = {"applicant_name": "唐明亮", "villages": [{"name": "五里堡村", "contact": "侯继美", "phone": None},
            {"name": None, "contact": None, "phone": None}],
            "reviews": {"unit": {"opinion": "同意申报。", "stamped": None, "signed_on": None}}}  # fmt: skip
    return _form(data, ["applicant_name", "villages[0].name", "villages[0].contact", "villages[1].name",
                        "reviews.unit.opinion"])  # fmt: skip


def _second() -> ParsedForm:
    data = {"applicant_name": "唐明", "villages": [{"name": "油坊村", "contact": "肖志强", "phone": None}],
            "reviews": {"unit": {"opinion": "", "stamped": None, "signed_on": None},
                        "city_cast": {"opinion": "初审通过。", "stamped": None, "signed_on": "2016-03-09"}}}  # fmt: skip
    return _form(data, ["applicant_name", "villages[0].name", "villages[0].contact", "reviews.unit.opinion",
                        "reviews.city_cast.opinion", "reviews.city_cast.signed_on", "reviews.city_cast.stamped"],
                 page=2)  # fmt: skip


def test_a_continuation_fills_what_the_form_lacks_and_keeps_what_it_read() -> None:
    form, page = _first(), _second()
    assert continues(form, page)
    join(form, page, 2)
    assert form.data["applicant_name"] == "唐明亮"  # read on page 1: kept
    assert form.data["reviews"]["city_cast"] == {"opinion": "初审通过。", "signed_on": "2016-03-09", "stamped": None}
    assert form.fields["reviews.city_cast.opinion"].page == 2
    assert form.fields["reviews.city_cast.stamped"].page == 2  # read empty there: said, with its confidence
    assert [v["name"] for v in form.data["villages"]] == ["五里堡村", "油坊村"]  # the empty row gave way
    assert form.fields["villages[1].name"].page == 2 and form.fields["villages[0].name"].page == 1
    assert any("第2页没有标题" in w for w in form.warnings)


def test_a_page_adding_nothing_or_of_another_annex_is_no_continuation() -> None:
    form = _first()
    assert not continues(form, _form({"applicant_name": "唐明亮"}, ["applicant_name"]))
    assert not continues(form, _form({"reviews": {"city_cast": {"opinion": "同意"}}}, ["reviews.city_cast.opinion"],
                                     form="annex3"))  # fmt: skip


def test_a_titleless_page_is_read_as_the_files_annex_before_a_ledger(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str | None] = []

    def reader(image: Any, hint: str | None = None) -> ParsedForm:
        asked.append(hint)
        if hint == "annex4":
            return _second()
        raise ParseError("未能识别")

    monkeypatch.setattr(_pages, "read_unmarked", reader)
    form = _first()
    assert _pages._continued([(1, form)], 2, object())
    assert asked == ["annex4"] and "city_cast" in form.data["reviews"]
    ledger = _form({"entries": []}, [], form="annex5")
    assert not _pages._continued([(1, _first()), (3, ledger)], 2, object())  # a file with a ledger
    assert not _pages._continued([(1, _first()), (3, _first())], 2, object())  # two forms: whose?
