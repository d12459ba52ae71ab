"""Matching the cells found on a page to the layout's rows: labels first, then row order.

A row whose first cell is a label (``row.anchor``) is found by that label's text, so a
missing, extra or merged row elsewhere cannot shift it. The rows between two anchors (the
village or ledger rows, whose number varies, and the 专家签名 row under 项目内容) take
the groups of cells between the two anchors' groups, in order. Inside a row the cells are
taken left to right when their number agrees with the layout, else by horizontal position
against the layout's grid, so a hand-made table with other column widths still maps.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np
from numpy.typing import NDArray

from ..layout import Field, Page, Repeat, Row
from ._cells import Cell, FieldZone, Rect, similar

__all__ = ["find_boxes", "fit"]

Array = NDArray[np.uint8]
_ANCHOR = 0.55  # label similarity for a row to count as found


def find_boxes(gray: Array, em: float) -> list[tuple[int, int, int, int]]:
    """Printed check boxes (☐ ☑ ☒) in ``gray``: near-square ink outlines about a character
    high whose four sides are all inked; left to right, in ``gray``'s coordinates."""
    ink = (gray < 160).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    found = []
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if not (0.45 * em <= w <= 1.3 * em and 0.45 * em <= h <= 1.3 * em):
            continue
        if not 0.75 <= w / h <= 1.33:
            continue
        t = max(2, int(0.12 * min(w, h)))
        box = ink[y : y + h, x : x + w]
        sides = (box[:t].any(0), box[-t:].any(0), box[:, :t].any(1), box[:, -t:].any(1))
        if all(float(s.mean()) >= 0.8 for s in sides):
            found.append((x, y, x + w, y + h))
    return sorted(found)


def _columns(row: Row, grid: tuple[float, ...]) -> list[tuple[float, float]]:
    """Share of the table width (start, end) of each cell that starts in ``row``."""
    total = sum(grid)
    spans, col = [], 0
    for cell in row.cells:
        start = sum(grid[:col]) / total
        col += cell.span
        if cell.vmerge != "continue":
            spans.append((start, sum(grid[:col]) / total))
    return spans


def _pair(row: Row, group: list[Cell], page: Page, table: Rect) -> list[tuple[int, list[Cell]]]:
    """(index among the row's starting cells, physical cells) for each layout cell."""
    starting = [c for c in row.cells if c.vmerge != "continue"]
    if len(starting) == len(group):
        return [(n, [cell]) for n, cell in enumerate(group)]
    width = max(1, table[2] - table[0])
    spans = _columns(row, page.grid_cm)
    out: dict[int, list[Cell]] = {}
    for cell in group:
        centre = ((cell.rect[0] + cell.rect[2]) / 2 - table[0]) / width
        for n, (a, b) in enumerate(spans):
            if a <= centre < b:
                out.setdefault(n, []).append(cell)
    return sorted(out.items())


def _union(cells: list[Cell]) -> Rect:
    return (
        min(c.rect[0] for c in cells),
        min(c.rect[1] for c in cells),
        max(c.rect[2] for c in cells),
        max(c.rect[3] for c in cells),
    )


def _cell_zones(
    fields: tuple[Field, ...], cells: list[Cell], gray: Array, em: float
) -> list[FieldZone]:
    """Zones of the fields in one cell: the whole cell for a lone value; boxes found by
    ink; the review cell split into opinion above and the 盖章 line with its date."""
    rect = _union(cells)
    cell = cells[0]
    boxed = [f for f in fields if f.kind in ("check", "option")]
    if not boxed:
        return [FieldZone(f, rect, cell) for f in fields]
    x0, y0, x1, y1 = rect
    boxes = [
        (bx + x0, by + y0, bx1 + x0, by1 + y0)
        for bx, by, bx1, by1 in find_boxes(gray[y0:y1, x0:x1], em)
    ]
    if len(boxed) > 1:  # a choice: the boxes in print order, when all are found
        boxes = _alike(boxes)
        if len(boxes) != len(boxed):
            return []  # one is lost (a tick through it) or a glyph passed for one: unread
        return [FieldZone(f, b, cell, "box") for f, b in zip(boxed, boxes, strict=True)]
    box = boxes[-1] if boxes else None
    zones = []
    if box is not None:
        zones.append(FieldZone(boxed[0], box, cell, "box"))
    mid = (box[1] + box[3]) // 2 if box else y1 - int(0.8 * em)
    band = (x0, max(y0, mid - int(0.85 * em)), x1, min(y1, mid + int(0.85 * em)))
    right = (min(x1 - 1, (box[2] if box else x0) + int(2.5 * em)), band[1], x1, band[3])
    for f in fields:
        if f.kind == "date":
            zones.append(FieldZone(f, right, cell, "stamp_line"))
        elif f.kind in ("text", "multiline", "int"):
            zones.append(FieldZone(f, (x0, y0, x1, band[1]), cell, "opinion"))
    return zones


