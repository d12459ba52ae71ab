"""Cutting a field zone into text lines by ink, so OCR can skip text detection.

The layout says where every value is, so finding text on the whole page (RapidOCR's
detection model, ~2 s a page) is wasted work: a zone's ink, projected onto its rows, falls
into runs, one per written line. Each run, trimmed to its ink, is a line image for the
recognition model alone.

Ink is read on the *red channel*: a red seal is bright there and vanishes, while black print
and blue pen stay dark, also where a seal was multiplied over them (dark red). A hard red
mask instead erased the anti-aliased edges of digits under the seal and broke the dates.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

__all__ = ["LineCut", "faint_level", "ink_gray", "ink_mask", "ink_only", "lift_faint", "split_lines"]

Gray = NDArray[np.uint8]
_INK = 150  # red-channel level below which a pixel is ink
_RULE = 0.6  # a row or column inked over this share of the zone is a ruling line's remnant
_FAINT = 0.3  # percentile of a zone's pixels taken as its writing's ink level
_CONTRAST = 50  # grey levels between paper and that ink: less, and the zone has no writing
_INK_TO = 60  # the level a faint writing's ink is lifted to (print's level in a scan)
_REACH = 0.8  # ems a line is followed past its zone's edge, through rows of ink
_TALL = 2.6  # ems: a run this tall is more than one line, valley or not
_VALLEY = 0.35  # share of the run's fullest row below which a row is a gap between lines


@dataclass(frozen=True)
class LineCut:
    """One line in zone pixels: rows y0:y1, ink columns x0:x1 (padded); ``end`` is the
    column after its last ink, where a paragraph break shows as an early stop."""

    y0: int
    y1: int
    x0: int
    x1: int
    end: int


def ink_gray(bgr: NDArray[np.uint8]) -> Gray:
    """The page as seen through a red filter, for the recogniser: stamps fade to paper,
    pen and print stay, including the dark-red edges of print under a seal."""
    return np.ascontiguousarray(bgr[:, :, 2])


def ink_only(bgr: NDArray[np.uint8]) -> Gray:
    """``ink_gray`` with stamp residue lifted to paper, for deciding *where* ink is.

    A JPEG halves the colour resolution, so a thin red stroke comes back with a red channel
    near 150, not 215; its redness (red over the larger of green and blue) lifts it back.
    Not for the recogniser: the same lift thins digits under a seal (2016 → 016)."""
    # r + max(r - max(g, b), 0), clipped to 255: OpenCV's saturating uint8 arithmetic does
    # both clips, without the three int16 copies of the page (~20 ms a page, three a page)
    b, g, r = (np.ascontiguousarray(bgr[:, :, i]) for i in range(3))
    excess = cv2.subtract(r, cv2.max(g, b))
    return np.asarray(cv2.add(r, excess), dtype=np.uint8)


def _levels(sample: Gray) -> tuple[float, float] | None:
    """A faint zone's (ink, paper) levels, or None when its writing is dark enough, or
    there is none (nothing this far below paper)."""
    flat = sample.ravel()
    if flat.size == 0:
        return None
    k_ink, k_paper = int(_FAINT / 100 * flat.size), flat.size // 2
    part = np.partition(flat, (k_ink, k_paper))
    ink, paper = float(part[k_ink]), float(part[k_paper])
    if paper - ink < _CONTRAST or ink <= _INK_TO + 0.15 * (paper - _INK_TO):
        return None
    return ink, paper


def faint_level(sample: Gray) -> float | None:
    """The level below which a pixel is ink in a zone whose writing ``lift_faint`` lifts:
    the level it lifts to ``_INK``. None for a zone it leaves as it is. Ink past the zone's
    edge is looked for at this level too (a light hand's last character written over the
    rule is ink at 180, none of it below ``_INK``)."""
    levels = _levels(sample)
    if levels is None:
        return None
    ink, paper = levels
    return paper - (paper - _INK) * (paper - ink) / (paper - _INK_TO)


def lift_faint(where: Gray, gray: Gray, sample: Gray | None = None) -> tuple[Gray, Gray]:
    """A zone whose writing is faint (a blurred phone photo of a thin pen: strokes at 170
    on paper at 245, none below ``_INK``) stretched so its writing is as dark as print,
    the same map on ``where`` (``ink_only``) and ``gray`` (``ink_gray``): the line cutter
    finds it and the recogniser sees contrast. Zones with dark ink, and zones without
    writing (nothing this far below paper), are returned as they are. The levels are
    measured on ``sample`` (the zone inside a taller window, without its ruling lines)
    when given."""
    levels = _levels(where if sample is None else sample)
    if levels is None:
        return where, gray
    ink, paper = levels
    gain = (paper - _INK_TO) / (paper - ink)

    def lift(image: Gray) -> Gray:
        out = paper - (paper - image.astype(np.float32)) * gain
        return np.asarray(np.clip(out, 0, 255), dtype=np.uint8)

    return lift(where), lift(gray)


def _runs(profile: NDArray[np.bool_]) -> list[tuple[int, int]]:
    padded = np.concatenate([[False], profile, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _ink(gray: Gray, level: int = _INK) -> NDArray[np.bool_]:
    ink = gray < level
    h, w = ink.shape
    ink[ink.sum(axis=1) > _RULE * w, :] = False
    ink[:, ink.sum(axis=0) > _RULE * h] = False
    return ink


def ink_mask(gray: Gray, level: int = _INK) -> NDArray[np.bool_]:
    """Where ``split_lines`` sees ink in a zone crop (ruling lines' remnants taken out);
    a higher ``level`` also sees a light pen's strokes."""
    return _ink(gray, level)


def _barriers(gray: Gray, em: float) -> NDArray[np.bool_]:
    """Rows holding a long horizontal stroke: a cell's ruling line, also tilted a little
    on a photo (its pieces per row are still far longer than any character's stroke)."""
    raw = (gray < _INK).astype(np.uint8)
    length = max(3, int(min(3 * em, 0.5 * gray.shape[1])))
    opened = cv2.morphologyEx(raw, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    return np.asarray(opened.any(axis=1))


def split_lines(
    gray: Gray, em: float, inner: tuple[int, int] | None = None, tail: float = 0.6
) -> list[LineCut]:
    """Lines of text in a zone crop ``gray`` whose characters are about ``em`` px tall.

    With ``inner`` (rows top, bottom of the zone inside a taller window ``gray``), lines
    are found in the zone, and a line whose ink runs over the zone's top or bottom edge
    (a hand writing high or low in its cell, a photo's page bent a little) is followed
    outward through rows of ink, up to ``_REACH`` em, never across a ruling line: its
    characters are read whole instead of their lower or upper half. ``tail``: ems of
    white kept after the last dark ink, for a faint 。 (the marked reader keeps 1 em: a
    10-pt zone's 0.6 em cut the 。 of larger writing in half)."""
    ink = _ink(gray)
    h, w = ink.shape
    top, bottom = inner if inner is not None else (0, h)
    rows = ink.sum(axis=1)
    inside = rows >= 2
    inside[:top] = False
    inside[bottom:] = False
    runs = _runs(inside)
    merged: list[tuple[int, int]] = []
    for a, b in runs:  # 二, 三 and loose hand-written glyphs leave gaps inside one line
        if merged and a - merged[-1][1] < 0.22 * em and b - merged[-1][0] < 1.3 * em:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    cuts: list[tuple[int, int]] = []
    for a, b in merged:
        while b - a > 1.75 * em:  # lines touching: cut at the emptiest row near one pitch
            lo, hi = a + int(0.7 * em), min(b - int(0.5 * em), a + int(1.6 * em))
            cut = lo + int(np.argmin(rows[lo:hi])) if hi > lo else a + int(em)
            if b - a < _TALL * em and rows[cut] > _VALLEY * rows[a:b].max():
                break  # no valley: one large or slanted line, not two (cut, its lower
                # half would be read as a line of its own)
            cuts.append((a, cut))
            a = cut
        cuts.append((a, b))
    wall = _barriers(gray, em) if inner is not None else np.zeros(h, dtype=bool)
    wall[top:bottom] = False  # a strike-through inside the zone is writing, not a rule
    reach = int(_REACH * em)
    out = []
    for a0, b0 in cuts:
        a, b = a0, b0
        while a0 == top and a > max(0, top - reach) and rows[a - 1] >= 2 and not wall[a - 1]:
            a -= 1
        while b0 == bottom and b < min(h, bottom + reach) and rows[b] >= 2 and not wall[b]:
            b += 1
        cols = np.flatnonzero(ink[a:b].any(axis=0))
        if cols.size == 0 or int(ink[a:b].sum()) < 0.012 * em * em:
            continue  # a speck of noise; a lone 。 is more
        clipped = (a0 == top and (a == 0 or wall[a - 1] or rows[a - 1] >= 2)) or (
            b0 == bottom and (b == h or wall[b] or rows[b] >= 2)
        )
        if clipped and b - a < 0.5 * em:
            continue  # the clipped tip of a tick or stroke from the next cell
        pad = max(3, int(0.18 * em))
        y0 = max(0 if a < a0 else top, a - pad)
        y1 = min(h if b > b0 else bottom, b + pad)
        above, below = np.flatnonzero(wall[y0:a]), np.flatnonzero(wall[b:y1])
        y0 = y0 + int(above[-1]) + 1 if above.size else y0  # never a ruling line in the crop
        y1 = b + int(below[0]) if below.size else y1
        out.append(
            LineCut(
                y0, y1, max(0, int(cols[0]) - pad),
                min(w, int(cols[-1]) + 1 + int(tail * em)), int(cols[-1]) + 1,
            )
        )  # fmt: skip
    return out
