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
from ._lines import ink_only
from ._register import DPI

__all__ = ["fresh_ink", "printed_ink"]

_SLACK = 7  # px: printed strokes widened by ±3 px for registration error and blur
_INK = 150


@lru_cache(maxsize=8)
def printed_ink(form: str, rows: int, page: int) -> NDArray[np.bool_]:
    """Pixels near printed ink on page ``page`` (1-based) of the blank marked ``form``."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    repeat = page_for(form).repeats()[0]
    blank = render_pdf(form, {repeat.list_path: [{}] * rows}, flatten=True, marks=True)
    pdf = pdfium.PdfDocument(blank)
    try:
        rgb = np.asarray(pdf[page - 1].render(scale=DPI / 72, grayscale=True).to_numpy())
    finally:
        pdf.close()
    gray = rgb if rgb.ndim == 2 else rgb[:, :, 0]
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
