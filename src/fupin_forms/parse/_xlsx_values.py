"""Turning spreadsheet cell values into the raw JSON values the models validate.

Parsers do not validate: a value that cannot be understood is passed on as it was typed, so
the issue quotes it. What is normalised here is only what the spreadsheet itself changed:
numbers that were meant as text (a phone typed into a number cell), serial numbers that
were meant as dates, and ``1.0`` for ``1``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from ..models import parse_date
from ._result import ParsedForm
from ._xlsx_book import Sheet, Value

__all__ = [
    "apply_merges",
    "cell_ref",
    "flag_formulas",
    "raw_int",
    "raw_text",
    "to_date",
]

# Excel serials for 2000-01-01 … 2099-12-31: a bare number in this range in a date column
# is a date whose number format was lost (typed in WPS, or pasted as values).
_SERIAL_MIN, _SERIAL_MAX = 36526, 73050
_INT_TEXT = re.compile(r"\s*(\d+)\s*(?:人次|人|次)?\s*")


def cell_ref(sheet: str, row: int, col: int) -> str:
    """``专家!H4``: how every issue names its cell."""
    return f"{sheet}!{get_column_letter(col)}{row}"


def raw_text(value: Value) -> str:
    """A cell as text: ``13953458812.0`` (a phone typed as a number) → ``13953458812``."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)


def raw_int(value: Value) -> int | str:
    """A count or sequence number: ``38``, ``38.0``, ``"38"``, ``"38人"`` → 38; else as typed."""
    if isinstance(value, bool):
        return raw_text(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else raw_text(value)
    text = raw_text(value)
    m = _INT_TEXT.fullmatch(text.translate(_FULLWIDTH_DIGITS))
    return int(m.group(1)) if m else text


_FULLWIDTH_DIGITS = {0xFF10 + i: 0x30 + i for i in range(10)}


def to_date(value: Value) -> str:
    """A date cell as ISO text when it is a date in any spelling; as typed otherwise.

    Real dates, serial numbers in a plausible range, ``2016年4月9日``, ``2016.4.9`` and
    ``二〇一六年四月九日`` all become ``2016-04-09``. A date with no year is returned as typed;
    the reading core's ``read_date`` tells the caller it needs one."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            converted = from_excel(value)
            if isinstance(converted, dt.datetime):
                return converted.date().isoformat()
        return raw_text(value)
    text = raw_text(value).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text) and _SERIAL_MIN <= float(text) <= _SERIAL_MAX:
        return to_date(float(text))
    try:
        return parse_date(text).isoformat()
    except ValueError:
        return text


def apply_merges(sheet: Sheet, first_row: int) -> dict[tuple[int, int], tuple[int, int]]:
    """Fill vertically merged cells at or below ``first_row`` with their top-left value.

    Returns the filled cells → the cell the value came from, so sources name the real
    cell and a row made only of filled cells can be told apart from a typed one."""
    filled: dict[tuple[int, int], tuple[int, int]] = {}
    for min_row, min_col, max_row, _max_col in sheet.merges:
        if max_row == min_row or min_row < first_row:
            continue
        value = sheet.cells.get(min_row, {}).get(min_col)
        if value is None:
            continue
        for row in range(min_row + 1, max_row + 1):
            sheet.cells.setdefault(row, {})[min_col] = value
            filled[(row, min_col)] = (min_row, min_col)
    return filled


FORMULA_CONFIDENCE = 0.5  # below the review threshold: a person confirms a computed value


def flag_formulas(sheet: Sheet, forms: list[ParsedForm]) -> None:
    """A formula in a returned form is not what someone typed: its cached value is kept, its
    confidence dropped below review, and a warning names the cell (issue 13)."""
    if not sheet.formulas:
        return
    refs = {cell_ref(sheet.name, r, c) for r, c in sheet.formulas}
    for form in forms:
        hits = sorted({s.where for s in form.fields.values() if s.where in refs}, key=str)
        for key, source in list(form.fields.items()):
            if source.where in refs:
                form.fields[key] = dataclasses.replace(
                    source, confidence=min(source.confidence, FORMULA_CONFIDENCE)
                )
        for where in hits:
            form.warnings.append(f"{where} 是公式，按文件中保存的计算结果读取，请核对")
