"""Printed grey placeholder, or a light hand? Deciding per word of an unmarked page's line.

A Word form prints a grey placeholder (请填写…) at the left of every empty cell, and the
hand writes after it, under it, or over it. Darkness alone told them apart (print is
lighter than ``HINT_GREY``), and lost every value written with a light or blurred pen: a
blue ballpoint pressed lightly, photographed, comes back as light as the print (its red
channel 105–140, the placeholder's 130–145 on the tuned flatbeds), and its whole line was
dropped as a hint.

What tells them apart, in order of trust:
- *colour*: the print is neutral grey (R≈G≈B), a blue pen is not (blue over red 20–70
  levels above the paper's own tint on the tuned scans and photos). Only on a capture that
  holds colour at all (``page_tint``): a grey or bi-level capture has none, and a page
  written only in black shows none either.
- *darkness*: ink darker than ``HINT_GREY`` is no placeholder.
- *place*: the placeholder is one line at the cell's left, about as wide as its text;
  light ink past that extent, or on a later line, is writing, never the placeholder.

A light, colourless word inside the placeholder's extent is cut as the placeholder; the cut
is *sure* only when the capture holds colour (a blue pen would have shown) or the grey run is
as wide as the placeholder's text. Light writing kept without colour or darkness to vouch
for it is ``light``: read, but below the review threshold, with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["HINT_GREY", "LIGHT_INK", "HintCut", "after_hint", "page_tint"]

Gray = NDArray[np.uint8]
HINT_GREY = 105  # ink whose darkest percentile is lighter than this may be the grey print
LIGHT_INK = 185  # a light pen's stroke, too pale for the line cutter, still ink (red channel)
_INK = 150  # level below which a pixel is ink (``_lines._INK``)
_COLOUR = 14  # levels of blue (or green) over red, past the paper's tint, that a pen shows
_PAPER = 200  # red-channel level above which a pixel is paper, for the paper's own tint
_COLOURED_SHARE = 0.02  # share of a page's ink pixels that must show colour: a colour capture
_REACH = 1.15  # the placeholder ends within this many of its characters' widths
_START = 1.5  # ems from the cell's left edge within which a placeholder starts


@dataclass(frozen=True)
class HintCut:
    """Where a line's writing starts (``left``; None: the whole line is the placeholder),
    whether that decision is sure, and whether what is kept holds light, colourless ink
    (``light``: the hand's by its place, but nothing in its pixels vouches for it)."""

    left: int | None
    sure: bool = True
    light: bool = False


def page_tint(bgr: NDArray[np.uint8]) -> Gray | None:
    """Blue-or-green over red of each pixel, less the paper's own tint (a photo's colour
    cast, a scanner's warm paper), clipped at 0; None when the capture shows no coloured ink
    (grey or bi-level, or written in black only): then colour says nothing about a word."""
    if bgr.ndim != 3 or bgr.shape[2] != 3:
        return None
    b, g, r = (bgr[:, :, i].astype(np.int16) for i in range(3))
    excess = np.maximum(b, g) - r
    step = max(1, int(min(bgr.shape[:2]) // 400))
    rs, es = r[::step, ::step], excess[::step, ::step]
    paper = es[rs > _PAPER]
    ink = es[rs < _INK]
    if paper.size == 0 or ink.size == 0:
        return None
    tint0 = int(np.median(paper))
    if float(np.mean(ink - tint0 >= _COLOUR)) < _COLOURED_SHARE:
        return None
    return np.clip(excess - tint0, 0, 255).astype(np.uint8)


def _words(crop: Gray, em: float) -> tuple[list[int], list[int], int]:
    ink = (crop < _INK).any(axis=0)
    cols = np.flatnonzero(ink)
    gap = max(2, int(0.6 * em))
    if cols.size == 0:
        return [], [], gap
    breaks = np.flatnonzero(np.diff(cols) > gap)
    starts = [int(cols[0]), *(int(cols[i + 1]) for i in breaks)]
    ends = [*(int(cols[i]) + 1 for i in breaks), int(cols[-1]) + 1]
    return starts, ends, gap


def _hand(crop: Gray, tint: Gray | None) -> bool:
    """Does this word's ink vouch for a hand: coloured, or darker than the grey print?"""
    if crop.size == 0:
        return False
    if tint is not None:
        ink = crop < _INK
        if ink.any() and float(np.median(tint[ink])) >= _COLOUR:
            return True
    return float(np.percentile(crop, 1)) <= HINT_GREY


def after_hint(crop: Gray, em: float, chars: int, tint: Gray | None = None, x0: int = 0,
               colour: bool = False, first: bool = True) -> HintCut:  # fmt: skip
    """The column of ``crop`` (one line of a cell that prints a placeholder; it starts
    ``x0`` px right of the cell's inner left edge) where writing starts.

    ``chars``: the placeholder's length (0: unknown, never cut); ``first``: the cell's
    first line, the only one the placeholder is on (a first line of light ink only, of a
    placeholder of unknown length, is taken for it, unsure, as before); ``tint``: ``page_tint`` cut to the same crop, None without colour; ``colour``: the
    capture holds colour. Words are parted by gaps over 0.6 em. Leading light words (no
    colour, not dark) that start near the cell's left and end within the placeholder's
    reach are the placeholder; the first word that is coloured, dark, or past that reach
    starts the writing. A grey word after the writing is kept (only a leading placeholder
    is printed there)."""
    starts, ends, gap = _words(crop, em)
    if not starts:
        if crop.size == 0 or float(np.percentile(crop, 1)) <= HINT_GREY:
            return HintCut(0)
        return HintCut(None, sure=colour)
    hand = [_hand(crop[:, a:b], None if tint is None else tint[:, a:b])
            for a, b in zip(starts, ends, strict=True)]  # fmt: skip
    reach = x0 + _REACH * chars * em
    cut, n = 0, 0
    if chars and x0 + starts[0] <= _START * em:
        while n < len(starts) and not hand[n] and x0 + ends[n] <= reach:
            cut, n = ends[n] + gap // 2, n + 1  # halfway into the gap before the next word
    # the grey run is sure print when colour would have shown a pen, or when it is as
    # wide as the placeholder's text (a light-pressed start of writing rarely is)
    wide = 0.8 * chars * em <= ends[n - 1] - starts[0] if n else True
    sure = colour or wide
    if n == len(starts) or (first and not chars and not any(hand)):
        return HintCut(None, sure=sure and n == len(starts))
    # kept ink no colour or darkness vouches for (a word at least half a character wide: a
    # lone dot's percentile is paper's)
    light = any(not hand[k] and ends[k] - starts[k] >= 0.5 * em for k in range(n, len(starts)))
    return HintCut(min(cut, crop.shape[1]), sure=sure, light=light)
