"""A PDF page's ruled tables as the reading core's grid, cell by cell.

pdfplumber's ``find_tables`` (lines strategy) recovers the ruling of a word processor's
PDF export; each cell's text is the glyphs inside its box, lines joined where the writer's
program wrapped them (a line that runs to the cell's right edge), so only hard line breaks
stay. Text outside every table becomes the sheet's paragraphs (titles, 填表时间). Grey
glyphs are a printed placeholder hint and are left out. A picture, or a red drawn shape the
size of a seal, marks its cell as holding a picture (stamp evidence, confirmed by a person).
"""

from __future__ import annotations

from typing import Any

from ._pdf_text import Line, hint_grey, lines_of, unwrap
from .core import GridCell, GridTable, Sheet

__all__ = ["pdf_sheet"]


def _inside(obj: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    mx = (float(obj["x0"]) + float(obj["x1"])) / 2
    my = (float(obj["top"]) + float(obj["bottom"])) / 2
    return x0 <= mx <= x1 and top <= my <= bottom


def _underlines(page: Any) -> list[tuple[float, float, float]]:
    """Short horizontal strokes (x0, x1, y): underlines drawn under words, not ruling."""
    out = []
    for obj in [*page.lines, *page.rects]:
        if abs(float(obj["bottom"]) - float(obj["top"])) < 1.5:
            out.append((float(obj["x0"]), float(obj["x1"]), float(obj["top"])))
    return out


def _marked(chars: list[dict[str, Any]], strokes: list[tuple[float, float, float]],
            box: tuple[float, float, float, float], through: bool = False) -> tuple[str, ...]:  # fmt: skip
    """Runs of glyphs with a stroke just under them inside the cell (an underlined choice),
    or (``through``) across their middle (a choice struck out)."""
    width = box[2] - box[0]
    mine = [s for s in strokes if box[0] < s[0] and s[1] < box[2] and s[1] - s[0] < 0.8 * width]
    out = []
    for x0, x1, y in mine:
        under = [
            c for c in chars
            if _crosses(c, y, through) and x0 - 1 <= float(c["x0"]) and float(c["x1"]) <= x1 + 1
        ]  # fmt: skip
        if under:
            out.append("".join(c["text"] for c in sorted(under, key=lambda c: float(c["x0"]))))
    return tuple(out)


def _crosses(c: dict[str, Any], y: float, through: bool) -> bool:
    top, bottom = float(c["top"]), float(c["bottom"])
    if through:
        return top + 0.25 * (bottom - top) < y < bottom - 0.25 * (bottom - top)
    return 0 <= y - bottom < 4


def _red(color: Any) -> bool:
    if not isinstance(color, (tuple, list)):
        return False
    v = [float(x) for x in color if isinstance(x, (int, float))]
    if len(v) == 3:
        return v[0] > 0.6 and v[1] < 0.4 and v[2] < 0.4
    if len(v) == 4:
        return v[0] < 0.3 and v[1] > 0.6 and v[2] > 0.5
    return False


def _seals(page: Any) -> list[dict[str, Any]]:
    """Red drawn shapes a seal's size (a vector seal: ring, star): evidence of a stamp, the
    way a picture in the box is (flagged for a person to confirm either way)."""
    return [
        c for c in page.curves
        if (_red(c.get("stroking_color")) or _red(c.get("non_stroking_color")))
        and min(float(c["x1"]) - float(c["x0"]), float(c["bottom"]) - float(c["top"])) >= 15
    ]  # fmt: skip


def _text(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)


def _continues(sheet: Sheet, table: GridTable) -> bool:
    """A row cut by the page end: the next page's table starts with the same cells, the
    label cell empty (its text stayed on the page before)."""
    if not sheet.tables or not sheet.tables[-1].rows or not table.rows:
        return False
    last, first = sheet.tables[-1].rows[-1], table.rows[0]
    if first[0].page == last[0].page or first[0].text.strip() or len(first) != len(last):
        return False
    return all(
        abs(a.left - b.left) < 3 and abs(a.right - b.right) < 3
        for a, b in zip(last, first, strict=True)
    )


def _join_row(last: list[GridCell], cont: list[GridCell]) -> None:
    for a, b in zip(last, cont, strict=False):
        if b.text.strip():
            a.text = f"{a.text}\n{b.text}" if a.text.strip() else b.text
        a.picture = a.picture or b.picture


def pdf_sheet(pdf: Any) -> Sheet:
    """Every page's tables (in page order, so a table continued on the next page follows)
    and the text outside them; ``position_only`` when no page has a ruled table."""
    sheet = Sheet(method="text")
    n = 0
    for page in pdf.pages:
        boxes = []
        chars = [c for c in page.chars if not hint_grey(c)]
        images = [*page.images, *_seals(page)]
        strokes = _underlines(page)
        for found in page.find_tables():
            n += 1
            boxes.append(found.bbox)
            table = GridTable()
            for rn, row in enumerate(found.rows):
                cells = []
                for cn, bbox in enumerate(c for c in row.cells if c is not None):
                    box = (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3]))
                    mine = [c for c in chars if _inside(c, box)]
                    lines = unwrap(lines_of(mine), box[2]) if mine else []
                    cells.append(
                        GridCell(
                            text=_text(lines),
                            left=box[0],
                            right=box[2],
                            picture=any(_inside(im, box) for im in images),
                            marked=_marked(mine, strokes, box),
                            struck=_marked(mine, strokes, box, through=True),
                            where=f"第{page.page_number}页 表格{n} 第{rn + 1}行第{cn + 1}格",
                            page=page.page_number,
                            bbox=box,
                        )
                    )
                table.rows.append(cells)
            if _continues(sheet, table):
                _join_row(sheet.tables[-1].rows[-1], table.rows.pop(0))
            sheet.tables.append(table)
        loose = [c for c in chars if not any(_inside(c, b) for b in boxes)]
        sheet.paragraphs += [line.text for line in lines_of(loose) if line.text.strip()]
    sheet.position_only = n == 0
    return sheet
