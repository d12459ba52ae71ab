"""A Word body as the reading core's grid: every table's rows of cells (merged cells known by
their grid columns), and the paragraphs outside tables. Hint text is left out by how the file
marks it (``_docx_xml``); LibreOffice's doubled controls are read once (``_docx_layout``)."""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]  # no stubs; see pyproject

from ._docx_layout import undoubled_text
from ._docx_xml import Paragraph, W, read_table
from .core import GridCell, GridTable, Sheet

__all__ = ["docx_sheet"]

_PICTURES = (W + "drawing", W + "pict", W + "object")


def docx_sheet(blocks: list[Paragraph | etree._Element]) -> Sheet:
    sheet = Sheet(method="label")
    n = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            text = undoubled_text(block)
            if text.strip():
                sheet.paragraphs.append(text)
            continue
        n += 1
        table = GridTable()
        for rn, row in enumerate(read_table(block).rows):
            cells = []
            for cn, ref in enumerate(row):
                picture = any(True for tag in _PICTURES for _ in ref.tc.iter(tag))
                cells.append(
                    GridCell(
                        text="\n".join(undoubled_text(p) for p in ref.paras),
                        left=ref.col,
                        right=ref.col + ref.span,
                        picture=picture,
                        marked=tuple(m for p in ref.paras for m in p.marked),
                        struck=tuple(m for p in ref.paras for m in p.struck),
                        merged_above=ref.vmerge == "continue",
                        where=f"表格{n} 第{rn + 1}行第{cn + 1}列",
                    )
                )
            table.rows.append(cells)
        sheet.tables.append(table)
    return sheet
