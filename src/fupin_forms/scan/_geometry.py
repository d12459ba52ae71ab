"""Where the paper and the table are on a photo, and light made even, before any reading.

A phone photo is not a scan: the sheet lies on a table (darker than paper) under a keystone
perspective, and lamp or hand shadows darken part of it. Three measures, each from the
picture alone, so both the marked and the unmarked reader can use them:

- ``find_page``: the sheet's four corners, as the biggest bright convex quadrilateral.
  Warping those onto an A4 rectangle undoes the perspective before markers or rules are
  looked for (a similarity from the small QR code cannot: it bends the far corners).
- ``table_quad``: the table's outer frame, from long ruling lines fitted as straight lines
  (Hough segments, then a least-squares fit per side) and intersected; it solves the same
  perspective when the paper's edge is not visible or a corner marker is lost.
- ``flatten_light``: the paper's brightness estimated by a large-kernel closing (text and
  rules vanish, paper and shadow stay) and divided out, so one threshold fits the page.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

__all__ = [
    "DPI", "SCALE", "find_page", "flatten_light", "order_quad", "square_table", "table_quad",
    "warp_quad",
]

DPI = 200  # the registered page's resolution
SCALE = DPI / 72  # pixels per PDF point
Array = NDArray[np.uint8]
_ASPECT = (1.2, 1.7)  # A4 is 1.414; a phone's perspective shortens one side by ≤ ~15 %
_EVEN = 24  # grey levels of paper brightness spread under which light counts as even
Quad = NDArray[np.float32]  # 4 × 2: top-left, top-right, bottom-right, bottom-left
A4 = 297 / 210


def order_quad(pts: Any) -> Quad:
    """Four points as TL, TR, BR, BL."""
    p = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    s, d = p.sum(axis=1), np.diff(p, axis=1).ravel()
    return np.asarray([p[np.argmin(s)], p[np.argmin(d)], p[np.argmax(s)], p[np.argmax(d)]],
                      dtype=np.float32)  # fmt: skip


def flatten_light(bgr: Array, em: float = 25.0) -> Array:
    """``bgr`` divided by its own paper brightness, per channel: shadows and light
    gradients go, ink keeps its contrast to the paper around it. Cheap: the background
    is estimated on a quarter-size copy. An evenly lit page is returned untouched."""
    h, w = bgr.shape[:2]
    f = 4
    small = cv2.resize(bgr, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
    k = max(3, int(1.6 * em / f) | 1)  # wider than a stroke or a rule, narrower than a shadow
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    back = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    back = cv2.medianBlur(back, k if k <= 255 else 255)
    level = cv2.cvtColor(back, cv2.COLOR_BGR2GRAY) if back.ndim == 3 else back
    low, high = np.percentile(level, (5, 95))
    if high - low < _EVEN:
        return bgr  # evenly lit already (a flatbed scan): leave the pixels as they are
    back = cv2.resize(back, (w, h), interpolation=cv2.INTER_LINEAR)
    back = np.maximum(back, 40)  # a black border is not paper
    return np.asarray(cv2.divide(bgr, back, scale=245.0), dtype=np.uint8)


def find_page(bgr: Array) -> Quad | None:
    """Corners of the sheet of paper (pixels of ``bgr``), or None when no sheet stands out
    from its surroundings (a flatbed scan, a photo filling the frame). The sheet is the
    bright region, or, when a shadow splits that, the unsaturated one (paper is grey or
    white in any light; a desk, wood or cloth, has colour)."""
    h, w = bgr.shape[:2]
    scale = 800 / max(h, w)
    small = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    quad = _sheet(np.asarray(bright, np.uint8))
    if quad is None:
        sat = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)[:, :, 1]
        _, grey = cv2.threshold(sat, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
        paper = np.asarray(grey, np.uint8) & ((np.asarray(gray) > 60).astype(np.uint8) * 255)
        quad = _sheet(np.asarray(paper, np.uint8))
    if quad is None or _paper_around(np.asarray(gray, np.uint8), quad):
        return None
    return np.asarray(quad / scale, dtype=np.float32)


def _paper_around(gray: Array, quad: Quad) -> bool:
    """Is the land around ``quad`` as bright as inside it? Then it is paper, and the quad
    is a table's frame on a flatbed scan, not a sheet's edge (warping that frame onto A4
    cut the title off and stretched the table)."""
    inside = np.zeros(gray.shape, np.uint8)
    cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 255)
    outer = np.asarray(cv2.dilate(inside, np.ones((25, 25), np.uint8)), np.uint8)
    inner = np.asarray(cv2.dilate(inside, np.ones((9, 9), np.uint8)), np.uint8)
    ring = (outer > 0) & (inner == 0)
    if not ring.any():
        return False
    out = float(np.median(gray[ring]))
    paper = float(np.percentile(gray[inside > 0], 90))
    return out > 0.85 * paper


def _sheet(mask: Array) -> Quad | None:
    """The biggest region of ``mask`` if it is a quadrilateral with A4's proportions."""
    mask = np.asarray(cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8)), np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    big = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(big)
    sh, sw = mask.shape
    if area < 0.2 * sh * sw or area > 0.97 * sh * sw:
        return None
    hull = cv2.convexHull(big)
    peri = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            quad = approx
            break
    if quad is None:
        return None
    q = order_quad(quad)
    if cv2.contourArea(q) < 0.85 * area:
        return None  # not a quadrilateral sheet (a torn or folded page): leave it
    sides = np.linalg.norm(q - np.roll(q, -1, axis=0), axis=1)
    ratio = (sides[1] + sides[3]) / max(sides[0] + sides[2], 1.0)
    if not _ASPECT[0] < max(ratio, 1 / ratio) < _ASPECT[1]:
        return None  # not a whole A4 sheet: a shadow cut it, or it is something else
    touching = ((q[:, 0] < 3) | (q[:, 0] > sw - 4) | (q[:, 1] < 3) | (q[:, 1] > sh - 4)).sum()
    if touching >= 2:
        return None  # the frame's edge, not the paper's
    return q


