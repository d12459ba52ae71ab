"""The public-disclosure list (公示) of approved projects, as .xlsx or .docx.

Only what the plan makes public: project, applicant or unit, category, paired villages and
city. Phones, e-mails, addresses, contact persons and anything else personal never appear:
rows are built from an allow-list of fields, not by removing known personal ones.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from ..aggregate import approved, city_of_record
from ..models import Category

__all__ = ["COLUMNS", "disclosure_rows", "render_disclosure_docx", "render_disclosure_xlsx"]

COLUMNS = ("序号", "市", "项目名称", "申报人/申报单位", "项目类别", "结对帮扶贫困村")
TITLE = "山东省科协精准扶贫专家服务行动项目公示名单"


def disclosure_rows(records: Iterable[dict[str, Any]]) -> list[list[str]]:
    """One row per approved application (all four offices stamped), sorted by city."""
    rows = []
    seen: set[tuple[str, str]] = set()
    for record in records:
        form, data = record.get("form"), record.get("data")
        if form not in ("annex3", "annex4") or not isinstance(data, dict) or not approved(data):
            continue
        if record.get("status") in ("invalid", "error"):
            continue
        who = str((data.get("applicant_name") if form == "annex4" else data.get("unit_name")) or "")
        project = str(data.get("project_name") or "")
        if (who, project) in seen:
            continue
        seen.add((who, project))
        category = data.get("category") if form == "annex4" else Category.SCIENCE_EDUCATION.value
        villages = "、".join(
            str(v.get("name")) for v in data.get("villages") or [] if v and v.get("name")
        )
        rows.append([city_of_record(data) or "", project, who, str(category or ""), villages])
    rows.sort(key=lambda r: (r[0], r[2]))
    return [[str(i), *row] for i, row in enumerate(rows, start=1)]


def render_disclosure_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "公示名单"
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(list(COLUMNS))
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEF", (6, 8, 34, 22, 12, 48), strict=True):
        ws.column_dimensions[col].width = width
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def render_disclosure_docx(rows: list[list[str]]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    heading = doc.add_paragraph()
    run = heading.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(16)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    doc.add_paragraph(f"共 {len(rows)} 个项目。")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
