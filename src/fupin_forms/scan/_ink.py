"""Reading marks that are not text: check boxes, red stamps and signatures, by pixels.

Never by OCR: a tick is a stroke, not a character (RapidOCR drops ``☑`` anyway). A box's
state is the share of dark pixels inside it, away from its printed outline; between the two
thresholds it is *doubtful* and gets a low confidence so a person looks at it. A stamp is a
large red component, roughly round or square, whose centre lies in the approval box.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

__all__ = [
    "UNSEEN",
    "BoxReading",
    "colourless",
    "dark_share",
    "read_box",
    "read_tick",
    "red_mask",
    "stamp_present",
    "within",
]

Array = NDArray[np.uint8]
CHECKED, EMPTY = 0.10, 0.035  # dark share inside the box; in between is doubtful
TICKED, UNTICKED = 0.04, 0.015  # new ink around the box per box area (``read_tick``)


@dataclass(frozen=True)
class BoxReading:
    checked: bool
    confidence: float
    share: float


def red_mask(bgr: Array) -> Array:
    """255 where the pixel is stamp red (both ends of the hue circle, saturated)."""
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    low = cv2.inRange(hsv, (0, 70, 70), (12, 255, 255))
    high = cv2.inRange(hsv, (160, 70, 70), (180, 255, 255))
    return np.asarray(cv2.bitwise_or(low, high), dtype=np.uint8)


UNSEEN = 0.6  # the confidence of "not stamped" where a seal could not be seen (``colourless``)


def colourless(bgr: Array) -> bool:
    """A capture without colour (grey or bi-level scan, fax, copy on a mono copier): no
    pixel's channels differ, so a red seal cannot be told from print by its colour and "no
    red" says nothing about a stamp. A colour scan's paper and pen differ by a few levels
    at least (JPEG alone does that)."""
    small = bgr[::4, ::4].astype(np.int16) if bgr.ndim == 3 else None
    if small is None or small.size == 0:
        return True
    chroma = small.max(axis=2) - small.min(axis=2)
    return float(np.percentile(chroma, 99.9)) <= 3


def dark_share(bgr: Array) -> float:
    """Share of dark, non-red pixels: pen or pencil ink, not a stamp."""
    if bgr.size == 0:
        return 0.0
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    dark = (gray < 150) & (red_mask(bgr) == 0)
    return float(dark.mean())


def read_box(bgr: Array) -> BoxReading:
    """A check box cropped to its printed square: the inner 56 % decides."""
    h, w = bgr.shape[:2]
    inner = bgr[int(h * 0.22) : int(h * 0.78), int(w * 0.22) : int(w * 0.78)]
    share = dark_share(inner)
    if share >= CHECKED:
        return BoxReading(True, min(1.0, 0.9 + share), share)
    if share <= EMPTY:
        return BoxReading(False, 1.0 - share * 4, share)
    # doubtful: lean to the nearer threshold, confidence at most 0.6
    checked = share >= (CHECKED + EMPTY) / 2
    return BoxReading(checked, 0.5 + abs(share - (CHECKED + EMPTY) / 2), share)


def seal_centres(mask: Array, radius: float) -> list[tuple[float, float]]:
    """Centres of round seals about ``radius`` px in the red ``mask`` (Hough on the ring):
    seals of neighbouring approval boxes overlap, so connected components would merge them.
    The search runs on a half-size mask (a 4 cm ring needs no 200 dpi): 4× less work."""
    half = cv2.resize(mask, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    blurred = cv2.GaussianBlur(half, (5, 5), 1)
    r = radius / 2
    circles = cv2.HoughCircles(
        blurred, cv2.HOUGH_GRADIENT, dp=1, minDist=r * 0.8, param1=100, param2=30,
        minRadius=int(r * 0.6), maxRadius=int(r * 1.4),
    )  # fmt: skip
    if circles is None:
        return []
    return [(2 * float(x), 2 * float(y)) for x, y, _ in circles[0]]


def within(points: list[tuple[float, float]], rect: tuple[int, int, int, int]) -> bool:
    """Does any of ``points`` (x, y) lie in ``rect`` (x0, y0, x1, y1), edges included?"""
    x0, y0, x1, y1 = rect
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in points)


def stamp_present(
    centres: list[tuple[float, float]], mask: Array, area: tuple[int, int, int, int],
    cell: tuple[int, int, int, int] | None = None,
) -> tuple[bool, float]:  # fmt: skip
    """Is a seal centred in ``area`` (x0, y0, x1, y1 pixels)? Returns (present, confidence).

    ``cell``: the whole approval cell, where a seal's ring also counts: an office seals
    where there is room, often over its opinion left of the printed （盖章） (a held-out
    set had four such seals, each read "not stamped" at 0.95). A ring is a seal's shape,
    never a red pen's; red without a ring is still looked for in ``area`` only, since red
    writing in the opinion is no seal."""
    for x0, y0, x1, y1 in (area,) if cell is None else (area, cell):
        if within(centres, (x0, y0, x1, y1)):
            return True, 0.97
    x0, y0, x1, y1 = area
    red = float((mask[y0:y1, x0:x1] > 0).mean()) if mask[y0:y1, x0:x1].size else 0.0
    if red > 0.08:  # much red but no ring found: say so, let a person look
        return True, 0.55
    return False, 0.95 if red < 0.01 else 0.7


def read_tick(fresh: NDArray[np.bool_], square: tuple[int, int, int, int]) -> BoxReading:
    """A check box by the *new* ink (see ``_blank``) on and around its printed square
    (x0, y0, x1, y1 pixels): a hand tick often starts inside and leaves over the top right,
    or crosses only a corner; the printed outline and label are not counted."""
    x0, y0, x1, y1 = square
    side = max(1, x1 - x0)
    m = int(0.5 * side)
    region = fresh[max(0, y0 - m) : y1 + m, max(0, x0 - m) : x1 + m]
    share = float(region.sum()) / (side * side)
    if share >= TICKED:
        return BoxReading(True, min(1.0, 0.9 + share), share)
    if share <= UNTICKED:
        return BoxReading(False, 1.0 - share * 4, share)
    checked = share >= (TICKED + UNTICKED) / 2
    return BoxReading(checked, 0.5 + abs(share - (TICKED + UNTICKED) / 2), share)
