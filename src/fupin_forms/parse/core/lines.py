"""A form whose table is gone, only its text left in order: a grid rebuilt from the labels.

LibreOffice's .doc export of some Word forms loses the tables: the cells come back as running
text, a row's cells run together (``填表时间2016年03月12日申报单位山东省…``), and a small table
nested in a cell as one paragraph per cell with an empty paragraph after each row. Here the
text is cut where a known label of the annex begins (the longest label first), each label
with the text up to the next one as a row ``label | value``; paragraphs that are each one
village column name start a table whose rows are the paragraph groups that follow. Nothing
says where a cell ended, so the reader marks the sheet ``position_only``: every value comes
out below the review threshold.
"""

from __future__ import annotations

import re
from functools import cache

from ...labels import norm_label, printed
from .._result import FieldSource, ParsedForm
from .grid import GridCell, GridTable, Sheet
from .match import _table, classify
from .tiers import POSITION

__all__ = ["fill_from_text", "lines_sheet"]

_KINDS = ("field", "approval", "block")


@cache
def _anywhere(form: str) -> re.Pattern[str]:
    """Any label of ``form`` (fields, approval boxes, the village block), spaced or not."""
    labels = sorted(
        (t for t, hits in _table(form).items() if len(t) >= 2 and any(k in _KINDS for k, _, _ in hits)),
        key=len,
        reverse=True,
    )
    gap = r"[ \t\u3000\n]*"  # a label broken by a soft line break: 申报\n单位
    alts = []
    for text in labels:
        chars = [
            re.escape(c) if c not in "（）" else ("[（(]" if c == "（" else "[）)]") for c in text
        ]
        alts.append(gap.join(chars))
    return re.compile(rf"(?:{'|'.join(alts)})[ \t\u3000]*[:：﹕︰]?")


def _is_column(text: str, form: str) -> bool:
    norm = norm_label(text)
    return norm == norm_label(printed("entries", "seq")) or any(m.kind == "village" and not m.rest for m in classify(text, form))


def lines_sheet(form: str, paragraphs: list[str]) -> Sheet:
    sheet = Sheet(method="text", position_only=True)
    stream: list[str] = []
    n = 0
    while n < len(paragraphs):
        head = _column_run(paragraphs, n, form)
        if head:
            table, n = _village_rows(paragraphs, n, head)
            sheet.tables.append(_cut(form, "\n".join(stream), len(sheet.tables)))
            sheet.tables.append(table)
            stream = []
            continue
        stream.append(paragraphs[n])
        n += 1
    sheet.tables.append(_cut(form, "\n".join(stream), len(sheet.tables)))
    sheet.tables = [t for t in sheet.tables if t.rows]
    return sheet


def _column_run(paragraphs: list[str], at: int, form: str) -> int:
    """How many paragraphs from ``at`` are village column names (a header of two or more)."""
    k = 0
    while at + k < len(paragraphs) and paragraphs[at + k].strip() and _is_column(
        paragraphs[at + k], form
    ):
        k += 1
    return k if k >= 2 else 0


def _village_rows(paragraphs: list[str], at: int, width: int) -> tuple[GridTable, int]:
    """The header and the rows after it: groups of ``width`` paragraphs, each group ended by
    an empty paragraph; the first group of another size ends the table."""
    table = GridTable()

    def row(texts: list[str], r: int) -> list[GridCell]:
        return [
            GridCell(t.strip(), c, c + 1, where=f"文字第{r + 1}组第{c + 1}项")
            for c, t in enumerate(texts)
        ]

    table.rows.append(row(paragraphs[at : at + width], 0))
    n = at + width
    while n < len(paragraphs) and not paragraphs[n].strip():
        n += 1
    while n + width <= len(paragraphs):
        group = paragraphs[n : n + width]
        after = paragraphs[n + width] if n + width < len(paragraphs) else ""
        if after.strip():
            break
        table.rows.append(row(group, len(table.rows)))
        n += width + 1
    return table, n


def _cut(form: str, text: str, index: int) -> GridTable:
    """``label value label value …`` → rows of (label, value)."""
    table = GridTable()
    hits = list(_anywhere(form).finditer(text))
    for h, m in enumerate(hits):
        end = hits[h + 1].start() if h + 1 < len(hits) else len(text)
        label = m.group(0).strip(" \t\u3000:：﹕︰")
        value = text[m.end() : end].strip(" \t\n\u3000")
        where = f"文字第{index + 1}段第{h + 1}项"
        table.rows.append([GridCell(label, 0, 1, where=where), GridCell(value, 1, 2, where=where)])
    return table


def _blank(value: object) -> bool:
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    return value in (None, "", [])


def fill_from_text(parsed: ParsedForm, side: ParsedForm) -> int:
    """Fields the tables left empty, taken from ``side`` (the text outside the tables read by
    ``lines_sheet``): a whole field, a whole approval box or the whole village list at a
    time, each below the review threshold. How many top-level items were filled."""
    filled = 0
    for key, value in side.data.items():
        if _blank(value):
            continue
        if key == "reviews" and isinstance(value, dict):
            boxes = parsed.data.setdefault("reviews", {})
            for office, box in value.items():
                if _blank(box) or not _blank(boxes.get(office)):
                    continue
                boxes[office] = box
                filled += _take(parsed, side, f"reviews.{office}.")
            continue
        if not _blank(parsed.data.get(key)):
            continue
        parsed.data[key] = value
        filled += _take(parsed, side, key)
    return filled


def _take(parsed: ParsedForm, side: ParsedForm, prefix: str) -> int:
    for path, src in side.fields.items():
        if path == prefix or path.startswith((prefix, prefix + ".", prefix + "[")):
            parsed.fields[path] = FieldSource(
                src.method, min(src.confidence, POSITION), src.page, src.bbox, src.where
            )
    parsed.issues += [i for i in side.issues if i.path and i.path.startswith(prefix)]
    return 1
