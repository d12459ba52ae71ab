"""A scanned opinion read together with its （盖章） line (a county's re-typed cell): the
opinion alone, the date in ``signed_on``; a date that did not read is flagged, never "no
date" (``scan._approval_text``). Fast: forms as the reader returns them."""

from __future__ import annotations

from fupin_forms.parse import FieldSource, ParsedForm
from fupin_forms.scan import REVIEW_THRESHOLD
from fupin_forms.scan._approval_text import split_stamp_lines


def _form(opinions: dict[str, str], dates: dict[str, str] | None = None) -> ParsedForm:
    reviews = {n: {"opinion": o, "stamped": None, "signed_on": (dates or {}).get(n)} for n, o in opinions.items()}
    fields = {f"reviews.{n}.opinion": FieldSource("ocr", 0.9, 2) for n in opinions}
    fields |= {f"reviews.{n}.signed_on": FieldSource("ocr", 0.95, 2) for n in (dates or {})}
    return ParsedForm("annex4", {"reviews": reviews}, fields)


def test_the_stamp_line_leaves_the_opinion_and_its_date_is_the_date() -> None:
    form = _form({"county_cast": "同意上报市科协。\n（盖章）2016年3月6日", "unit": "同意申报。"})
    split_stamp_lines(form)
    review = form.data["reviews"]["county_cast"]
    assert review["opinion"] == "同意上报市科协。" and review["signed_on"] == "2016-03-06"
    assert form.fields["reviews.county_cast.signed_on"].confidence == 0.9  # the opinion's reading
    assert form.data["reviews"]["unit"]["opinion"] == "同意申报。"  # nothing to take apart
    assert "reviews.unit.signed_on" not in form.fields


def test_a_seal_over_the_stamp_word_and_a_garbled_date_is_flagged() -> None:
    """（盖章） under a seal read 关音, 月 read 日: the line goes, the date is for a person."""
    form = _form({"city_cast": "初审通过，同意上报省科协。\n（关音2016年3日9日"})
    split_stamp_lines(form)
    assert form.data["reviews"]["city_cast"]["opinion"] == "初审通过，同意上报省科协。"
    assert form.data["reviews"]["city_cast"]["signed_on"] is None
    assert form.fields["reviews.city_cast.signed_on"].confidence < REVIEW_THRESHOLD


def test_a_date_already_read_is_kept() -> None:
    form = _form({"unit": "同意。\n（盖章）2016年3月6日"}, {"unit": "2016-03-07"})
    split_stamp_lines(form)
    assert form.data["reviews"]["unit"] == {"opinion": "同意。", "stamped": None, "signed_on": "2016-03-07"}
    assert form.fields["reviews.unit.signed_on"].confidence == 0.95
