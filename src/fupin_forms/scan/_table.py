"""Finding the annex's table on a page that carries none of our marks, by its ruling lines.

A form printed from Word, WPS or someone's own copy of the annex has no QR code and no
corner markers, but it always has the table: long horizontal and vertical strokes that no
character makes. Opening the ink with long thin kernels keeps only those strokes; the white
regions they enclose are the cells, merged cells included, however many village or ledger
rows were printed. The cells are then matched to the layout by their label text
(``_table_fit``), so the code does not depend on any one renderer's column widths.

Before that the page is put upright: a landscape image is turned by 90°, a small skew is
measured on the ruling lines (Hough) and undone, and 0° versus 180° is decided by which way
the text near the top reads as an annex title (or, failing that, reads with more confidence).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from ..layout import PAGES, Page
from ._cells import Cell, FieldZone, Rect, similar, squash
from ._lines import ink_gray, split_lines
from ._ocr import normalise, read_lines, recognise
from ._table_fit import fit

__all__ = [
    "Cell", "FieldZone", "Rect", "TableMap", "Upright", "locate_cells", "similar", "squash",
    "upright_page",
]

Array = NDArray[np.uint8]
_MAX_SKEW = 6.0  # degrees; beyond this a line is not a table rule
@dataclass(frozen=True)
class Upright:
    """The page turned upright and deskewed; ``to_source`` maps its pixels back (2×3)."""

    image: Array
    to_source: NDArray[np.float64]
    title: str  # the best-matching text line near the top ("" when none)
    form_id: str | None  # the annex whose title that line is


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

    def source_rect(self, rect: Rect | tuple[float, float, float, float]) -> tuple[float, ...]:
        x0, y0, x1, y1 = rect
        pts = np.array([[x0, y0, 1], [x1, y0, 1], [x1, y1, 1], [x0, y1, 1]], dtype=np.float64)
        mapped = pts @ self.upright.to_source.T
        xs, ys = mapped[:, 0], mapped[:, 1]
        return (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))


def _binary(image: Array) -> Array:
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    return np.asarray(cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1])


def _skew(image: Array) -> float:
    """Median angle (degrees) of long near-horizontal and near-vertical strokes."""
    scale = 1000 / max(image.shape[:2])
    small = np.asarray(
        cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8
    )
    binary = _binary(small)
    segs = cv2.HoughLinesP(
        binary, 1, np.pi / 1800, 80, minLineLength=small.shape[1] // 5, maxLineGap=4
    )
    if segs is None:
        return 0.0
    angles, weights = [], []
    for x0, y0, x1, y1 in np.asarray(segs).reshape(-1, 4).tolist():
        a = float(np.degrees(np.arctan2(y1 - y0, x1 - x0)))
        a = (a + 45) % 90 - 45  # verticals fold onto the horizontals
        if abs(a) <= _MAX_SKEW:
            angles.append(a)
            weights.append(float(np.hypot(x1 - x0, y1 - y0)))
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])


def _rotate(image: Array, matrix: NDArray[np.float64], size: tuple[int, int]) -> Array:
    return np.asarray(
        cv2.warpAffine(image, matrix, size, flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    )


def _title_score(lines: list[tuple[str, float]]) -> tuple[float, str, str | None]:
    best: tuple[float, str, str | None] = (0.0, "", None)
    for text, _ in lines:
        for form_id, page in PAGES.items():
            s = similar(text, page.title)
            if s > best[0]:
                best = (s, text, form_id)
    return best


def upright_page(image: Array) -> Upright:
    """Turn ``image`` so the annex reads upright and its rules run level."""
    h, w = image.shape[:2]
    base = np.array([[1.0, 0, 0], [0, 1.0, 0]])
    if w > h:  # A4 portrait photographed or scanned sideways
        base = np.array([[0.0, 1, 0], [-1, 0, w - 1]])  # 90° clockwise
        image = np.ascontiguousarray(np.rot90(image, -1))
        h, w = w, h
    angle = _skew(image)
    if abs(angle) > 0.05:
        rot = np.asarray(cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), np.float64)
        image = _rotate(image, rot, (w, h))
        base = _compose(rot, base)
    flipped = np.ascontiguousarray(image[::-1, ::-1])
    flip = np.array([[-1.0, 0, w - 1], [0, -1, h - 1]])
    tried = []
    for candidate, matrix in ((image, base), (flipped, _compose(flip, base))):
        band = np.asarray(cv2.resize(candidate[: int(h * 0.2)], None, fx=0.5, fy=0.5), np.uint8)
        lines = [(ln.text, ln.score) for ln in read_lines(band)]
        title = _title_score(lines)
        if title[0] >= 0.6:  # the title reads: this is the way up, no need to try the other
            tried = [(2.0 + title[0], title, candidate, matrix)]
            break
        tried.append((sum(s * len(t) for t, s in lines) / 1000, title, candidate, matrix))
    tried.sort(key=lambda r: r[0], reverse=True)
    _, (score, text, form_id), chosen, matrix = tried[0]
    inverse = cv2.invertAffineTransform(matrix)
    return Upright(
        chosen, np.asarray(inverse, dtype=np.float64), text, form_id if score >= 0.6 else None
    )


def _compose(second: NDArray[np.float64], first: NDArray[np.float64]) -> NDArray[np.float64]:
    """The 2×3 affine doing ``first`` then ``second``."""
    a = np.vstack([first, [0, 0, 1]])
    b = np.vstack([second, [0, 0, 1]])
    return np.asarray((b @ a)[:2], np.float64)


def _rules(image: Array) -> Array:
    """255 on the table's ruling lines: long runs of ink, gaps of a few pixels closed."""
    binary = _binary(image)
    h, w = binary.shape
    hk = max(40, w // 25)
    vk = max(30, h // 60)
    hor = cv2.morphologyEx(
        binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1))
    )
    hor = cv2.morphologyEx(hor, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hk, 1)))
    ver = cv2.morphologyEx(
        binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 9))
    )
    ver = cv2.morphologyEx(ver, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vk)))
    lines = cv2.bitwise_or(hor, ver)
    return np.asarray(cv2.dilate(lines, np.ones((3, 3), np.uint8)))


