"""Seals too pale or worn for the red mask: found on the page's redness, for a person to see.

A worn or lightly inked seal prints as pink speckle: most of its pixels fall under the red
mask's saturation floor (``_ink.red_mask``), its ring breaks into dots, and the mask's ring
search finds nothing, so the office's stamp came back "not stamped" at 0.95. On a held-out
set 57 stamps on paper were read so, 25 of them on our own and unmarked prints.

Here the search runs on a continuous redness, ``R - max(G, B) - |G - B|``: a seal's red has
green and blue alike, while a tea stain or a skin tone is orange-brown (green well over blue)
and scores nothing. Rings are found by the same circle transform at half size, less strict.
A ring found only here is evidence, never certainty: the caller says "stamped" below the
review threshold (``FAINT_SEAL``), so a phantom ring (arcs of two overlapping seals can make
one) is looked at by a person, never trusted. Measured on our fixtures' raw pages: no ring
on any photo without a seal; every seal the red mask found is found here too.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

__all__ = ["FAINT_SEAL", "faint_seals"]

FAINT_SEAL = 0.6  # the confidence of a seal found only on the page's redness

_GAIN = 2  # redness 40 (a pale seal) → 80 in the search image
_VOTES = 25  # the circle transform's accumulator threshold (the red mask's search: 30)


def faint_seals(
    bgr: NDArray[np.uint8], radius: float, known: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Centres (page pixels) of seal rings about ``radius`` px on the colour page ``bgr``
    that no centre in ``known`` (the red mask's seals) already stands for."""
    if bgr.ndim != 3 or min(bgr.shape[:2]) < 8:
        return []
    half = cv2.resize(bgr, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    b, g, r = (half[..., i].astype(np.int16) for i in range(3))
    red = np.clip((r - np.maximum(g, b) - np.abs(g - b)) * _GAIN, 0, 255).astype(np.uint8)
    if not red.any():
        return []
    r2 = radius / 2
    circles = cv2.HoughCircles(
        cv2.GaussianBlur(red, (5, 5), 0), cv2.HOUGH_GRADIENT, dp=1, minDist=r2 * 0.8,
        param1=60, param2=_VOTES, minRadius=int(r2 * 0.45), maxRadius=int(r2 * 1.4),
    )  # fmt: skip
    if circles is None:
        return []
    found = [(2 * float(x), 2 * float(y)) for x, y, _ in circles[0]]
    return [(x, y) for x, y in found if all(np.hypot(x - kx, y - ky) > radius for kx, ky in known)]
