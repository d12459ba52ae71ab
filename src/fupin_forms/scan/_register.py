"""Find our print marks on a page image and warp the page onto the PDF's own coordinates.

Order of work, each step narrowing the next: the QR code (zxing-cpp) says which form and page
and which way up the paper is; a photo is cut to its sheet (``_geometry.find_page``); the page
is turned by 90/180/270°; the QR's corners predict where the four corner markers are; the
markers (nested squares found by OpenCV contour hierarchy) give the final homography, which
undoes skew and a phone's perspective at once. When a marker is lost or disagrees with the
QR code, the table's frame joins the vote. The output is the page at ``DPI`` in an upright,
flat frame with its light evened out, and how well its rules lie on the blank form's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import cv2
import numpy as np
import zxingcpp
from numpy.typing import NDArray

from ..render.pdf import MarkInfo, PageGeometry, parse_payload, print_geometry
from ._blank import blank_table, rule_fit
from ._geometry import DPI, SCALE, find_page, flatten_light, table_quad, warp_quad


def _f32(value: object) -> NDArray[np.float32]:
    return np.asarray(value, dtype=np.float32)


__all__ = ["DPI", "Registered", "register", "to_px"]

Array = NDArray[np.uint8]
_GOOD = 0.95  # rule fit of a registration nobody needs to second-guess
_TOL = 10.0  # px at DPI (1.3 mm): a point farther than this from the homography disagrees
_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@dataclass
class Registered:
    image: Array  # BGR, upright, PAGE_W × PAGE_H points at DPI
    info: MarkInfo
    geometry: PageGeometry
    markers_found: int  # corner markers that agree with the final homography
    fit: float = 1.0  # share of the blank's ruling lines found on ink (``rule_fit``)


def to_px(x: float, y: float, page_h: float) -> tuple[float, float]:
    """PDF points (origin bottom-left) to pixels of the registered image."""
    return x * SCALE, (page_h - y) * SCALE


def _read_qr(gray: Any) -> tuple[MarkInfo, NDArray[np.float64], int] | None:
    qr_only: Any = zxingcpp.BarcodeFormat.QRCode
    for result in zxingcpp.read_barcodes(gray, formats=qr_only):
        info = parse_payload(result.text)
        if info is not None:
            p = result.position
            corners = [(c.x, c.y) for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)]
            return info, np.array(corners, dtype=np.float64), int(result.orientation)
    return None


def _marker_candidates(gray: Any, side: float) -> list[tuple[float, float]]:
    """Centres of nested-square blobs (square with a hole with a core) about ``side`` px."""
    binary = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 51, 15
    )
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    tree = hierarchy[0]
    out = []
    for i, contour in enumerate(contours):
        child = tree[i][2]
        if child < 0 or tree[child][2] < 0:
            continue
        _x, _y, w, h = cv2.boundingRect(contour)
        if not (0.72 * side < max(w, h) < 1.8 * side) or not (0.6 < w / max(h, 1) < 1.6):
            continue
        area = cv2.contourArea(contour)
        if area < 0.6 * w * h:  # a square, not a ring of text strokes
            continue
        m = cv2.moments(contour)
        out.append((m["m10"] / m["m00"], m["m01"] / m["m00"]))
    return out


def _bilevel(gray: Any) -> bool:
    """Only black and white pixels (a fax, a 1-bit scan), judged on every 16th row."""
    sample = np.asarray(gray[::16])
    return bool(((sample == 0) | (sample == 255)).mean() > 0.98)


def _upright_qr(image: Any) -> tuple[Any, Any, MarkInfo, NDArray[np.float64]] | None:
    """``image`` turned so its QR code reads upright, its grey copy, the QR's payload and
    corners; None when there is no QR code of ours."""
    gray: Any = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    found = _read_qr(gray)
    if found is None:
        small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        found = _read_qr(small)
        if found is not None:
            found = (found[0], found[1] * 2, found[2])
    if found is None and _bilevel(gray):
        # a bi-level fax: specks and broken modules defeat the decoder; a 3×3 median
        # removes the one and closes the other without moving an edge
        found = _read_qr(cv2.medianBlur(gray, 3))
    if found is None:
        return None
    info, qr, _ = found
    angle = np.degrees(np.arctan2(qr[1, 1] - qr[0, 1], qr[1, 0] - qr[0, 0]))
    turn = round(-angle / 90) % 4 * 90
    if turn:
        image = cv2.rotate(image, _ROTATE[turn])
        gray = cv2.rotate(gray, _ROTATE[turn])
        again = _read_qr(gray)
        if again is None:
            return None
        info, qr, _ = again
    return image, gray, info, qr


def _markers(gray: Any, geo: PageGeometry, h_qr: NDArray[np.float64], side: float
             ) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:  # fmt: skip
    """Corner markers found near where ``h_qr`` (page px → image px) predicts them:
    (image points, page points)."""
    page_h = geo.size[1]
    candidates = _marker_candidates(gray, side)
    src, dst = [], []
    for mx, my in geo.markers:
        target = to_px(mx, my, page_h)
        guess = cv2.perspectiveTransform(_f32([[target]]), h_qr)[0, 0]
        near = [c for c in candidates if np.hypot(c[0] - guess[0], c[1] - guess[1]) < 6 * side]
        if near:
            best = min(near, key=lambda c: np.hypot(c[0] - guess[0], c[1] - guess[1]))
            src.append(best)
            dst.append(target)
    return src, dst


def _solve(src: list[Any], dst: list[Any], tol: float) -> tuple[NDArray[np.float64] | None, int]:
    """The homography (image → page px) agreed by most point pairs, and how many agree."""
    if len(src) < 4:
        return None, 0
    h, inliers = cv2.findHomography(_f32(src), _f32(dst), cv2.RANSAC, tol)
    if h is None:
        return None, 0
    return np.asarray(h, np.float64), int(np.asarray(inliers).sum())


def register(image: Any) -> Registered | None:
    """The page in ``image`` registered onto its layout, or None if it has no QR of ours.

    A photo is first cut to its sheet of paper (``find_page``), which undoes most of the
    perspective. Then every known point votes: the four corner markers, the QR code's
    corners and the table frame's corners (``table_quad`` on the page and on the blank
    form); a RANSAC homography keeps the points that agree, so a lost, covered or
    misplaced marker cannot pull the page askew, and no similarity is ever used for the
    final warp."""
    first = _upright_qr(image)
    if first is None:
        return None
    quad = find_page(image)
    cut: Registered | None = None
    if quad is not None:
        flat, _ = warp_quad(image, quad, round(595.28 * SCALE))
        again = _upright_qr(flat)
        if again is not None:
            cut = _register(*again)
            if cut is not None and cut.fit >= _GOOD and cut.markers_found == 4:
                return cut
    whole = _register(*first)
    if cut is not None:
        return cut if whole is None or cut.fit > whole.fit else whole
    return whole


@lru_cache(maxsize=16)
def _geometry(form: str, rows: int) -> tuple[PageGeometry, ...]:
    """``print_geometry``, laid out once per form and row count (~15 ms each time)."""
    return tuple(print_geometry(form, rows))


def _register(image: Any, gray: Any, info: MarkInfo, qr: NDArray[np.float64]) -> Registered | None:
    """The upright ``image`` (QR ``info`` with corners ``qr``) warped onto its layout."""
    pages = _geometry(info.form, info.rows)
    geo = pages[min(info.page, len(pages)) - 1]
    page_h = geo.size[1]
    x0, y0, x1, y1 = geo.qr
    qr_page = _f32([to_px(x, y, page_h) for x, y in ((x0, y1), (x1, y1), (x1, y0), (x0, y0))])
    # a similarity from the small QR only *predicts* where the markers are
    similar, _ = cv2.estimateAffinePartial2D(qr_page, _f32(qr))
    h_qr = np.vstack([similar, [0.0, 0.0, 1.0]])
    px_per_pt = float(np.linalg.norm(qr[1] - qr[0])) / (x1 - x0)
    side = geo.marker_size * px_per_pt
    src, dst = _markers(gray, geo, h_qr, side)
    found = len(src)
    tol = _TOL
    h, agree = (cv2.getPerspectiveTransform(_f32(src), _f32(dst)), 4) if found == 4 else (None, 0)
    if h is not None:
        back = cv2.perspectiveTransform(_f32([qr]), h)[0]
        if float(np.abs(back - qr_page).max()) > tol:
            h, agree = None, 0  # the markers disagree with the QR code: one is misplaced
    if h is None:
        pts_src = list(src) + [tuple(p) for p in qr]
        pts_dst = list(dst) + [tuple(p) for p in qr_page]
        frame = table_quad(gray)
        blank = blank_table(info.form, info.rows, geo.page)
        if frame is not None and blank is not None:
            pts_src += [tuple(p) for p in frame]
            pts_dst += [tuple(p) for p in blank]
        h, agree = _solve(pts_src, pts_dst, tol)
        if h is None or agree < 6:
            return None
        found = sum(1 for s, d in zip(src, dst, strict=True) if _near(h, s, d, tol))
    size = (round(geo.size[0] * SCALE), round(page_h * SCALE))
    warped = cv2.warpPerspective(
        image, h, size, flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)
    )
    page = flatten_light(np.asarray(warped, dtype=np.uint8), 10 * SCALE)
    fit = rule_fit(page, info.form, info.rows, geo.page)
    return Registered(page, info, geo, found, fit)


def _near(h: NDArray[np.float64], src: Any, dst: Any, tol: float) -> bool:
    p = cv2.perspectiveTransform(_f32([[src]]), h)[0, 0]
    return bool(np.hypot(p[0] - dst[0], p[1] - dst[1]) <= tol)
