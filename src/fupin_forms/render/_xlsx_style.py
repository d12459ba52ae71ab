"""Shared look of the generated workbooks: fonts, borders, column styles, page setup.

Kept apart from the ledger and roster builders so both print and read alike.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..layout.xlsx import ACTIVITY_FORMS, DATE_FORMAT, Column
from ..models import Category
from ._xlsx_cells import ColumnStyle

__all__ = [
    "BODY_FONT",
    "BORDER",
    "HEAD_FONT",
    "TITLE_FONT",
    "column_styles",
    "setup_page",
    "validation_for",
    "write_header",
]

FONT_NAME = "宋体"
BODY_FONT = Font(name=FONT_NAME, size=11)
HEAD_FONT = Font(name=FONT_NAME, size=11, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True)
_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_NUMBER_FORMAT = {"date": DATE_FORMAT, "phone": "@", "postcode": "@", "int": "0"}
_CENTERED = {"int", "date", "postcode", "category"}
# Excel's date validation bounds, as serial numbers (2000-01-01 … 2099-12-31): formulas
# like DATE(2000,1,1) are not understood by every suite.
_DATE_MIN, _DATE_MAX = "36526", "73050"


def column_styles(wb: Workbook, columns: tuple[Column, ...]) -> list[ColumnStyle]:
    """Register one data-cell style per column (and its quote-prefixed twin) in ``wb``.

    The style ids are taken from a scratch sheet that is removed again: styles belong to the
    workbook, so the ids stay valid for the spliced rows."""
    scratch = wb.create_sheet("_styles")
    out = []
    for col, column in enumerate(columns, start=1):
        ids = []
        for row, quoted in ((1, False), (2, True)):
            cell = scratch.cell(row, col)
            cell.font = BODY_FONT
            cell.border = BORDER
            cell.alignment = Alignment(
                horizontal="center" if column.kind in _CENTERED else "left",
                vertical="center",
                wrap_text=True,
            )
            cell.number_format = _NUMBER_FORMAT.get(column.kind, "General")
            if quoted:
                cell.quotePrefix = True
            ids.append(cell.style_id)
        out.append(ColumnStyle(plain=ids[0], quoted=ids[1]))
    wb.remove(scratch)
    return out


def validation_for(column: Column) -> DataValidation:
    """Input help and checks for one column; every column gets its input message."""
    kind = column.kind
    common = {
        "promptTitle": column.label[:32],
        "prompt": column.prompt[:255],
        "showInputMessage": True,
        "allow_blank": True,
    }
    if kind == "int":
        minimum = "1" if column.key == "seq" else "0"
        return DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1=minimum,
            errorTitle=column.label, error=f"{column.label}应为不小于 {minimum} 的整数。",
            showErrorMessage=True, **common,
        )  # fmt: skip
    if kind == "date":
        return DataValidation(
            type="date", operator="between", formula1=_DATE_MIN, formula2=_DATE_MAX,
            errorTitle=column.label, error="请输入日期，如 2016-4-9 或 2016年4月9日。",
            showErrorMessage=True, **common,
        )  # fmt: skip
    if kind == "category":
        options = ",".join(c.value for c in Category)
        return DataValidation(
            type="list", formula1=f'"{options}"', errorTitle=column.label,
            error=f"请从列表中选一项：{options}", showErrorMessage=True, **common,
        )  # fmt: skip
    if column.key == "activity":
        # A list offered as input help only: the cell holds form and content as free text
        # ("培训：肉牛育肥饲料配制"), so nothing typed is refused.
        return DataValidation(
            type="list", formula1=f'"{",".join(ACTIVITY_FORMS)}"', showErrorMessage=False,
            **common,
        )  # fmt: skip
    return DataValidation(showErrorMessage=False, **common)


def setup_page(ws: Worksheet, title_rows: str, *, landscape: bool = True) -> None:
    """A4, landscape, fit to one page wide, ``title_rows`` repeated on every printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def write_header(
    ws: Worksheet, row: int, columns: tuple[Column, ...] | list[Column], first_data: int, until: int,
    *, fill: PatternFill | None = None,
) -> None:  # fmt: skip
    """The column-header row: labels, widths, and each column's validation on its data rows."""
    from ._xlsx_cells import column_letter

    for col, column in enumerate(columns, start=1):
        cell = ws.cell(row, col, column.label)
        cell.font = HEAD_FONT
        cell.border = BORDER
        if fill is not None:
            cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = column_letter(col)
        ws.column_dimensions[letter].width = column.width
        dv = validation_for(column)
        dv.add(f"{letter}{first_data}:{letter}{until}")
        ws.add_data_validation(dv)