def _alike(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The boxes of one choice are printed alike: those under 3/4 of the biggest one's
    size are glyphs (the 口 in 教育), not boxes."""
    if not boxes:
        return boxes
    size = [min(b[2] - b[0], b[3] - b[1]) for b in boxes]
    return [b for b, s in zip(boxes, size, strict=True) if s >= 0.75 * max(size)]


def _plan(page: Page) -> list[Row | Repeat]:
    return list(page.rows)


def _anchor(item: Row | Repeat) -> str | None:
    return item.anchor if isinstance(item, Row) else None


def _assign(
    plan: list[Row | Repeat], groups: list[list[Cell]]
) -> list[tuple[Row, int | None, list[Cell]]]:
    """(layout row, repeat index or None, group) for every row placed on the page."""
    matched: dict[int, int] = {}
    pos = 0
    for i, item in enumerate(plan):
        text = _anchor(item)
        if text is None:
            continue
        best, where = 0.0, -1
        for j in range(pos, len(groups)):
            score = similar(groups[j][0].text, text) - 0.01 * (j - pos)
            if score > best:
                best, where = score, j
        if best >= _ANCHOR:
            matched[i] = where
            pos = where + 1
    bounds = [(-1, -1), *sorted(matched.items()), (len(plan), len(groups))]
    out: list[tuple[Row, int | None, list[Cell]]] = []
    for (i, g), (i2, g2) in itertools.pairwise(bounds):
        if i >= 0:
            item = plan[i]
            assert isinstance(item, Row)
            out.append((item, None, groups[g]))
        tail = plan[i + 1 : i2]
        avail = groups[g + 1 : g2]
        fixed = [t for t in tail if isinstance(t, Row) and _anchor(t) is None]
        repeats = [t for t in tail if isinstance(t, Repeat)]
        if repeats:
            k = tail.index(repeats[0])
            before = [t for t in tail[:k] if isinstance(t, Row) and _anchor(t) is None]
            after = [t for t in tail[k + 1 :] if isinstance(t, Row) and _anchor(t) is None]
            for row, group in zip(before, avail, strict=False):
                out.append((row, None, group))
            rest = avail[len(before) : len(avail) - len(after)]
            for n, group in enumerate(rest):
                out.append((repeats[0].row, n, group))
            for row, group in zip(after, avail[len(avail) - len(after) :], strict=False):
                out.append((row, None, group))
            continue
        rows = [t for t in tail if isinstance(t, Row)] if len(avail) > len(fixed) else fixed
        for row, group in zip(rows, avail, strict=False):
            out.append((row, None, group))
    return out


def fit(
    page: Page, groups: list[list[Cell]], table: Rect, gray: Array, em: float
) -> tuple[dict[str, FieldZone], dict[str, int]]:
    """Every concrete field's zone (keyed by ``Field.key``) and the repeated rows found."""
    zones: dict[str, FieldZone] = {}
    counts = {r.list_path: 0 for r in page.repeats()}
    repeat_of = {id(r.row): r for r in page.repeats()}
    for row, index, group in _assign(_plan(page), groups):
        if index is not None:
            counts[repeat_of[id(row)].list_path] = index + 1
        starting = [c for c in row.cells if c.vmerge != "continue"]
        for n, cells in _pair(row, group, page, table):
            fields = starting[n].fields
            if index is not None:
                fields = tuple(f.at(index) for f in fields)
            for zone in _cell_zones(fields, cells, gray, em):
                zones[zone.field.key] = zone
    if zones:
        header = (table[0], max(0, table[1] - int(3.2 * em)), table[2], table[1])
        dummy = groups[0][0]
        for para in page.head:
            for f in para.fields:
                zones[f.key] = FieldZone(f, header, dummy, "head")
    return zones, counts
