"""The public-disclosure list (公示) of approved projects, as .xlsx or .docx.

Only what the plan makes public: project, applicant or unit, category, paired villages and
city. Phones, e-mails, addresses, contact persons and anything else personal never appear:
rows are built from an allow-list of fields, not by removing known personal ones.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from .._scrub import scrub
from .._text import clean_text
from ..aggregate import approved, city_of_record
from ..labels import title
from ..models import Category
from ._xlsx_cells import safe_cell_text

__all__ = ["COLUMNS", "disclosure_rows", "render_disclosure_docx", "render_disclosure_xlsx"]

COLUMNS = (
    title("entries", "seq"), "市", title("annex4", "project_name"), "申报人/申报单位",
    title("annex4", "category"), "结对帮扶贫困村",
)  # fmt: skip
TITLE = "山东省科协精准扶贫专家服务行动项目公示名单"


def disclosure_rows(
    records: Iterable[dict[str, Any]], warnings: list[str] | None = None
) -> list[list[str]]:
    """One row per approved application (all four offices stamped), sorted by city.

    Control and bidi characters are removed; phone numbers, e-mails, ID numbers and street
    addresses typed into a published field are masked, each with a line in ``warnings``
    naming the record."""
    rows = []
    seen: set[tuple[str, str]] = set()
    for n, record in enumerate(records, start=1):
        form, data = record.get("form"), record.get("data")
        if form not in ("annex3", "annex4") or not isinstance(data, dict) or not approved(data):
            continue
        if record.get("status") in ("invalid", "error"):
            continue
        who = _text(data.get("applicant_name") if form == "annex4" else data.get("unit_name"))
        project = _text(data.get("project_name"))
        if (who, project) in seen:
            continue
        seen.add((who, project))
        category = data.get("category") if form == "annex4" else Category.SCIENCE_EDUCATION.value
        villages = "、".join(
            _text(v.get("name"))
            for v in data.get("villages") or []
            if isinstance(v, dict) and v.get("name")
        )
        row = [city_of_record(data) or "", project, who, _text(category), villages]
        found: list[str] = []
        for i, text in enumerate(row):
            row[i], kinds = scrub(text)
            found += kinds
        if found and warnings is not None:
            source = record.get("source")
            path = source.get("path") if isinstance(source, dict) else None
            warnings.append(
                f"第{n}条（{path or '-'}，{row[2]}《{row[1]}》）：公示字段中含有"
                f"{'、'.join(dict.fromkeys(found))}，已隐去"
            )
        rows.append(row)
    rows.sort(key=lambda r: (r[0], r[2]))
    return [[str(i), *row] for i, row in enumerate(rows, start=1)]


def _text(value: Any) -> str:
    return clean_text(str(value or "")) if not isinstance(value, dict | list) else ""


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
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=3):
        for c, text in enumerate(row, start=1):
            cell = ws.cell(r, c)
            cell.value = safe_cell_text(text)
            cell.data_type = "s"  # text, even if it starts with "="
            cell.alignment = wrap
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
            cell.text = clean_text(text)
    doc.add_paragraph(f"共 {len(rows)} 个项目。")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
