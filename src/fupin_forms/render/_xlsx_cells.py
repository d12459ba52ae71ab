"""Fast, safe data rows for workbooks built with openpyxl.

openpyxl writes each cell through lxml's incremental writer (~25 µs a cell here), so a
10,000-row ledger took over 3 s to build and save. The workbook's structure (header rows,
styles, merges, validations, print setup) is still made by openpyxl; the data rows are
written here as sheet XML and spliced into the saved package, about ten times faster.

Every string is written as an inline string (``t="inlineStr"``): a value like ``=1+1`` or
``@foo`` can never become a formula. Values that Excel cannot hold are errors naming the
cell, never truncated: over 32,767 characters, or characters XML 1.0 forbids.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from .._text import clean_text
from ..errors import RenderError

__all__ = [
    "MAX_CELL_CHARS",
    "CellValue",
    "ColumnStyle",
    "checked_text",
    "escape_lookalikes",
    "looks_like_formula",
    "row_xml",
    "safe_cell_text",
    "splice_rows",
]

MAX_CELL_CHARS = 32_767
CellValue = str | int | float | bool | dt.date | None
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel stores U+XXXX as _xXXXX_; a literal "_x0041_" must be escaped or readers decode it.
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_FORMULA_START = ("=", "+", "-", "@")


def looks_like_formula(text: str) -> bool:
    """Would Excel or WPS treat this as a formula if it were typed in?"""
    return text.startswith(_FORMULA_START)


def checked_text(value: str, where: str) -> str:
    """``value`` if a cell can hold it whole; RenderError naming ``where`` otherwise."""
    if len(value) > MAX_CELL_CHARS:
        raise RenderError(
            f"内容有 {len(value)} 个字符，超过 Excel 单元格上限 {MAX_CELL_CHARS}，不能截断", where
        )
    bad = _ILLEGAL.search(value)
    if bad:
        raise RenderError(
            f"含有 Excel 不能保存的控制字符 U+{ord(bad.group()):04X}（第 {bad.start() + 1} 个字符）",
            where,
        )
    return value


def safe_cell_text(value: str) -> str:
    """Text for a cell of a report we write (summary, disclosure): control and bidi
    characters removed, ``_xHHHH_`` escaped, cut with a visible ``…`` past Excel's limit."""
    text = escape_lookalikes(clean_text(value))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


@dataclass(frozen=True)
class ColumnStyle:
    """Style ids (``cell.style_id`` from openpyxl) of one data column: the usual style, and
    the quote-prefixed one that keeps a formula-looking text as text when it is edited."""

    plain: int
    quoted: int


def escape_lookalikes(text: str) -> str:
    """``_x0041_`` typed by someone → ``_x005F_x0041_``, so readers give back ``_x0041_``."""
    return _ESCAPE_LIKE.sub(r"_x005F_\1", text)


def _esc(text: str) -> str:
    text = escape_lookalikes(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def row_xml(
    sheet: str,
    row: int,
    values: Sequence[CellValue],
    styles: Sequence[ColumnStyle],
    height: float | None = None,
) -> str:
    """One ``<row>`` of the sheet XML; every column gets a (possibly empty) styled cell.

    Without ``height`` the row fits its text; blank rows get one, to write in by hand."""
    size = f' ht="{height:g}" customHeight="1"' if height else ""
    parts = [f'<row r="{row}"{size}>']
    for col, (value, style) in enumerate(zip(values, styles, strict=True), start=1):
        ref = f"{get_column_letter(col)}{row}"
        if value is None:
            parts.append(f'<c r="{ref}" s="{style.plain}"/>')
        elif isinstance(value, bool):
            parts.append(f'<c r="{ref}" s="{style.plain}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int | float):
            parts.append(f'<c r="{ref}" s="{style.plain}"><v>{value!r}</v></c>')
        elif isinstance(value, dt.date):
            serial = to_excel(value)
            parts.append(f'<c r="{ref}" s="{style.plain}"><v>{serial}</v></c>')
        else:
            text = checked_text(value, f"{sheet}!{ref}")
            s = style.quoted if looks_like_formula(text) else style.plain
            space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
            parts.append(
                f'<c r="{ref}" s="{s}" t="inlineStr"><is><t{space}>{_esc(text)}</t></is></c>'
            )
    parts.append("</row>")
    return "".join(parts)


_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


def splice_rows(package: bytes, rows: Mapping[int, tuple[Iterable[str], str]]) -> bytes:
    """Append row XML to sheets of an openpyxl-saved package.

    ``rows`` maps the 1-based sheet position to (row XML strings, new dimension like
    ``A1:F30``). openpyxl names worksheet parts ``xl/worksheets/sheet<n>.xml`` in order; the
    spliced rows must come after every row openpyxl wrote (they do: the header rows)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        names = set(src.namelist())
        for index in rows:
            if f"xl/worksheets/sheet{index}.xml" not in names:  # pragma: no cover - guard
                raise RuntimeError(f"openpyxl did not write sheet part {index}")
        for info in src.infolist():
            data = src.read(info.filename)
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if m and int(m.group(1)) in rows:
                xml_rows, dimension = rows[int(m.group(1))]
                body = "".join(xml_rows).encode("utf-8")
                _check_order(data, body, info.filename)
                if b"<sheetData/>" in data:
                    data = data.replace(b"<sheetData/>", b"<sheetData>" + body + b"</sheetData>")
                else:
                    data = data.replace(b"</sheetData>", body + b"</sheetData>", 1)
                data = _DIMENSION.sub(f'<dimension ref="{dimension}"/>'.encode(), data, 1)
            dst.writestr(info, data)
    return out.getvalue()


_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')


def _check_order(existing: bytes, body: bytes, part: str) -> None:
    """Rows must ascend and never repeat: Excel rejects a file with two ``<row r="4">``."""
    first = _ROW_NUMBER.search(body)
    written = [int(n) for n in _ROW_NUMBER.findall(existing)]
    if first and written and max(written) >= int(first.group(1)):
        raise RuntimeError(f"{part}: openpyxl wrote row {max(written)}, spliced rows start lower")


def column_letter(col: int) -> str:
    """Re-exported for the renderers: 1 → ``A``."""
    return str(get_column_letter(col))
