"""Find our print marks on a page image and warp the page onto the PDF's own coordinates.

Order of work, each step narrowing the next: the QR code (zxing-cpp) says which form and page
and which way up the paper is; the page is turned by 90/180/270°; the QR's corners give a
first homography that predicts where the four corner markers are; the markers (nested
squares found by OpenCV contour hierarchy) give the final homography, which undoes skew and a
phone's perspective at once. The output is the page at ``DPI`` in an upright, flat frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import zxingcpp
from numpy.typing import NDArray

from ..render.pdf import MarkInfo, PageGeometry, parse_payload, print_geometry


def _f32(value: object) -> NDArray[np.float32]:
    return np.asarray(value, dtype=np.float32)


__all__ = ["DPI", "Registered", "register", "to_px"]

DPI = 200
SCALE = DPI / 72
Array = NDArray[np.uint8]
_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@dataclass
class Registered:
    image: Array  # BGR, upright, PAGE_W × PAGE_H points at DPI
    info: MarkInfo
    geometry: PageGeometry
    markers_found: int  # 4: registered on the markers; fewer: on the QR code only


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


def register(image: Any) -> Registered | None:
    """The page in ``image`` registered onto its layout, or None if it has no QR of ours."""
    gray: Any = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    found = _read_qr(gray)
    if found is None:
        small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        found = _read_qr(small)
        if found is None:
            return None
        found = (found[0], found[1] * 2, found[2])
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
    pages = print_geometry(info.form, info.rows)
    geo = pages[min(info.page, len(pages)) - 1]
    page_h = geo.size[1]
    x0, y0, x1, y1 = geo.qr
    qr_page = np.array([(x0, y1), (x1, y1), (x1, y0), (x0, y0)], dtype=np.float64)
    # a similarity, not a homography, from the small QR: it extrapolates stably to the corners
    similar, _ = cv2.estimateAffinePartial2D(
        _f32([to_px(x, y, page_h) for x, y in qr_page]), _f32(qr)
    )
    h_qr = np.vstack([similar, [0.0, 0.0, 1.0]])
    px_per_pt = float(np.linalg.norm(qr[1] - qr[0])) / (x1 - x0)
    side = geo.marker_size * px_per_pt
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
    h = cv2.getPerspectiveTransform(_f32(src), _f32(dst)) if len(src) == 4 else np.linalg.inv(h_qr)
    size = (round(geo.size[0] * SCALE), round(page_h * SCALE))
    warped = cv2.warpPerspective(
        image, h, size, flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)
    )
    return Registered(np.asarray(warped, dtype=np.uint8), info, geo, len(src))
