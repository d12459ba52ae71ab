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
        _add_rows(table, block, f"表格{n} ", 0.0, 1.0, 0)
        sheet.tables.append(table)
    return sheet


def _nested(tc: etree._Element) -> list[etree._Element]:
    """Tables typed inside a cell (directly or in a block content control)."""
    out = []
    for child in tc:
        if child.tag == W + "tbl":
            out.append(child)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                out.extend(t for t in content if t.tag == W + "tbl")
    return out


def _add_rows(
    table: GridTable, tbl: etree._Element, where: str, left: float, scale: float, depth: int
) -> None:
    """The rows of ``tbl``, and after each row the rows of the tables nested in its cells,
    placed inside their cell's columns. A nested table of one row (a row of options, ☒ | 技术
    培训类 | ☐ | …) is read as that cell's text; a taller one (a village table inside the
    value cell) as rows of its own below its row."""
    grid = read_table(tbl)
    for rn, row in enumerate(grid.rows):
        cells, below = [], []
        for cn, ref in enumerate(row):
            picture = any(True for tag in _PICTURES for _ in ref.tc.iter(tag))
            text = "\n".join(undoubled_text(p) for p in ref.paras)
            inner = _nested(ref.tc) if depth < _MAX_DEPTH else []
            for t in inner:
                rows = read_table(t).rows
                if len(rows) == 1:
                    line = "  ".join("\n".join(undoubled_text(p) for p in c.paras) for c in rows[0])
                    text = f"{text}\n{line}" if text.strip() else line
                else:
                    below.append((t, ref))
            cells.append(
                GridCell(
                    text=text,
                    left=left + ref.col * scale,
                    right=left + (ref.col + ref.span) * scale,
                    picture=picture,
                    marked=tuple(m for p in ref.paras for m in p.marked),
                    struck=tuple(m for p in ref.paras for m in p.struck),
                    merged_above=ref.vmerge == "continue",
                    where=f"{where}第{rn + 1}行第{cn + 1}列",
                )
            )
        table.rows.append(cells)
        for t, ref in below:
            width = max((c.col + c.span for r in read_table(t).rows for c in r), default=1)
            _add_rows(
                table, t, f"{where}第{rn + 1}行内嵌表格 ", left + ref.col * scale,
                ref.span * scale / width, depth + 1,
            )  # fmt: skip


_MAX_DEPTH = 3
