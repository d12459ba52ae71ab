"""The summary workbook of ``fupin-forms aggregate``: one sheet per question, a quota chart.

Written in openpyxl's write-only mode: rows stream to the file instead of living as cell
objects, so a summary of 100,000 records costs little more memory than one of 100.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..aggregate import ACTIVITIES_PER_YEAR, CATEGORIES, MIN_DAYS, Summary
from ..labels import title
from ._xlsx_cells import safe_cell_text

__all__ = ["Formula", "render_summary_xlsx"]

_HEAD = Font(bold=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_FLAG = PatternFill("solid", fgColor="FFE0E0")


@dataclass(frozen=True)
class Formula:
    """A formula of ours over numeric cells (a total). Only this type is written as a formula:
    any ``str``, whatever it starts with, is text."""

    text: str


def _cell(ws: Any, value: Any, *, head: bool = False, flag: bool = False) -> WriteOnlyCell:
    if isinstance(value, Formula):
        cell = WriteOnlyCell(ws, value.text)
    elif (
        value is None
        or isinstance(value, bool | int)
        or (isinstance(value, float) and math.isfinite(value))
    ):
        cell = WriteOnlyCell(ws, value)
    else:  # text, and anything odd a hand-written feed held: always a string cell
        cell = WriteOnlyCell(ws, safe_cell_text(str(value)))
        cell.data_type = "s"  # "=…", "+…", "@…" stay text
    if head:
        cell.font, cell.alignment = _HEAD, _CENTER
    if flag:
        cell.fill = _FLAG
    return cell


def _sheet(wb: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
           widths: Sequence[int], flag: int | None = None) -> Any:  # fmt: skip
    """A sheet with a bold, frozen header that repeats when printed, A4 landscape, fit to width;
    a row whose column ``flag`` holds a positive number is shaded."""
    ws = wb.create_sheet(title)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    ws.append([_cell(ws, h, head=True) for h in headers])
    for row in rows:
        shaded = flag is not None and isinstance(row[flag], int | float) and row[flag] > 0
        ws.append([_cell(ws, v, flag=shaded) for v in row])
    return ws


def render_summary_xlsx(summary: Summary) -> bytes:
    wb = Workbook(write_only=True)
    n = len(summary.cities)
    city_rows: list[list[Any]] = [
        [
            r["city"],
            r["quota"],
            *(r[c] for c in CATEGORIES),
            r["total"],
            r["approved"],
            r["remaining"],
            r["over"],
        ]
        for r in summary.cities
    ]
    city_rows.append(
        [
            "合计",
            Formula(f"=SUM(B2:B{n + 1})"),
            *[Formula(f"=SUM({c}2:{c}{n + 1})") for c in "CDEFGHI"],
        ]
    )
    cities = _sheet(
        wb, "按市汇总", ["市", "名额（附件2）", *CATEGORIES, "申报合计", "已全部盖章", "剩余名额", "超出名额"],
        city_rows, [8, 12, 11, 11, 11, 10, 11, 10, 10], flag=8,
    )  # fmt: skip
    cities.add_chart(_quota_chart(cities, n), "K2")
    _sheet(
        wb, "专家服务天数", ["专家", "县（市、区）", "市", "年度", "服务天数", f"不足{MIN_DAYS}天"],
        ([e["expert"], e["county"], e["city"] or "", e["year"], e["days"], "是" if e["below_minimum"] else ""]
         for e in summary.experts),
        [10, 14, 8, 8, 10, 10],
    )  # fmt: skip
    _sheet(
        wb, "年度活动次数", ["年度", "活动次数", "目标", "是否达到"],
        ([a["year"], a["activities"], ACTIVITIES_PER_YEAR, "是" if a["met"] else "否"]
         for a in summary.activities_per_year),
        [8, 10, 8, 10],
    )  # fmt: skip
    subsidy_rows: Iterable[Sequence[Any]] = (
        [
            s["form"],
            s["applicant"],
            s["project"],
            s["city"] or "",
            s["year"],
            s["category"],
            s["amount"],
            s["reason"],
        ]
        for s in summary.subsidies
    )
    _sheet(
        wb, "补助经费", ["表格", "申报人/单位", title("annex4", "project_name"), "市", "年度", "类别", "补助（元）", "依据"],
        _then(subsidy_rows, ["合计", "", "", "", "", "", summary.subsidy_total, ""]),
        [8, 22, 32, 8, 8, 12, 11, 44],
    )  # fmt: skip
    _sheet(
        wb, "重复与共用", ["类型", "名称", "次数", "涉及项目"],
        _duplicates(summary), [22, 28, 8, 80],
    )  # fmt: skip
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _then(rows: Iterable[Sequence[Any]], last: Sequence[Any]) -> Iterable[Sequence[Any]]:
    yield from rows
    yield last


def _duplicates(summary: Summary) -> Iterable[Sequence[Any]]:
    for d in summary.duplicate_applicants:
        yield ["同一专家多次申报", d["applicant"], d["count"], "；".join(d["projects"])]
    for v in summary.shared_villages:
        yield ["同一贫困村多个项目结对", v["village"], v["count"], "；".join(v["projects"])]
    for p in summary.unplaced:
        yield ["无法确定所在市", p, 1, ""]


def _quota_chart(ws: Any, n: int) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.title = "各市名额使用情况"
    chart.y_axis.title = "项目数"
    chart.add_data(
        Reference(ws, min_col=2, max_col=2, min_row=1, max_row=n + 1), titles_from_data=True
    )
    chart.add_data(
        Reference(ws, min_col=6, max_col=6, min_row=1, max_row=n + 1), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
    chart.width, chart.height = 24, 10
    return chart
