"""Reading 附件5 工作台帐 workbooks (and rosters) typed in Excel, WPS or LibreOffice.

Nothing is read from fixed addresses: the table header is found by its labels (序号, 时间,
地点, 帮扶活动形式、内容 and the spellings people use for them), the header line by
县（市、区）科协 / 承担项目专家. Each value keeps the cell it came from (``台帐!B7``), so
every issue can name its sheet and cell. Columns the ledger does not have are left out of the
data with a warning; blank rows, totals rows and notes under the table are skipped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ..errors import ParseError
from ..labels import TOTAL_WORDS
from ..layout.xlsx import ledger_meta_labels, norm_label
from ..rules import Issue
from ._result import FieldSource, ParsedForm
from ._xlsx_book import Sheet, Value, read_book
from ._xlsx_values import apply_merges, cell_ref, flag_formulas, raw_int, raw_text, to_date
from .core import INFERRED, infer_years, ledger_column, read_date, year_issue
from .xlsx_roster import find_roster_header, roster_rows

__all__ = ["find_ledger_header", "parse_ledger_sheet", "parse_xlsx"]

_HEADER_SCAN_ROWS = 30
_TOTALS = set(TOTAL_WORDS)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_OFFICE = re.compile(r"^(\S{1,12}?[县市区旗])\s*科协(?:\s*[(（][^()（）]*[)）])?$")
_CONVERT: dict[str, Callable[[Value], Any]] = {
    "seq": raw_int, "date": to_date, "participants": raw_int,
    "place": raw_text, "activity": raw_text, "outcome": raw_text,
}  # fmt: skip
_CONVERTED = frozenset({"seq", "date", "participants"})  # even when the cell holds text


def parse_xlsx(path: str | Path) -> list[ParsedForm]:
    """Every ledger sheet (form ``annex5``) and roster row (``annex4``/``annex3``) in ``path``.

    ParseError with a one-line Chinese reason if the workbook holds neither."""
    book = read_book(path)
    out: list[ParsedForm] = []
    for sheet in book.sheets:
        header = find_ledger_header(sheet)
        roster = find_roster_header(sheet) if header is None else None
        if header is not None:
            forms = [parse_ledger_sheet(sheet, *header)]
        else:
            forms = roster_rows(sheet, roster) if roster is not None else []
        flag_formulas(sheet, forms)
        out += forms
    if not out and not any(find_roster_header(s) for s in book.sheets):
        raise ParseError(
            "既不是工作台帐也不是申报名册：没有找到“序号、时间、地点、帮扶活动形式、内容”"
            "或“申报人姓名/申报单位”表头",
            str(path),
        )
    return out


def find_ledger_header(sheet: Sheet) -> tuple[int, dict[str, list[int]], dict[int, str]] | None:
    """(header row, field → its columns, unknown header columns) of a ledger sheet, or None.

    A row is the header when it names 时间 and the activity column, or three ledger columns.
    A label merged over several columns owns all of them."""
    spans = {(r, c): c2 for r, c, r2, c2 in sheet.merges if r2 >= r}
    for row in sorted(sheet.cells)[:_HEADER_SCAN_ROWS]:
        columns: dict[str, list[int]] = {}
        extra: dict[int, str] = {}
        for col, value in sorted(sheet.cells[row].items()):
            key = ledger_column(raw_text(value), words=False)
            if key is None or key in columns:
                extra[col] = raw_text(value)
                continue
            columns[key] = list(range(col, spans.get((row, col), col) + 1))
        if ("date" in columns and "activity" in columns) or len(columns) >= 3:
            _group_columns(sheet, row, spans, columns, extra)
            extra = {c: t for c, t in extra.items() if norm_label(t)}
            return row, columns, extra
    return None


def _group_columns(
    sheet: Sheet, row: int, spans: dict[tuple[int, int], int],
    columns: dict[str, list[int]], extra: dict[int, str],
) -> None:  # fmt: skip
    """A two-row header: a group label merged over columns (参加情况 over 人次 | 效果) names
    none itself; the row under it names each column."""
    below = sheet.cells.get(row + 1, {})
    for col in list(extra):
        last = spans.get((row, col), col)
        if last == col:
            continue
        found = False
        for c in range(col, last + 1):
            key = ledger_column(raw_text(below[c]), words=True) if c in below else None
            if key is not None and key not in columns:
                columns[key] = [c]
                found = True
        if found:
            del extra[col]


def parse_ledger_sheet(
    sheet: Sheet, header_row: int, columns: dict[str, list[int]], extra: dict[int, str]
) -> ParsedForm:
    """One ledger sheet as a ParsedForm of ``annex5``."""
    # A header merged over two rows pushes the first data row down.
    data_row = 1 + max(
        [header_row] + [r2 for r, _c, r2, _c2 in sheet.merges if r == header_row and r2 > r]
    )
    data, fields, used = _meta(sheet, header_row)
    warnings = [
        f"工作表「{sheet.name}」第 {get_column_letter(c)} 列「{t}」不是台帐的栏目，未读入"
        for c, t in sorted(extra.items())
    ]
    filled = apply_merges(sheet, data_row)
    spans = {(r, c): c2 - c + 1 for r, c, r2, c2 in sheet.merges}
    known = {c for cols in columns.values() for c in cols}
    stray: dict[int, int] = {}
    entries: list[dict[str, Any]] = []
    for row in sorted(r for r in sheet.cells if r >= data_row):
        cells = sheet.cells[row]
        for col in cells:
            if col not in known and col not in extra and (row, col) not in used:
                stray[col] = stray.get(col, 0) + 1
        own = [c for c in cells if c in known and (row, c) not in filled]
        if not own:
            continue
        first = raw_text(cells[min(own)]).strip()
        first_label = norm_label(first)
        if ledger_column(first, False) is not None and (
            sum(ledger_column(raw_text(cells[c]), False) is not None for c in own) >= 3
        ):
            continue  # the header repeated further down (a copied table, a second page)
        if first_label in _TOTALS:
            warnings.append(f"工作表「{sheet.name}」第 {row} 行是合计行，未作为活动读入")
            continue
        if len(own) == 1 and spans.get((row, own[0]), 1) >= 3:
            warnings.append(f"工作表「{sheet.name}」第 {row} 行「{first[:20]}」是说明文字，未读入")
            continue
        entry = _entry(sheet, row, columns, filled, len(entries), fields)
        if set(entry) - {"seq"}:
            entries.append(entry)
        else:  # a pre-numbered blank row
            fields.pop(f"entries[{len(entries)}].seq", None)
    issues = _infer_years(entries, data.get("filled_on"), fields)
    for col, count in sorted(stray.items()):
        warnings.append(
            f"工作表「{sheet.name}」第 {get_column_letter(col)} 列没有表头，"
            f"其中 {count} 个单元格未读入"
        )
    data["entries"] = entries
    return ParsedForm("annex5", data, fields, warnings, issues)


def _entry(
    sheet: Sheet,
    row: int,
    columns: dict[str, list[int]],
    filled: dict[tuple[int, int], tuple[int, int]],
    index: int,
    fields: dict[str, FieldSource],
) -> dict[str, Any]:
    cells = sheet.cells[row]
    entry: dict[str, Any] = {}
    for key, cols in columns.items():
        col = cols[0]
        if len(cols) == 1:  # the usual case, kept cheap for 10,000-row ledgers
            if col not in cells:
                continue
            value: Value = cells[col]
        else:
            present = [c for c in cols if c in cells]
            if not present:
                continue
            col = present[0]
            value = "\n".join(raw_text(cells[c]) for c in present)
        src_row, src_col = filled.get((row, col), (row, col))
        if type(value) is not str or key in _CONVERTED:
            value = _CONVERT[key](value)
        entry[key] = value
        fields[f"entries[{index}].{key}"] = FieldSource(
            "cell", where=f"{sheet.name}!{get_column_letter(src_col)}{src_row}"
        )
    return entry


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _meta(
    sheet: Sheet, header_row: int
) -> tuple[dict[str, Any], dict[str, FieldSource], set[tuple[int, int]]]:
    """County, expert and date from the rows above the table header.

    A label with the value in the same cell (``承担项目专家：赵文静``, ``庆云县县（市、区）科协``)
    or in the next filled cell to its right both read."""
    labels = {key: _nfkc(label) for key, label in ledger_meta_labels().items()}
    data: dict[str, Any] = {}
    fields: dict[str, FieldSource] = {}
    used: set[tuple[int, int]] = set()
    rows = [r for r in sorted(sheet.cells) if r < header_row]
    spans = {(r, c): c2 for r, c, _r2, c2 in sheet.merges}

    def label_in(text: str) -> str | None:
        return next((k for k, lab in labels.items() if lab in _nfkc(text)), None)

    for row in rows:
        cols = sorted(sheet.cells[row])
        for i, col in enumerate(cols):
            value = sheet.cells[row][col]
            if not isinstance(value, str):
                continue
            for key, rest in _meta_in_cell(_nfkc(raw_text(value)), labels):
                if key in data:
                    continue
                used.add((row, col))
                where = (row, col)
                if not rest and i + 1 < len(cols):
                    nxt_col = cols[i + 1]
                    nxt = sheet.cells[row][nxt_col]
                    adjacent = nxt_col == spans.get((row, col), col) + 1
                    if _meta_value_ok(key, nxt, adjacent, label_in):
                        rest, where = nxt, (row, nxt_col)
                        used.add(where)
                if rest != "":
                    data[key] = to_date(rest) if key == "filled_on" else raw_text(rest)
                    fields[key] = FieldSource("cell", where=cell_ref(sheet.name, *where))
    if "county" not in data:  # 东阿县科协（盖章）: the office's own name, with no label
        for row in rows:
            for col, value in sorted(sheet.cells[row].items()):
                office = _OFFICE.match(_nfkc(raw_text(value)).strip())
                if (row, col) not in used and office:
                    used.add((row, col))
                    data["county"] = office.group(1)
                    fields["county"] = FieldSource("cell", where=cell_ref(sheet.name, row, col))
                    break
            if "county" in data:
                break
    if "filled_on" not in data:
        for row in rows:
            for col, value in sorted(sheet.cells[row].items()):
                if (row, col) in used:
                    continue
                used.add((row, col))
                text = to_date(value)
                if _ISO.fullmatch(text) or read_date(text).status == "ok":
                    data["filled_on"] = text
                    fields["filled_on"] = FieldSource("cell", where=cell_ref(sheet.name, row, col))
                    return data, fields, used
    return data, fields, used


_TAIL_DATE = re.compile(
    r"^(.*?)[\s\u3000]{2,}(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[./-]\d{1,2}[./-]\d{1,2})$"
)


def _meta_in_cell(text: str, labels: dict[str, str]) -> list[tuple[str, Value]]:
    """(key, value) for each head label in one cell: ``县（市、区）科协：平邑县科协    承担项目
    专家：高守田    2016年12月1日`` holds three. A value ends where the next label begins; a
    date set apart at the end of the line is the 填表时间. Text before the first label is
    its value too (``庆云县县（市、区）科协``)."""
    found = sorted((text.find(lab), key) for key, lab in labels.items() if lab in text)
    out: list[tuple[str, Value]] = []
    for n, (at, key) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(text)
        rest = text[at + len(labels[key]) : end].strip(" :：\u3000")
        if n == 0 and at > 0:
            rest = (text[:at].strip(" :：\u3000") + " " + rest).strip()
        tail = _TAIL_DATE.match(rest) if key != "filled_on" else None
        if tail:
            rest = tail.group(1).strip()
            out.append(("filled_on", tail.group(2)))
        out.insert(len(out) - (1 if tail else 0), (key, rest))
    return out


def _meta_value_ok(key: str, value: Value, adjacent: bool, label_in: Any) -> bool:
    """Is ``value`` (the next filled cell right of a label) that label's value?

    Not if it is another label; a cell further right only if it is plain text, not the
    date that ends the header line (so a blank 承担项目专家 does not take the date)."""
    if isinstance(value, str) and label_in(value):
        return False
    if adjacent or key == "filled_on":
        return True
    text = raw_text(value)
    return not (_ISO.fullmatch(to_date(value)) or ("年" in text and "月" in text))


def _infer_years(
    entries: list[dict[str, Any]], filled_on: Any, fields: dict[str, FieldSource]
) -> list[Issue]:
    """``4月9日``: the ledger's year, by the reading core's one rule (``core.infer_years``);
    each inferred date drops below the review line and is named by a warning."""
    short = {}
    for i, entry in enumerate(entries):
        text = entry.get("date")
        if isinstance(text, str) and not _ISO.fullmatch(text):
            d = read_date(text)
            if d.status == "no_year":
                short[i] = (d.month, d.day)
    issues = []
    for i, value in infer_years([e.get("date") for e in entries], short, filled_on).items():
        path = f"entries[{i}].date"
        issues.append(year_issue(path, str(entries[i]["date"]), value))
        if value is None:
            continue
        entries[i]["date"] = value
        old = fields[path]
        fields[path] = FieldSource("cell", INFERRED, where=old.where)
    return issues
