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
    """Printed check boxes (☐ ☑ ☒) in ``gray``: near-square outlines about a character
    high whose four sides are all inked; left to right, in ``gray``'s coordinates.

    A box is found by its sides, not as one blob of ink: a level stroke (``_level_strokes``),
    another of about the same span under it, and inked sides between them. A tick or cross
    drawn through the box, or past it, does not change its sides; as one blob with the
    box, a bold tick made it too tall or not square, and a ticked box was not found."""
    ink = (gray < 160).astype(np.uint8)
    segs = _level_strokes(ink, em)
    found: list[tuple[int, int, int, int]] = []
    for n, (ax, ay, aw, ah) in enumerate(segs):
        for bx, by, bw, bh in segs[n + 1 :]:
            if by <= ay + ah or abs(bx - ax) > 0.2 * em or abs(bx + bw - ax - aw) > 0.2 * em:
                continue
            # the span both share: a tick run out along one side lengthens only that one
            box = (max(ax, bx), ay, min(ax + aw, bx + bw), by + bh)
            if _boxed(ink, box, em):
                if not any(_overlap(box, f) for f in found):
                    found.append(box)
                break
    return sorted(found)


def _level_strokes(ink: Array, em: float) -> list[tuple[int, int, int, int]]:
    """Level strokes as long as a box's side (0.45–1.3 characters) and thin: (x, y, w, h),
    top to bottom."""
    k = max(3, int(0.4 * em))
    hor = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(hor, connectivity=8)
    segs = [(int(stats[i, 0]), int(stats[i, 1]), int(stats[i, 2]), int(stats[i, 3])) for i in range(1, n)]
    keep = [s for s in segs if 0.45 * em <= s[2] <= 1.3 * em and s[3] <= 0.3 * em]
    return sorted(keep, key=lambda s: (s[1], s[0]))


def _boxed(ink: Array, box: tuple[int, int, int, int], em: float) -> bool:
    """Are ``box``'s four sides inked, is it about square and a character high, and is
    nothing printed straight across it (``_barred``)?"""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if not (0.45 * em <= w <= 1.3 * em and 0.45 * em <= h <= 1.3 * em):
        return False
    if not 0.75 <= w / h <= 1.33:
        return False
    t = max(2, int(0.12 * min(w, h)))
    cut = ink[y0:y1, x0:x1]
    sides = (cut[:, : 2 * t].any(1), cut[:, -2 * t :].any(1))
    return all(float(s.mean()) >= 0.8 for s in sides) and not _barred(cut, t)


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _barred(box: Array, t: int) -> bool:
    """A closed outline with a stroke straight across its middle is a glyph (日 月 目 田
    of the printed 年 月 日), not a box: a tick or a cross through a box runs slanted."""
    inner = box[t:-t, t:-t]
    if inner.shape[0] < 3 or inner.shape[1] < 3:
        return False
    h = inner.shape[0]
    middle = inner[h // 5 : h - h // 5]
    return bool(middle.size) and float(middle.mean(axis=1).max()) >= 0.75


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
    box = _lone_box(boxes, em)
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


def _lone_box(boxes: list[tuple[int, int, int, int]], em: float) -> tuple[int, int, int, int] | None:
    """The check box of ``（盖章）☐已盖章  年 月 日`` or ``专家签名：☐已签名``: on the cell's
    lowest line of boxes, the first from the left. What follows it (the printed date, a
    signature) may hold box-like strokes; what precedes it on that line is print without
    any. (The last box of the cell was taken before, and on a page whose print is smaller
    than the page's size suggests, that was the 日 of the date.)"""
    if not boxes:
        return None
    low = max((b[1] + b[3]) / 2 for b in boxes)
    return min((b for b in boxes if (b[1] + b[3]) / 2 >= low - 0.6 * em), key=lambda b: b[0])


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
