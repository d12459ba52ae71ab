"""Every public function raises only ``FupinFormsError`` subclasses on bad input.

The table below names a bad call for each public function; a new public function without an
entry fails ``test_every_public_function_has_bad_input`` so it cannot slip past this test.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import fupin_forms
from fupin_forms import api
from fupin_forms.errors import (
    FupinFormsError,
    NotAFormError,
    ParseError,
    RenderError,
    UsageError,
)
from fupin_forms.models import Annex4, Annex5

Call = Callable[[Path], Any]

# name → bad calls, each with the error type it must raise
BAD: dict[str, list[tuple[Call, type[FupinFormsError]]]] = {
    "resolve_form_id": [(lambda _: fupin_forms.resolve_form_id("bogus"), UsageError)],
    "validate_record": [
        (lambda _: fupin_forms.validate_record("bogus", {}), UsageError),
        (lambda _: fupin_forms.validate_record("annex4", {}, "nope"), UsageError),
    ],
    "check_stage": [(lambda _: fupin_forms.check_stage(Annex4(), "nope"), UsageError)],
    "check_paths": [
        (lambda tmp: list(fupin_forms.check_paths([tmp], "nope")), UsageError),
    ],
    "parse_paths": [
        (lambda tmp: list(fupin_forms.parse_paths([tmp], "nope")), UsageError),
    ],
    "load_data_records": [
        (lambda tmp: fupin_forms.load_data_records("bogus", tmp / "x.json"), UsageError),
        (lambda tmp: fupin_forms.load_data_records("annex4", tmp / "missing.json"), ParseError),
        (lambda tmp: fupin_forms.load_data_records("annex4", _write(tmp, "x.json", "{")), ParseError),
        (
            lambda tmp: fupin_forms.load_data_records(
                "annex4", _write(tmp, "x.json", '{"form": "bogus"}')
            ),
            ParseError,
        ),
    ],
    "render_form": [
        (lambda _: fupin_forms.render_form("bogus", None), UsageError),
        (lambda _: fupin_forms.render_form("annex4", None, "odt"), UsageError),
        (lambda _: fupin_forms.render_form("annex4", None, "docx", flatten=True), UsageError),
        (lambda _: fupin_forms.render_form("annex4", Annex5(), "docx"), UsageError),
        (
            lambda _: fupin_forms.render_form("annex5", Annex5(county="县" * 40_000), "xlsx"),
            RenderError,  # longer than a cell holds (control characters are dropped by the model)
        ),
    ],
    "render_many": [
        (lambda _: api.render_many("bogus", [], "xlsx"), UsageError),
        (lambda _: api.render_many("annex5", [], "pdf"), UsageError),
    ],
    # total functions: no input is bad; called here to show they do not raise
    "detect_form": [],
    "check_plan_rules": [],
    "load_quota": [],
}


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _public_functions() -> set[str]:
    names = set()
    for module in (fupin_forms, api):
        for name in module.__all__:
            obj = getattr(module, name)
            if callable(obj) and not inspect.isclass(obj):
                names.add(name)
    return names


def test_every_public_function_has_bad_input() -> None:
    assert _public_functions() == set(BAD)


@pytest.mark.parametrize(
    ("name", "index"), [(name, i) for name, calls in BAD.items() for i in range(len(calls))]
)
def test_bad_input_raises_our_error(name: str, index: int, tmp_path: Path) -> None:
    call, expected = BAD[name][index]
    with pytest.raises(FupinFormsError) as info:
        call(tmp_path)
    assert type(info.value) is expected, info.value
    assert "\n" not in str(info.value) and str(info.value)


def test_usage_error_is_still_a_value_error() -> None:
    """Callers written when resolve_form_id raised ValueError keep working."""
    with pytest.raises(ValueError, match="未知的表格"):
        fupin_forms.resolve_form_id("bogus")


def test_not_a_form_is_its_own_type(tmp_path: Path) -> None:
    """Whether to try OCR on a PDF is decided by this type, not by the message text."""
    import docx
    from pypdf import PdfWriter

    from fupin_forms.parse.docx import parse_docx
    from fupin_forms.parse.pdf import parse_pdf
    from fupin_forms.parse.reader import read_forms

    doc = docx.Document()
    doc.add_paragraph("会议通知")
    doc.save(tmp_path / "notice.docx")
    with pytest.raises(NotAFormError):
        parse_docx(tmp_path / "notice.docx")
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with (tmp_path / "blank.pdf").open("wb") as fh:
        writer.write(fh)
    with pytest.raises(NotAFormError):
        parse_pdf(tmp_path / "blank.pdf")
    # the reader tries it as a scan, finds no marks, and reports the PDF's own reason
    with pytest.raises(NotAFormError, match="无法识别表格"):
        read_forms(tmp_path / "blank.pdf")
    # a damaged PDF is a plain ParseError: not a form we could try to scan
    with pytest.raises(ParseError) as info:
        parse_pdf(b"%PDF-1.7\n garbage")
    assert not isinstance(info.value, NotAFormError)


def test_total_functions_do_not_raise() -> None:
    assert fupin_forms.detect_form({}) is None
    assert fupin_forms.detect_form({"x": object()}) is None
    assert isinstance(fupin_forms.check_plan_rules(Annex4()), list)
    assert fupin_forms.load_quota().total == 240


def test_an_exception_from_any_of_our_packages_is_a_bug_not_a_damaged_file() -> None:
    """read_forms turns library exceptions into ParseError, but never one raised in our code."""
    from fupin_forms.models._values import parse_date
    from fupin_forms.parse.reader import _raised_in_our_code

    with pytest.raises(ValueError) as info:
        parse_date("not a date")
    assert _raised_in_our_code(info.value)  # models/ is ours although reader sits in parse/
    with pytest.raises(ValueError) as info:
        int("x")
    assert not _raised_in_our_code(info.value)
