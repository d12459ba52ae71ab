"""Finding the annex's table on a page that carries none of our marks, by its ruling lines.

A form printed from Word, WPS or someone's own copy of the annex has no QR code and no
corner markers, but it always has the table: long horizontal and vertical strokes that no
character makes. Opening the ink with long thin kernels keeps only those strokes; the white
regions they enclose are the cells, merged cells included, however many village or ledger
rows were printed. The cells are then matched to the layout by their label text
(``_table_fit``), so the code does not depend on any one renderer's column widths.

Before that the page is put upright and level (``_upright``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from ..layout import Page
from ._cells import Cell, FieldZone, Rect, head_band, similar, squash
from ._label_cells import label_cells
from ._ledger_fit import ledger_fit
from ._lines import ink_gray, split_lines
from ._ocr import framed, normalise, recognise
from ._table_fit import fit
from ._upright import Upright, level, upright_page

__all__ = [
    "Cell", "FieldZone", "Rect", "TableMap", "Upright", "locate_cells", "similar", "squash",
    "upright_page",
]

Array = NDArray[np.uint8]
_MAX_SKEW = 6.0  # degrees; beyond this a line is not a table rule
_LABEL_FRAME = 0.25  # em of white above and below a label line read (``_read_cells``)
@dataclass
class TableMap:
    """What ``locate_cells`` found: pixel rects are on ``upright.image``; ``source_rect``
    maps one back onto the image given to ``locate_cells``."""

    page: Page
    upright: Upright
    table: Rect
    header: Rect  # between the title and the table: 填表时间, 县（市、区）科协 …
    cells: list[Cell]
    zones: dict[str, FieldZone]
    counts: dict[str, int]  # repeated rows found per list path
    em: float
    notes: tuple[str, ...] = ()  # what the fit says about the table (a column not read)

    def source_rect(self, rect: Rect | tuple[float, float, float, float]) -> tuple[float, ...]:
        x0, y0, x1, y1 = rect
        pts = np.array([[x0, y0, 1], [x1, y0, 1], [x1, y1, 1], [x0, y1, 1]], dtype=np.float64)
        mapped = pts @ self.upright.to_source.T
        xs, ys = mapped[:, 0], mapped[:, 1]
        return (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))


def _cells(rules: Array) -> tuple[Rect, list[Cell]]:
    """The ruled block enclosing the most cells, among the three biggest, and its cells.

    The biggest block is not always the table: a photo's paper edge or a dark border left
    by the warp rings the whole image and encloses nothing but one white region."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    if n < 2:
        return (0, 0, 0, 0), []
    area = stats[1:, cv2.CC_STAT_WIDTH] * stats[1:, cv2.CC_STAT_HEIGHT]
    best: tuple[Rect, list[Cell]] = ((0, 0, 0, 0), [])
    for big in (1 + np.argsort(-area)[:3]).tolist():
        found = _block_cells(np.asarray(labels, np.int32), np.asarray(stats, np.int32), int(big))
        if len(found[1]) > len(best[1]):
            best = found
    return best


def _block_cells(labels: NDArray[np.int32], stats: NDArray[np.int32], big: int
                 ) -> tuple[Rect, list[Cell]]:  # fmt: skip
    """The white regions enclosed by the ruled component ``big``."""
    x, y, w, h = (int(v) for v in stats[big, :4])
    block = (labels[y : y + h, x : x + w] == big).astype(np.uint8) * 255
    space = cv2.bitwise_not(block)
    m, _lab, st, _ = cv2.connectedComponentsWithStats(space, connectivity=4)
    cells = []
    for i in range(1, m):
        cx, cy, cw, ch, area = (int(v) for v in st[i])
        if cx == 0 or cy == 0 or cx + cw >= w or cy + ch >= h:
            continue  # outside the table's frame
        if cw < 12 or ch < 12 or area < 0.5 * cw * ch:
            continue
        cells.append(Cell((x + cx, y + cy, x + cx + cw, y + cy + ch)))
    return (x, y, x + w, y + h), [
        c for c in cells if not any(_inside(c.rect, o.rect) for o in cells if o is not c)
    ]


def _inside(a: Rect, b: Rect) -> bool:
    """``a`` lies within ``b``: a glyph's enclosed counter, not a cell."""
    return b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]


def _group(cells: list[Cell], tol: float) -> list[list[Cell]]:
    """Cells that start on the same rule, top to bottom, each group left to right."""
    groups: list[list[Cell]] = []
    for cell in sorted(cells, key=lambda c: (c.rect[1], c.rect[0])):
        if groups and abs(cell.rect[1] - groups[-1][0].rect[1]) <= tol:
            groups[-1].append(cell)
        else:
            groups.append([cell])
    for r, group in enumerate(groups, 1):
        group.sort(key=lambda c: c.rect[0])
        for c, cell in enumerate(group, 1):
            cell.row, cell.col = r, c
    return groups


