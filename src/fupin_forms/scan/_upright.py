"""A page without our marks put upright before its table is looked for: a landscape image
is turned by 90°, a small skew is measured on the ruling lines (Hough) and undone, and 0°
versus 180° is decided by which way the text near the top reads as an annex title (or,
failing that, reads with more confidence). Split out of ``_table``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cv2
import numpy as np
from numpy.typing import NDArray

from ..layout import PAGES
from ._cells import similar, squash
from ._ocr import read_lines

__all__ = ["Upright", "level", "upright_page"]

Array = NDArray[np.uint8]
_MAX_SKEW = 6.0  # degrees; beyond this a line is not a table rule


@dataclass(frozen=True)
class Upright:
    """The page turned upright and deskewed; ``to_source`` maps its pixels back (2×3)."""

    image: Array
    to_source: NDArray[np.float64]
    title: str  # the best-matching text line near the top ("" when none)
    form_id: str | None  # the annex whose title that line is


def _binary(image: Array) -> Array:
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    return np.asarray(cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1])


def _skew(image: Array) -> float:
    """Median angle (degrees, weighted by length) of long near-horizontal and near-vertical
    strokes. Segments are found coarsely (Hough in 0.5° bins, on the long strokes only:
    ``_long_strokes``), then each one's angle is refined by a least-squares line through
    the ink along it: ~10× cheaper than 0.1° bins and no less exact. What is left (a few
    hundredths of a degree, or a keystone's difference between top and bottom) is taken
    out by ``_level`` on the table's own rules."""
    scale = 1000 / max(image.shape[:2])
    small = np.asarray(
        cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8
    )
    length = small.shape[1] // 5
    binary = _long_strokes(_binary(small), length // 4)
    segs = cv2.HoughLinesP(binary, 1, np.pi / 360, 80, minLineLength=length, maxLineGap=4)
    if segs is None:
        return 0.0
    ys, xs = np.nonzero(binary)
    ink = np.stack([xs, ys], axis=1).astype(np.float32)
    angles, weights = [], []
    for x0, y0, x1, y1 in np.asarray(segs).reshape(-1, 4).astype(int).tolist():
        a = _fold(np.arctan2(y1 - y0, x1 - x0))
        if abs(a) <= _MAX_SKEW:
            angles.append(_refine(ink, (x0, y0, x1, y1), a))
            weights.append(float(np.hypot(x1 - x0, y1 - y0)))
    return _median(angles, weights)


def _median(values: list[float], weights: list[float]) -> float:
    if not values:
        return 0.0
    order = np.argsort(values)
    cum = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(values)[order][np.searchsorted(cum, cum[-1] / 2)])


def _long_strokes(binary: Array, side: int) -> Array:
    """``binary`` keeping only connected strokes at least ``side`` px long: the table's
    rules stay, characters go (the Hough transform votes every ink pixel at every angle,
    and on a filled form most ink is text)."""
    _n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    keep = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) >= side
    keep[0] = False
    return np.asarray(np.where(keep[labels], 255, 0), dtype=np.uint8)


def _fold(radians: float) -> float:
    """An angle in degrees, verticals folded onto the horizontals (−45° … 45°)."""
    return (float(np.degrees(radians)) + 45) % 90 - 45


