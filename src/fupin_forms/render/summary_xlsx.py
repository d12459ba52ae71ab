"""The summary workbook of ``fupin-forms aggregate``: one sheet per question, a quota chart."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ..aggregate import ACTIVITIES_PER_YEAR, CATEGORIES, MIN_DAYS, Summary

__all__ = ["render_summary_xlsx"]

_HEAD = Font(bold=True)
_FLAG = PatternFill("solid", fgColor="FFE0E0")


def _sheet(ws: Worksheet, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
           widths: Sequence[int]) -> None:  # fmt: skip
    ws.title = title
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = _HEAD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        ws.append(list(row))
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0


def render_summary_xlsx(summary: Summary) -> bytes:
    wb = Workbook()
    cities = wb.active
    assert cities is not None
    _sheet(
        cities, "按市汇总",
        ["市", "名额（附件2）", *CATEGORIES, "申报合计", "已全部盖章", "剩余名额", "超出名额"],
        [[r["city"], r["quota"], *(r[c] for c in CATEGORIES), r["total"], r["approved"],
          r["remaining"], r["over"]] for r in summary.cities],
        [8, 12, 11, 11, 11, 10, 11, 10, 10],
    )  # fmt: skip
    for row in cities.iter_rows(min_row=2):
        if row[8].value:
            for cell in row:
                cell.fill = _FLAG
    total_row = len(summary.cities) + 2
    cities.append(
        [
            "合计",
            f"=SUM(B2:B{total_row - 1})",
            *[f"=SUM({c}2:{c}{total_row - 1})" for c in "CDEFGHI"],
        ]
    )
    _quota_chart(cities, len(summary.cities))

    experts = wb.create_sheet()
    _sheet(
        experts, "专家服务天数",
        ["专家", "县（市、区）", "市", "年度", "服务天数", f"不足{MIN_DAYS}天"],
        [[e["expert"], e["county"], e["city"] or "", e["year"], e["days"], "是" if e["below_minimum"] else ""]
         for e in summary.experts],
        [10, 14, 8, 8, 10, 10],
    )  # fmt: skip
    activities = wb.create_sheet()
    _sheet(
        activities, "年度活动次数",
        ["年度", "活动次数", "目标", "是否达到"],
        [[a["year"], a["activities"], ACTIVITIES_PER_YEAR, "是" if a["met"] else "否"]
         for a in summary.activities_per_year],
        [8, 10, 8, 10],
    )  # fmt: skip
    subsidies = wb.create_sheet()
    _sheet(
        subsidies, "补助经费",
        ["表格", "申报人/单位", "项目名称", "市", "年度", "类别", "补助（元）", "依据"],
        [[s["form"], s["applicant"], s["project"], s["city"] or "", s["year"], s["category"],
          s["amount"], s["reason"]] for s in summary.subsidies]
        + [["合计", "", "", "", "", "", summary.subsidy_total, ""]],
        [8, 22, 32, 8, 8, 12, 11, 44],
    )  # fmt: skip
    dups = wb.create_sheet()
    _sheet(
        dups, "重复与共用",
        ["类型", "名称", "次数", "涉及项目"],
        [["同一专家多次申报", d["applicant"], d["count"], "；".join(d["projects"])]
         for d in summary.duplicate_applicants]
        + [["同一贫困村多个项目结对", v["village"], v["count"], "；".join(v["projects"])]
           for v in summary.shared_villages]
        + [["无法确定所在市", p, 1, ""] for p in summary.unplaced],
        [22, 28, 8, 80],
    )  # fmt: skip
    # data that looks like a formula (=, +, -, @) stays text; only our own SUMs are formulas
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.startswith("=SUM("):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _quota_chart(ws: Worksheet, n: int) -> None:
    chart = BarChart()
    chart.type = "col"
    chart.title = "各市名额使用情况"
    chart.y_axis.title = "项目数"
    data = Reference(ws, min_col=2, max_col=2, min_row=1, max_row=n + 1)
    used = Reference(ws, min_col=6, max_col=6, min_row=1, max_row=n + 1)
    chart.add_data(data, titles_from_data=True)
    chart.add_data(used, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
    chart.width, chart.height = 24, 10
    ws.add_chart(chart, "K2")
