"""附件5 工作台帐 as an Excel workbook: one sheet per expert, printable and checked on input.

The sheet reads like the annex: the title, the header line (县（市、区）科协, 承担项目专家, date),
then 序号 / 时间 / 地点 / 帮扶活动形式、内容 and the two columns 附件1 工作要求（四） asks for,
参加人次 and 服务效果. The activity form (培训/咨询/示范/服务/其他) is offered as a drop-down on
the activity column but never enforced: the model keeps form and content in one text
("培训：肉牛育肥饲料配制"), as the annex's column does, so a free sentence stays valid.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ..layout.xlsx import (
    DATE_FORMAT,
    LEDGER_COLUMNS,
    LEDGER_FIRST_DATA_ROW,
    LEDGER_HEAD_ROW,
    LEDGER_META_ROW,
    LEDGER_TITLE_ROW,
    Column,
    ledger_meta_labels,
)
from ..models import Annex5
from ._xlsx_cells import (
    CellValue,
    ColumnStyle,
    checked_text,
    column_letter,
    escape_lookalikes,
    looks_like_formula,
    row_xml,
    splice_rows,
)
from ._xlsx_style import (
    BODY_FONT,
    HEAD_FONT,
    TITLE_FONT,
    column_styles,
    setup_page,
    validation_for,
    write_header,
)

__all__ = ["BLANK_DATE", "MIN_ROWS", "render_ledger_xlsx", "sheet_names"]

MIN_ROWS = 7  # the printed annex has seven rows
SPARE_ROWS = 3  # blank ruled rows after the entries, for the next activities
VALIDATED_ROWS = 500  # data validation reaches this far below the last ruled row
BLANK_ROW_HEIGHT = 30  # points: room for handwriting on a printed blank row
BLANK_DATE = "      年    月    日"  # how the annex prints an unfilled date
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def sheet_names(wanted: Sequence[str | None], fallback: str = "台帐") -> list[str]:
    """Excel-safe, unique sheet names: ≤ 31 characters, none of ``[]:*?/\\``, not
    ``History`` (reserved by Excel), unique ignoring case (Excel compares that way)."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in wanted:
        base = _BAD_SHEET_CHARS.sub("_", raw or "").strip().strip("'").strip() or fallback
        if base.lower() == "history":
            base += "_"
        base = base[:31]
        name, n = base, 1
        while name.lower() in seen:
            n += 1
            suffix = f"({n})"
            name = base[: 31 - len(suffix)] + suffix
        seen.add(name.lower())
        out.append(name)
    return out


def render_ledger_xlsx(records: Sequence[Annex5]) -> bytes:
    """A ledger workbook: one sheet per record (an empty sequence → one blank ledger).

    Raises ``RenderError`` naming the cell when a value cannot be stored whole."""
    records = list(records) or [Annex5()]
    wb = Workbook()
    wb.remove(wb.active)
    styles = column_styles(wb, LEDGER_COLUMNS)
    names = sheet_names([r.expert for r in records])
    pending: dict[int, tuple[list[str], str]] = {}
    for index, (record, name) in enumerate(zip(records, names, strict=True), start=1):
        ws = wb.create_sheet(name)
        last_row = _build_sheet(ws, record)
        pending[index] = (_rows(name, record, styles, last_row), f"A1:{_last_col()}{last_row}")
    buffer = io.BytesIO()
    wb.save(buffer)
    return splice_rows(buffer.getvalue(), pending)


def _last_col() -> str:
    return column_letter(len(LEDGER_COLUMNS))


def _build_sheet(ws: Worksheet, record: Annex5) -> int:
    """Title, header line and column heads, widths, validations, print setup; returns the
    last ruled row."""
    n_cols = len(LEDGER_COLUMNS)
    last = _last_col()
    ruled = max(MIN_ROWS, len(record.entries) + SPARE_ROWS)
    last_row = LEDGER_FIRST_DATA_ROW + ruled - 1

    ws.merge_cells(f"A{LEDGER_TITLE_ROW}:{last}{LEDGER_TITLE_ROW}")
    title = ws.cell(LEDGER_TITLE_ROW, 1, Annex5.title_cn)
    title.font = TITLE_FONT
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[LEDGER_TITLE_ROW].height = 30

    _header_line(ws, record)

    write_header(
        ws, LEDGER_HEAD_ROW, LEDGER_COLUMNS, LEDGER_FIRST_DATA_ROW, last_row + VALIDATED_ROWS
    )
    ws.row_dimensions[LEDGER_HEAD_ROW].height = 24

    # A coordinate, not ws.cell(): that would create a cell, and a row openpyxl writes
    # would clash with the spliced data rows.
    ws.freeze_panes = f"A{LEDGER_FIRST_DATA_ROW}"
    setup_page(ws, f"{LEDGER_TITLE_ROW}:{LEDGER_HEAD_ROW}")
    ws.print_area = f"A1:{column_letter(n_cols)}{last_row}"
    return last_row


def _header_line(ws: Worksheet, record: Annex5) -> None:
    """``县（市、区）科协：<county>   承担项目专家：<expert>   2016年9月3日`` in row 2:
    label, value, label, value, date, each in its own cell so each can be read back."""
    labels = ledger_meta_labels()
    row = LEDGER_META_ROW
    sheet = ws.title
    right = Alignment(horizontal="right", vertical="center")
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)

    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    county_label = ws.cell(row, 1, f"{labels['county']}：")
    county = ws.cell(row, 3)
    expert_label = ws.cell(row, 4, f"{labels['expert']}：")
    expert = ws.cell(row, 5)
    date = ws.cell(row, len(LEDGER_COLUMNS))
    for cell, value in ((county, record.county), (expert, record.expert)):
        if value is not None:
            cell.value = escape_lookalikes(checked_text(value, f"{sheet}!{cell.coordinate}"))
            cell.data_type = "s"  # text, even if it starts with "="
            cell.quotePrefix = looks_like_formula(value)
    date.value = record.filled_on if record.filled_on is not None else BLANK_DATE
    date.number_format = DATE_FORMAT
    for cell in (county_label, expert_label):
        cell.font = HEAD_FONT
        cell.alignment = right
    for cell in (county, expert, date):
        cell.font = BODY_FONT
        cell.alignment = left
    ws.row_dimensions[row].height = 22
    dv = validation_for(
        Column("filled_on", labels["filled_on"], "date", 0, "填表日期，如 2016年9月3日。")
    )
    dv.add(date.coordinate)
    ws.add_data_validation(dv)


def _rows(sheet: str, record: Annex5, styles: list[ColumnStyle], last_row: int) -> list[str]:
    out = []
    row = LEDGER_FIRST_DATA_ROW
    for entry in record.entries:
        values: list[CellValue] = [getattr(entry, column.key) for column in LEDGER_COLUMNS]
        out.append(row_xml(sheet, row, values, styles))
        row += 1
    blank: list[CellValue] = [None] * len(LEDGER_COLUMNS)
    while row <= last_row:
        out.append(row_xml(sheet, row, blank, styles, BLANK_ROW_HEIGHT))
        row += 1
    return out
