"""A count's digits against its ink: does the ink hold as many digits, as wide, as were read?

A hand's 4 whose cross-stroke came out light is a 1 to the recogniser, and to its second
look (``_probe``) too: the binarised copy loses the light strokes, the grey one sees one dark
upright, both at 0.99 (参加人次 48 read 18). The recogniser's probabilities cannot doubt it;
the ink can. Seen at a light threshold (faint strokes kept), the ink falls into glyphs
(pieces that overlap in x are one glyph), and:

- there must be no more glyphs than digits read: one more is a digit dropped (two digits'
  ink read as one);
- a 1 is an upright stroke: its glyph, alone under it, is narrow; a glyph as wide as the
  other digits read as 1 is a 4 or 7 with a light stroke.

Calibrated on count, postcode, phone and 序号 lines read right in the degraded and blind
sets (see ``tests/test_scan_overflow.py``): a 1 read right stayed below the width limit.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

__all__ = ["DIGIT_FIELDS", "TRACE", "digit_doubt", "small_date_digits"]

DIGIT_FIELDS = ("participants", "seq", "postcode", "phone")
TRACE: list[tuple[str, str, float, int]] | None = None  # (key, text, widest 1, unread glyphs)
_LIGHT = 0.3  # ink: darker than paper by this share of the paper-to-darkest range
_ONE_WIDE = 0.3  # a glyph read as 1 wider than this × the line's height, through its middle
_SPECK = 0.02  # a piece smaller than this × height² is noise


def _light_ink(crop: NDArray[np.uint8]) -> NDArray[np.uint8] | None:
    flat = crop.ravel()
    n = flat.size
    if n == 0:
        return None
    part = np.partition(flat, (n // 100, (9 * n) // 10))
    paper, darkest = float(part[(9 * n) // 10]), float(part[n // 100])
    if paper - darkest < 40:
        return None
    return np.asarray(crop < paper - _LIGHT * (paper - darkest), dtype=np.uint8)


def _middle_width(dark: NDArray[np.uint8], span: tuple[int, int]) -> float:
    """The glyph's width through its middle rows (median per row, px): a 1's upright
    stroke there is narrow whatever its flag and foot; a 4 has its cross-stroke or both
    its strokes there."""
    sub = dark[:, span[0] : span[1]]
    rows = np.flatnonzero(sub.any(axis=1))
    if rows.size < 4:
        return 0.0
    top, h = int(rows[0]), int(rows[-1] - rows[0] + 1)
    widths = []
    for r in range(top + int(0.3 * h), top + int(0.7 * h) + 1):
        cols = np.flatnonzero(sub[r])
        if cols.size:
            widths.append(int(cols[-1] - cols[0] + 1))
    return float(np.median(widths)) if widths else 0.0


def _glyphs(
    crop: NDArray[np.uint8],
) -> tuple[list[tuple[int, int]], float, NDArray[np.uint8] | None]:
    """Glyph column spans (x0, x1) of the ink in ``crop``, the ink's height in px and the
    ink mask."""
    dark = _light_ink(crop)
    if dark is None:
        return [], 0.0, None
    count, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    rows = np.flatnonzero(dark.sum(axis=1) >= 2)
    if rows.size == 0:
        return [], 0.0, None
    height = float(rows[-1] - rows[0] + 1)
    pieces = sorted(
        (int(x), int(x + w))
        for x, _y, w, h, a in stats[1:count]
        if a >= _SPECK * height * height and h >= 0.25 * height
    )
    spans: list[tuple[int, int]] = []
    for x0, x1 in pieces:
        if spans and x0 <= spans[-1][1]:
            # overlapping or touching in x: one glyph (a 4 whose light stroke broke off; two
            # touching digits become one glyph too, and then nothing is said)
            spans[-1] = (spans[-1][0], max(spans[-1][1], x1))
        else:
            spans.append((x0, x1))
    return spans, height, dark


def digit_doubt(crop: NDArray[np.uint8], text: str, key: str = "") -> str:
    """Why the digits of ``text`` read from the line ``crop`` do not match its ink, or "".
    Glyphs are matched to the digits in order, so only when there are as many of each
    (touching digits make fewer glyphs: then nothing is said about their widths)."""
    digits = [c for c in text if c.isdigit()]
    if not digits:
        return ""
    spans, height, dark = _glyphs(crop)
    if not spans or height < 8 or dark is None:
        return ""
    unread = len(spans) - len(digits)
    wide = 0.0
    if unread == 0:
        wide = max((_middle_width(dark, span) / height
                    for ch, span in zip(digits, spans, strict=True) if ch == "1"), default=0.0)  # fmt: skip
    if TRACE is not None:
        TRACE.append((key, text, wide, unread))
    if unread > 0:
        return "墨迹中有没读出的数字"
    if wide > _ONE_WIDE:
        return "读作 1 的数字墨迹太宽，可能是 4 或 7"
    return ""


_SMALL = 0.55  # a date's digit under this × the printed 年/月/日's height is squeezed in small


def small_date_digits(crop: NDArray[np.uint8], text: str, centres: tuple[float, ...]) -> str:
    """Why a date's month or day may not be all that was written, or "": ink after ``年`` in
    pieces far smaller than the printed characters (digits squeezed in small and raised
    where the printed gap is narrow, as people do). The recogniser drops such a digit when
    it touches the next character, at 0.98 (6月¹⁹日 read 6月1日), and its probabilities
    cannot say so. Pieces, not the recogniser's character positions, are measured: those
    are a few pixels coarse, and a small 6 beside 月 falls on 月."""
    if len(centres) != len(text) or "年" not in text:
        return ""
    dark = _light_ink(crop)
    if dark is None:
        return ""
    count, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    heights = [int(stats[i][3]) for i in range(1, count)]
    if not heights:
        return ""
    top = max(heights)
    tall = float(np.median([h for h in heights if h >= 0.7 * top]))
    after = centres[text.index("年")] * crop.shape[1] + 0.3 * tall
    for x, _y, _w, h, area in stats[1:count]:
        if x > after and 0.25 * tall <= h < _SMALL * tall and area >= _SPECK * tall * tall:
            return "日期的数字写得很小，可能没读全"
    return ""
