"""The reading core: every reader turns its file into a ``Sheet`` (tables as rows of cells,
plus loose paragraphs); ``read_sheet`` finds the values by the layout's labels, once, for
every format. See DESIGN.md "Reading: one core for every format"."""

from __future__ import annotations

from .._result import Method, ParsedForm
from .application import read_application
from .collect import Out
from .detect import detect_sheet, detect_title
from .grid import GridCell, GridTable, Sheet
from .ledger import ledger_column, read_ledger, split_activity, year_issue
from .lines import fill_from_text, lines_sheet
from .match import field_label
from .tiers import CONFLICT, EXACT, INFERRED, POSITION, REVIEW_THRESHOLD, VARIANT
from .values import read_date
from .years import infer_years

__all__ = [
    "CONFLICT",
    "EXACT",
    "INFERRED",
    "POSITION",
    "REVIEW_THRESHOLD",
    "VARIANT",
    "GridCell",
    "GridTable",
    "Sheet",
    "detect_sheet",
    "detect_title",
    "field_label",
    "fill_from_text",
    "infer_years",
    "ledger_column",
    "lines_sheet",
    "read_date",
    "read_sheet",
    "split_activity",
    "year_issue",
]


def read_sheet(form: str, sheet: Sheet, method: Method = "label") -> ParsedForm:
    """The values of ``form`` (``annex3``/``annex4``/``annex5``) in ``sheet``."""
    out = Out(form, method)
    if form == "annex5":
        read_ledger(sheet, out)
    else:
        read_application(form, sheet, out)
    return out.finish()
