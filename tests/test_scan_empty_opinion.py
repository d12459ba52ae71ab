"""An approval that is dated or stamped but whose opinion came back empty is doubted
(``scan._plausible``): the opinion was written and not read, far more often than left out
(issue 12: re-typed and photographed pages read it as "" at 0.97). Fast: no images."""

from __future__ import annotations

from fupin_forms.parse import FieldSource, ParsedForm
from fupin_forms.scan import REVIEW_THRESHOLD
from fupin_forms.scan._plausible import doubt_implausible


def _form(unit: dict[str, object], opinion_read: bool) -> ParsedForm:
    reviews = {"unit": unit, "county_cast": {"opinion": None, "stamped": None, "signed_on": None}}
    fields = {
        "reviews.unit.signed_on": FieldSource("ocr", 0.95, 1, where="表格第13行第2格"),
        "reviews.unit.stamped": FieldSource("ocr", 0.95, 1),
        "reviews.county_cast.opinion": FieldSource("ocr", 0.97, 1),
    }
    if opinion_read:
        fields["reviews.unit.opinion"] = FieldSource("ocr", 0.97, 1)
    return ParsedForm("annex4", {"reviews": reviews}, fields)


def test_dated_approval_with_empty_opinion_is_doubted() -> None:
    for read in (True, False):  # read as "" at 0.97, or its zone never found
        form = _form({"opinion": None, "stamped": True, "signed_on": "2016-06-01"}, read)
        doubt_implausible(form)
        source = form.fields["reviews.unit.opinion"]
        assert source.confidence < REVIEW_THRESHOLD and source.why
        assert any("意见" in w for w in form.warnings)
        # an approval nobody touched keeps its sure "empty"
        assert form.fields["reviews.county_cast.opinion"].confidence >= REVIEW_THRESHOLD


def test_an_opinion_read_is_left_alone() -> None:
    form = _form({"opinion": "同意", "stamped": True, "signed_on": "2016-06-01"}, True)
    doubt_implausible(form)
    assert form.fields["reviews.unit.opinion"].confidence == 0.97


def test_an_approval_read_empty_below_a_filled_one_is_doubted() -> None:
    """A form goes up unit → county offices → city: a county office read wholly empty under
    a filled city approval lost its row in the reading, most likely."""
    empty = {"opinion": None, "stamped": None, "signed_on": None}
    city = {"opinion": "同意", "stamped": True, "signed_on": "2016-06-22"}
    reviews = {"unit": dict(city), "county_poverty_office": dict(empty), "county_cast": dict(city),
               "city_cast": dict(empty)}  # fmt: skip
    fields = {f"reviews.{n}.{k}": FieldSource("ocr", 0.97, 1) for n in reviews for k in ("opinion", "signed_on")}
    form = ParsedForm("annex4", {"reviews": reviews}, fields)
    doubt_implausible(form)
    for key in ("opinion", "signed_on"):
        assert form.fields[f"reviews.county_poverty_office.{key}"].confidence < REVIEW_THRESHOLD
        assert form.fields[f"reviews.city_cast.{key}"].confidence == 0.97  # nothing above it
        assert form.fields[f"reviews.unit.{key}"].confidence == 0.97