def _read_cells(gray: Array, cells: list[Cell], em: float, max_lines: int = 99) -> None:
    """The cells' first text lines, recognised (recognition model only).

    Only each row's first cell is read here, and only its first lines: that is enough to
    recognise a label, and recognition is ~0.1 s a line on two cores. Each line is read
    framed in ``_LABEL_FRAME`` em of white (``_ocr.framed``): a third fewer columns than
    cut tight. (0.4 em, the marked reader's margin, read 项目内容 as 项内容 on a photo
    and lost the row; with 0.25 em no field of the unmarked pages of the degraded set,
    scans_blind2 or make_blind2 seed 1357 changed. Value lines stay tight: framed even
    0.15 em, 63 of their fields there changed, one flag lost.)"""
    jobs: list[tuple[Cell, Rect]] = []
    crops: list[Array] = []
    inset = 4
    for cell in cells:
        x0, y0, x1, y1 = cell.rect
        x0, y0, x1, y1 = x0 + inset, y0 + inset, x1 - inset, y1 - inset
        zone = gray[y0:y1, x0:x1]
        if zone.size == 0:
            continue
        for cut in split_lines(zone, em)[:max_lines]:
            jobs.append((cell, (x0 + cut.x0, y0 + cut.y0, x0 + cut.x1, y0 + cut.y1)))
            crops.append(framed(zone[cut.y0 : cut.y1, cut.x0 : cut.x1], em, _LABEL_FRAME))
    for (cell, rect), (text, score) in zip(jobs, recognise(crops), strict=True):
        text = normalise(text)
        if text:
            cell.lines.append((text, score, rect))


_EM_CM = 10.5 * 2.54 / 72  # the form's 10.5-pt print (五号), in cm


def _em(height: int, table: Rect, page: Page) -> float:
    """The size of the form's print in pixels. The table's width against the layout's
    (15.6 cm) says it for the table itself, whatever else the image holds: a photo whose
    sheet was not found keeps the desk around it, and the page's height then made the
    print 25% bigger than it is (the date zone after 已盖章 started past the written date).
    A width far from the page-height estimate (a table not found whole) is not trusted."""
    by_page = height * 0.0125  # 10.5-pt print on an A4 page, whatever the resolution
    by_table = (table[2] - table[0]) / sum(page.grid_cm) * _EM_CM
    return by_table if 0.6 * by_page <= by_table <= 1.15 * by_page else by_page


def locate_cells(image_bgr: Array, page: Page, upright: Upright | None = None,
                 fitted: bool = True) -> TableMap | None:  # fmt: skip
    """Map every field of ``page`` onto ``image_bgr`` by the table's rules and labels, or
    None when no table matching the layout is found. ``upright``: pass ``upright_page``'s
    result when you already have it (it costs two OCR passes over the top band).
    ``fitted=False``: the table and its read labels even when no row of ``page`` is found
    in it (to name the annex by those labels)."""
    up, rules = level(upright or upright_page(image_bgr))
    image = up.image
    table, cells = _cells(rules)
    if len(cells) < 4:
        return None
    em = _em(max(image.shape[:2]), table, page)  # A4's long side, landscape or not
    # no cell is lower than a line of print: a smaller white region is a loop of writing
    # closed by a rule it touches (a 6 or 0 of 填表时间 on the table's top rule), and as
    # the first "row" it moved the head band off the 填表时间 line
    cells = [c for c in cells if c.rect[3] - c.rect[1] >= 0.9 * em] or cells
    groups = _group(cells, tol=max(6.0, em * 0.35))
    gray = ink_gray(image)
    # the first cell of each row, and the third of a four-cell row (``label | value |
    # label | value``): where a label can be (a ledger's header row is read whole when one
    # of these names a column: its columns may come in the county's own order)
    _read_cells(gray, [g[k] for g in groups for k in (0, 2) if len(g) > k and (k == 0 or len(g) >= 4)],
                em, max_lines=2)
    if page.form_id in ("annex3", "annex4"):
        # a county's own table: labels behind a merged column, in six-cell rows, or with
        # their values in the same cell (``_label_cells``)
        _read_cells(gray, label_cells(groups, page.form_id), em, max_lines=2)
    header = head_band(table, groups[0], em)
    own = None
    if page.form_id == "annex5":
        own = ledger_fit(page, groups, table, em, header, lambda cs: _read_cells(gray, cs, em, max_lines=3))
    if own is None or not own[0]:  # no header row of its own read: the layout's fit, as before
        own = (*fit(page, groups, table, gray, em), [])
    zones, counts, notes = own
    if not zones and fitted:
        return None
    return TableMap(page, up, table, header, cells, zones, counts, em, tuple(notes))