def _refine(ink: NDArray[np.float32], seg: tuple[int, int, int, int], coarse: float) -> float:
    """The folded angle of the straight line fitted to the ink pixels within 2 px of the
    segment ``seg`` (``coarse`` when too few are there)."""
    x0, y0, x1, y1 = seg
    length = float(np.hypot(x1 - x0, y1 - y0))
    if length == 0:
        return coarse
    dx, dy = (x1 - x0) / length, (y1 - y0) / length
    rx, ry = ink[:, 0] - x0, ink[:, 1] - y0
    along = rx * dx + ry * dy
    near = ink[(np.abs(ry * dx - rx * dy) <= 2.0) & (along >= 0) & (along <= length)]
    if len(near) < 10:
        return coarse
    vx, vy, _, _ = cv2.fitLine(near, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
    return _fold(np.arctan2(vy, vx))


def _residual(hor: Array, ver: Array) -> float:
    """The angle (degrees) of the table's rules in the masks ``hor`` and ``ver``: each long
    rule fitted as a straight line, verticals folded onto the horizontals, the median
    weighted by length (both ways: under a keystone they lean apart, and levelling one
    alone shears the other)."""
    angles: list[float] = []
    weights: list[float] = []
    for mask, axis in ((hor, 0), (ver, 1)):
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        span = mask.shape[1 - axis]
        for i in range(1, n):
            x, y, w, h = (int(v) for v in stats[i, :4])
            along, across = (w, h) if axis == 0 else (h, w)
            if along < span // 8 or across > along // 8:
                continue
            ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
            pts = np.stack([xs, ys], axis=1).astype(np.float32)
            vx, vy, _, _ = cv2.fitLine(pts, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
            angles.append(_fold(np.arctan2(vy, vx)))
            weights.append(float(along))
    return _median(angles, weights)


def _rotate(image: Array, matrix: NDArray[np.float64], size: tuple[int, int]) -> Array:
    return np.asarray(
        cv2.warpAffine(image, matrix, size, flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    )


_ANNEX_NO = re.compile(r"附\s*件\s*([345])")
_TITLE_MARGIN = 0.03  # 附件3's and 附件4's titles differ in one character: ~0.05 apart


def _title_score(lines: list[tuple[str, float]]) -> tuple[float, str, str | None]:
    """How well the best line reads as an annex title, that line, and the annex it names;
    None for the annex when the evidence does not single one out: the titles of 附件3 and
    附件4 differ only in （一）/（二）, so a title about as close to both names neither,
    unless the printed ``附件N`` line above it says which (and agrees with the title)."""
    per_form: dict[str, tuple[float, str]] = {}
    for text, _ in lines:
        for form_id, page in PAGES.items():
            sc = similar(text, page.title)
            if sc > per_form.get(form_id, (0.0, ""))[0]:
                per_form[form_id] = (sc, text)
    if not per_form:
        return (0.0, "", None)
    ranked = sorted(per_form.items(), key=lambda kv: kv[1][0], reverse=True)
    form, (score, text) = ranked[0]
    second = ranked[1][1][0] if len(ranked) > 1 else 0.0
    close = score - second < _TITLE_MARGIN  # the title is as near to two annexes
    named = {f"annex{m.group(1)}" for t, _ in lines for m in _ANNEX_NO.finditer(squash(t))}
    if len(named) == 1:
        said = named.pop()
        if said == form:
            return (score, text, form)
        if close and per_form.get(said, (0.0, ""))[0] >= score - _TITLE_MARGIN:
            return (score, text, said)  # the title is ambiguous, 附件N says which
        return (score, text, None)  # 附件N and the title disagree: neither decides
    return (score, text, None if close else form)


def upright_page(image: Array) -> Upright:
    """Turn ``image`` so the annex reads upright and its rules run level. A page wider than
    high is first taken for A4 portrait photographed sideways; when no title reads that way,
    for a landscape page (a county's wide ledger) as it is."""
    h, w = image.shape[:2]
    if w <= h:
        return _upright(image, np.array([[1.0, 0, 0], [0, 1.0, 0]]))[1]
    score, sideways = _upright(np.ascontiguousarray(np.rot90(image, -1)),
                               np.array([[0.0, 1, 0], [-1, 0, w - 1]]))  # 90° clockwise; fmt: skip
    if score >= 0.6:
        return sideways
    score, level = _upright(image, np.array([[1.0, 0, 0], [0, 1.0, 0]]))
    return level if score >= 0.6 else sideways


def _upright(image: Array, base: NDArray[np.float64]) -> tuple[float, Upright]:
    """(title score, page) for ``image`` (``base`` maps it from the source) or its 180° turn."""
    h, w = image.shape[:2]
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
    return score, Upright(
        chosen, np.asarray(inverse, dtype=np.float64), text, form_id if score >= 0.6 else None
    )


_LEVEL = 0.03  # degrees; a residual tilt under this moves a rule < 1 px across A4 at 200 dpi


def level(up: Upright) -> tuple[Upright, Array]:
    """``up`` with the residual tilt of its table's horizontal rules taken out, and the
    rules mask of the result.

    The page-wide skew estimate is coarse on purpose (cheap); the rules that the cells are
    cut from are measured here, each fitted as a line, so the cells found do not depend
    on how exact that estimate was (a change of 0.14° there once lost a table)."""
    rules, hor, ver = _rules(up.image)
    angle = _residual(hor, ver)
    if abs(angle) < _LEVEL:
        return up, rules
    h, w = up.image.shape[:2]
    rot = np.asarray(cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), np.float64)
    image = _rotate(up.image, rot, (w, h))
    back = np.asarray(cv2.invertAffineTransform(rot), np.float64)
    # the mask turned with the page (nearest neighbour; its rules are dilated 3 px, so
    # they stay closed): half the cost of finding the rules again
    turned = cv2.warpAffine(rules, rot, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    return replace(up, image=image, to_source=_compose(up.to_source, back)), np.asarray(turned)


def _compose(second: NDArray[np.float64], first: NDArray[np.float64]) -> NDArray[np.float64]:
    """The 2×3 affine doing ``first`` then ``second``."""
    a = np.vstack([first, [0, 0, 1]])
    b = np.vstack([second, [0, 0, 1]])
    return np.asarray((b @ a)[:2], np.float64)


def _rules(image: Array) -> tuple[Array, Array, Array]:
    """255 on the table's ruling lines (long runs of ink, gaps of a few pixels closed), and
    the horizontal and the vertical ones alone, undilated (for ``_residual``)."""
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
    dilated = np.asarray(cv2.dilate(lines, np.ones((3, 3), np.uint8)), np.uint8)
    return dilated, np.asarray(hor, np.uint8), np.asarray(ver, np.uint8)
