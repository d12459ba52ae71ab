"""What a page looked like before anyone wrote on it, to tell new ink from print.

The QR code names the form and row count, so the reader renders that blank marked page with
the same renderer that printed it and rasterises it at the registration DPI. Ink on the scan
that is not near printed ink is what a person added: a tick that misses its box's middle,
a tick over the box outline, a signature next to printed text. Rendering costs ~0.3 s, once
per form layout and process.
"""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np
from numpy.typing import NDArray

from ..layout import page_for
from ..render.pdf import render_pdf
from ._geometry import DPI, Quad, table_quad
from ._lines import ink_only

__all__ = ["blank_gray", "blank_rules", "blank_table", "fresh_ink", "printed_ink", "rule_fit"]

_SLACK = 7  # px: printed strokes widened by ±3 px for registration error and blur
_INK = 150


@lru_cache(maxsize=8)
def blank_gray(form: str, rows: int, page: int) -> NDArray[np.uint8]:
    """Page ``page`` (1-based) of the blank marked ``form`` at ``DPI``, grey."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    repeat = page_for(form).repeats()[0]
    blank = render_pdf(form, {repeat.list_path: [{}] * rows}, flatten=True, marks=True)
    pdf = pdfium.PdfDocument(blank)
    try:
        rgb = np.asarray(pdf[page - 1].render(scale=DPI / 72, grayscale=True).to_numpy())
    finally:
        pdf.close()
    return np.ascontiguousarray(rgb if rgb.ndim == 2 else rgb[:, :, 0], dtype=np.uint8)


@lru_cache(maxsize=8)
def blank_table(form: str, rows: int, page: int) -> Quad | None:
    """The table's outer corners on the blank page, pixels at ``DPI``."""
    return table_quad(blank_gray(form, rows, page))


@lru_cache(maxsize=8)
def blank_rules(form: str, rows: int, page: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Row and column indices of the blank page's long ruling-line pixels (a sample)."""
    ink = (blank_gray(form, rows, page) < 200).astype(np.uint8)
    hor = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, 120), np.uint8))
    ver = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((120, 1), np.uint8))
    ys, xs = np.nonzero(np.asarray(hor) | np.asarray(ver))
    step = max(1, ys.size // 20000)
    return ys[::step], xs[::step]


def rule_fit(bgr: NDArray[np.uint8], form: str, rows: int, page: int) -> float:
    """Share of the blank's ruling-line pixels that fall on ink (±3 px) of the registered
    page: ~1 when the page sits where the layout says, low when registration is off."""
    ys, xs = blank_rules(form, rows, page)
    if ys.size == 0:
        return 1.0
    dark = (ink_only(bgr) < 170).astype(np.uint8)
    near = cv2.dilate(dark, np.ones((7, 7), np.uint8))
    inside = (ys < near.shape[0]) & (xs < near.shape[1])
    return float(near[ys[inside], xs[inside]].mean()) if inside.any() else 0.0


@lru_cache(maxsize=8)
def printed_ink(form: str, rows: int, page: int) -> NDArray[np.bool_]:
    """Pixels near printed ink on page ``page`` (1-based) of the blank marked ``form``."""
    gray = blank_gray(form, rows, page)
    printed = (gray < 200).astype(np.uint8)
    widened = cv2.dilate(printed, np.ones((_SLACK, _SLACK), np.uint8))
    return np.asarray(widened > 0)


def fresh_ink(bgr: NDArray[np.uint8], printed: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Dark, non-red pixels of the registered page that the blank form does not explain."""
    dark = ink_only(bgr) < _INK
    h = min(dark.shape[0], printed.shape[0])
    w = min(dark.shape[1], printed.shape[1])
    out = np.zeros_like(dark)
    out[:h, :w] = dark[:h, :w] & ~printed[:h, :w]
    return out