def _cells(rules: Array) -> tuple[Rect, list[Cell]]:
    """The biggest ruled block and the white regions enclosed in it."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    if n < 2:
        return (0, 0, 0, 0), []
    big = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_WIDTH] * stats[1:, cv2.CC_STAT_HEIGHT]))
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
    recognise a label, and recognition is ~0.1 s a line on two cores."""
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
            crops.append(zone[cut.y0 : cut.y1, cut.x0 : cut.x1])
    for (cell, rect), (text, score) in zip(jobs, recognise(crops), strict=True):
        text = normalise(text)
        if text:
            cell.lines.append((text, score, rect))


def locate_cells(image_bgr: Array, page: Page, upright: Upright | None = None) -> TableMap | None:
    """Map every field of ``page`` onto ``image_bgr`` by the table's rules and labels, or
    None when no table matching the layout is found. ``upright``: pass ``upright_page``'s
    result when you already have it (it costs two OCR passes over the top band)."""
    up = upright or upright_page(image_bgr)
    image = up.image
    h = image.shape[0]
    em = h * 0.0125  # 10.5-pt writing on an A4 page, whatever the resolution
    table, cells = _cells(_rules(image))
    if len(cells) < 4:
        return None
    groups = _group(cells, tol=max(6.0, em * 0.35))
    gray = ink_gray(image)
    _read_cells(gray, [g[0] for g in groups], em, max_lines=2)
    zones, counts = fit(page, groups, table, gray, em)
    if not zones:
        return None
    header = (table[0], max(0, table[1] - int(3.2 * em)), table[2], table[1])
    return TableMap(page, up, table, header, cells, zones, counts, em)
