"""The unmarked-scan reader's use of the reading core: what OCR read is handed to
``parse.core`` so labels, dates and form detection follow the one rule every reader follows.

Kept apart from ``_unmarked`` (pixels, lines, boxes and seals) so that file stays about the
image; here only text meets the core: the line above the table as a paragraph
(``read_sheet``), dates (``read_date``, a ledger's missing year by ``infer_years``), and the
annex named by its labels when the title does not read (``detect_sheet``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from ..layout import Field, Page, Repeat, Text, page_for
from ..models import cn_date
from ..parse.core import (
    INFERRED,
    POSITION,
    GridCell,
    GridTable,
    Sheet,
    detect_sheet,
    infer_years,
    read_date,
    read_sheet,
    year_issue,
)
from ..parse.core.collect import Out
from ..parse.core.values import DateRead
from ..rules import Issue
from ._dates import fix_date
from ._ocr import normalise, read_lines
from ._table import FieldZone, TableMap, Upright, locate_cells

if TYPE_CHECKING:  # types only: the scan package reads parse's results, not its internals
    from ..parse import Collector, FieldSource, ParsedForm

__all__ = [
    "DATE",
    "date_value",
    "form_by_labels",
    "head_values",
    "infer_ledger_years",
    "labels_form",
    "pick",
    "printed_by_dates",
]

Array = NDArray[np.uint8]
DATE = re.compile(r"\d{4}\D{1,3}\d{1,2}\D{1,3}\d{1,2}\D?")


@cache
def printed_by_dates(page: Page) -> frozenset[str]:
    """Characters the form prints in the lines that hold a date (``（盖章）☐已盖章 年 月 日``,
    ``填表时间：``): read alone in a date zone they are print, not writing."""
    paras = [*page.head]
    for item in page.rows:
        row = item.row if isinstance(item, Repeat) else item
        paras += [p for cell in row.cells for p in cell.paras]
    chars = set("年月日")
    for para in paras:
        if any(f.kind == "date" for f in para.fields):
            chars |= {c for i in para.items if isinstance(i, Text) for c in i.text}
    return frozenset(chars - set(" \u3000"))


def date_value(
    core: Out, page: Page, f: Field, text: str, conf: float
) -> tuple[str, float, DateRead]:
    """A date zone's text read by the core's one date grammar, after OCR's printed 年/月/日 are
    put back (``fix_date``): the date as the form prints it (``2016年3月5日``), or "" (blank,
    or not a date: then an ``invalid`` issue quotes the text). A date without a year (``no_year``) comes back "" for the caller:
    a ledger row takes the ledger's year, any other date is an error naming it."""
    if set(text) - {" ", "\u3000"} <= printed_by_dates(page):
        text = ""  # the printed skeleton (or a piece of 盖章 beside it): nobody dated it
    m = DATE.search(text)
    fixed, conf = fix_date(m.group(0) if m else text, conf) if text else ("", conf)
    d = read_date(fixed)
    if d.status == "blank":
        return "", conf, d
    if not core.put_date(f.path, d, None, conf, f"{f.label}："):
        return "", min(conf, POSITION), d
    if d.status == "short_year":
        conf = min(conf, INFERRED)
    return cn_date(d.value), conf, d


def head_values(page: Page, lines: list[str]) -> ParsedForm:
    """The lines above the table (``县（市、区）科协：X  承担项目专家：Y  2016年…``, or
    ``填表时间：…``) read by the core as a paragraph outside the table: its labels, its
    dates. OCR's separate text boxes are set apart by spaces, as the printed gaps are."""
    text = "  ".join(DATE.sub(lambda m: fix_date(m.group(0), 1.0)[0], ln) for ln in lines)
    return read_sheet(page.form_id, Sheet(paragraphs=[text], method="ocr"), "ocr")


def pick(data: dict[str, object], path: str) -> object:
    value: object = data
    for step in path.split("."):
        value = value.get(step) if isinstance(value, dict) else None
    return value


def infer_ledger_years(
    out: Collector, pending: dict[int, tuple[FieldZone, DateRead, FieldSource]]
) -> list[Issue]:
    """Ledger dates written without a year take the ledger's year (the core's rule, with its
    warning, as in every reader); with no year anywhere, an error names the date."""
    entries = out.data.get("entries", [])
    dates = [e.get("date") if isinstance(e, dict) else None for e in entries]
    found = infer_years(
        dates, {n: (d.month, d.day) for n, (_, d, _) in pending.items()}, out.data.get("filled_on")
    )
    issues = []
    for n, (z, d, source) in pending.items():
        value = found.get(n)
        issues.append(year_issue(z.field.path, d.raw, value))
        if value is not None:
            out.put(
                z.field,
                cn_date(value),
                source.doubt(INFERRED, "年份是推断的"),
            )
    return issues


def form_by_labels(flat: Array, up: Upright) -> tuple[str, TableMap | None] | None:
    """No title read: the labels of the table's rows (the first cell of each, read while
    finding the cells) and the line above it name the annex, by the core's ``detect_sheet``.
    The table found on the way is returned for reuse when rows of 附件4 were found in it
    (None otherwise: it is fitted again to the annex named)."""
    tm = locate_cells(flat, page_for("annex4"), upright=up, fitted=False)
    if tm is None:
        return None
    x0, y0, x1, y1 = tm.header
    above = [normalise(ln.text) for ln in read_lines(tm.upright.image[y0:y1, x0:x1])]
    form = labels_form(tm, above)
    return (form, tm) if form and tm.zones else (form, None) if form else None


def labels_form(tm: TableMap, above: list[str] | None = None) -> str | None:
    """The annex the table's row labels (and the lines ``above`` it) name, by the core's
    ``detect_sheet``; None when they name none, or two alike."""
    rows = [[GridCell(c.text, c.rect[0], c.rect[2])] for c in tm.cells if c.lines]
    return detect_sheet(Sheet([GridTable(rows)], above or []))
