"""Application rosters: one sheet per form (专家 for 附件4, 单位 for 附件3), one row per applicant.

A county collects its experts' details in a roster and turns each row into a prefilled
项目书. The headers are the forms' own labels (model field titles), the villages repeat as
贫困村1名称 / 贫困村1联系人 / 贫困村1联系电话 …; more groups can be added to the right by hand,
and the reader takes any number. Phone and postcode columns are text cells, so a leading 0
survives; the category is a drop-down of the three project types.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ..layout.xlsx import ROSTER_SEQ_LABEL, ROSTER_SHEETS, Column, roster_columns
from ..models import Annex3, Annex4, FormModel
from ._xlsx_cells import CellValue, ColumnStyle, column_letter, row_xml, splice_rows
from ._xlsx_style import TITLE_FONT, column_styles, setup_page, write_header

__all__ = ["ROSTER_BLANK_ROWS", "ROSTER_FIRST_DATA_ROW", "ROSTER_HEAD_ROW", "render_roster"]

ROSTER_HEAD_ROW = 2
ROSTER_FIRST_DATA_ROW = 3
ROSTER_BLANK_ROWS = 20  # ruled rows in a blank roster; validation reaches 500 further
_VALIDATED_ROWS = 500
BLANK_ROW_HEIGHT = 22  # points: room for handwriting on a printed blank roster
_SEQ = Column("", ROSTER_SEQ_LABEL, "int", 6, "行号，可不填；读取时不用。")
_TITLES = {
    "annex4": f"{Annex4.title_cn} 专家名册（一行一位专家）",
    "annex3": f"{Annex3.title_cn} 单位名册（一行一个单位）",
}
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def render_roster(
    experts: Sequence[Annex4] = (), units: Sequence[Annex3] = (), *, village_groups: int = 3
) -> bytes:
    """A roster workbook: sheet 专家 (附件4) and sheet 单位 (附件3), blank or prefilled.

    ``village_groups`` (at least 3) is raised to the most villages any record has."""
    wb = Workbook()
    wb.remove(wb.active)
    pending: dict[int, tuple[list[str], str]] = {}
    forms: tuple[tuple[str, Sequence[FormModel]], ...] = (("annex4", experts), ("annex3", units))
    for index, (form, records) in enumerate(forms, start=1):
        groups = max([village_groups, 3, *(len(r.villages) for r in records)])  # type: ignore[attr-defined]
        columns = (_SEQ, *roster_columns(form, groups))
        styles = column_styles(wb, columns)
        ws = wb.create_sheet(ROSTER_SHEETS[form])
        last_row = _build_sheet(ws, form, columns, max(len(records), ROSTER_BLANK_ROWS))
        rows = _rows(ws.title, records, columns, styles, last_row)
        pending[index] = (rows, f"A1:{column_letter(len(columns))}{last_row}")
    buffer = io.BytesIO()
    wb.save(buffer)
    return splice_rows(buffer.getvalue(), pending)


def _build_sheet(ws: Worksheet, form: str, columns: tuple[Column, ...], ruled: int) -> int:
    last = column_letter(len(columns))
    last_row = ROSTER_FIRST_DATA_ROW + ruled - 1
    ws.merge_cells(f"A1:{last}1")
    title = ws.cell(1, 1, _TITLES[form])
    title.font = TITLE_FONT
    title.alignment = Alignment(horizontal="left", vertical="center")
    ws.row_dimensions[1].height = 28
    write_header(
        ws,
        ROSTER_HEAD_ROW,
        columns,
        ROSTER_FIRST_DATA_ROW,
        last_row + _VALIDATED_ROWS,
        fill=_HEAD_FILL,
    )
    ws.row_dimensions[ROSTER_HEAD_ROW].height = 32
    ws.freeze_panes = f"C{ROSTER_FIRST_DATA_ROW}"  # keep 序号 and the name in view
    ws.auto_filter.ref = f"A{ROSTER_HEAD_ROW}:{last}{last_row}"
    setup_page(ws, f"1:{ROSTER_HEAD_ROW}")
    return last_row


def _value(record: FormModel, key: str) -> CellValue:
    """The value at a roster column's JSON path (``villages[1].phone``)."""
    value: CellValue
    if key.startswith("villages["):
        index = int(key[len("villages[") : key.index("]")])
        villages = record.villages  # type: ignore[attr-defined]
        if index >= len(villages):
            return None
        value = getattr(villages[index], key.rpartition(".")[2])
    else:
        value = getattr(record, key)  # a Category is a str: written as its text
    return value


def _rows(
    sheet: str,
    records: Sequence[FormModel],
    columns: tuple[Column, ...],
    styles: list[ColumnStyle],
    last_row: int,
) -> list[str]:
    out = []
    row = ROSTER_FIRST_DATA_ROW
    for n, record in enumerate(records, start=1):
        values: list[CellValue] = [n, *(_value(record, c.key) for c in columns[1:])]
        out.append(row_xml(sheet, row, values, styles))
        row += 1
    blank: list[CellValue] = [None] * len(columns)
    while row <= last_row:
        out.append(row_xml(sheet, row, blank, styles, BLANK_ROW_HEIGHT))
        row += 1
    return out