def warp_quad(bgr: Array, quad: Quad, width: int) -> tuple[Array, NDArray[np.float64]]:
    """The A4 portrait (or landscape, if the quad is wider) page inside ``quad``, ``width``
    px wide, and the homography from ``bgr`` to it."""
    top = float(np.linalg.norm(quad[1] - quad[0]))
    left = float(np.linalg.norm(quad[3] - quad[0]))
    ratio = A4 if left >= top else 1 / A4
    height = round(width * ratio)
    dst = np.asarray([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]],
                     dtype=np.float32)  # fmt: skip
    m = cv2.getPerspectiveTransform(quad, dst)
    out = cv2.warpPerspective(bgr, m, (width, height), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REPLICATE)  # fmt: skip
    return np.asarray(out, np.uint8), np.asarray(m, np.float64)


def square_table(bgr: Array) -> tuple[Array, NDArray[np.float64]] | None:
    """The page warped so its table's frame is a rectangle (same place, same size), and
    the homography used; None when no frame is found. For a photo whose paper edge is
    not seen: the table's rules are the only straight lines it is known to have."""
    gray = np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY) if bgr.ndim == 3 else bgr, np.uint8)
    quad = table_quad(gray)
    if quad is None:
        return None
    sides = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    w, h = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    x0, y0 = float(quad[:, 0].min()), float(quad[:, 1].min())
    dst = np.asarray([[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h]], np.float32)
    m = cv2.getPerspectiveTransform(quad, dst)
    out = cv2.warpPerspective(bgr, m, (bgr.shape[1], bgr.shape[0]), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REPLICATE)  # fmt: skip
    return np.asarray(out, np.uint8), np.asarray(m, np.float64)


def _fit(segs: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    pts = np.asarray([(s[0], s[1]) for s in segs] + [(s[2], s[3]) for s in segs], np.float32)
    vx, vy, x0, y0 = cv2.fitLine(pts, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return float(vx), float(vy), float(x0), float(y0)


def _cross(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, float]:
    (ax, ay, ax0, ay0), (bx, by, bx0, by0) = a, b
    m = np.array([[ax, -bx], [ay, -by]], np.float64)
    t = np.linalg.solve(m, np.array([bx0 - ax0, by0 - ay0], np.float64))
    return ax0 + ax * t[0], ay0 + ay * t[0]


def table_quad(gray: Array) -> Quad | None:
    """The four outer corners of the biggest ruled table in ``gray`` (an upright page,
    perspective allowed), or None when no frame of long lines is found."""
    h, w = gray.shape[:2]
    scale = 1200 / max(h, w)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    # thin dark strokes only (black-hat): the paper's edge against a dark table is a step,
    # not a line, and must not pass for the table's frame
    hat = cv2.morphologyEx(small, cv2.MORPH_BLACKHAT, np.ones((9, 9), np.uint8))
    _, binary = cv2.threshold(hat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    sh, sw = binary.shape
    segs = cv2.HoughLinesP(binary, 1, np.pi / 720, 120, minLineLength=int(0.12 * min(sh, sw)),
                           maxLineGap=6)  # fmt: skip
    if segs is None:
        return None
    hor: list[tuple[float, float, float, float]] = []
    ver: list[tuple[float, float, float, float]] = []
    for x0, y0, x1, y1 in np.asarray(segs).reshape(-1, 4).astype(float).tolist():
        a = np.degrees(np.arctan2(y1 - y0, x1 - x0)) % 180
        if a < 12 or a > 168:
            hor.append((x0, y0, x1, y1))
        elif 78 < a < 102:
            ver.append((x0, y0, x1, y1))
    if len(hor) < 2 or len(ver) < 2:
        return None
    sides = []
    for group, axis, lo in ((hor, 1, True), (hor, 1, False), (ver, 0, True), (ver, 0, False)):
        length = np.asarray([np.hypot(s[2] - s[0], s[3] - s[1]) for s in group])
        pos = np.asarray([(s[axis] + s[axis + 2]) / 2 for s in group])
        span = sw if axis == 1 else sh
        # a frame side: a long total of segments along one line, the outermost such line
        order = np.argsort(pos if lo else -pos)
        chosen = None
        for i in order:
            near = np.abs(pos - pos[i]) < 0.006 * span + 3
            if length[near].sum() > 0.35 * (sw if axis == 1 else sh):
                chosen = [group[j] for j in np.flatnonzero(near)]
                break
        if chosen is None:
            return None
        sides.append(_fit(chosen))
    top, bottom, left, right = sides
    try:
        corners = [
            _cross(top, left),
            _cross(top, right),
            _cross(bottom, right),
            _cross(bottom, left),
        ]
    except np.linalg.LinAlgError:
        return None
    q = np.asarray(np.asarray(corners, np.float32) / scale, dtype=np.float32)
    if cv2.contourArea(q) < 0.15 * h * w:
        return None
    return q
