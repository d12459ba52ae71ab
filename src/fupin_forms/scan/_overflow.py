"""Writing that runs past its box: a value read without its tail must not look complete.

A hand that runs out of room keeps writing: over the table's outer rule into the margin,
over the next cell's printed label, or down under the box. The recogniser reads what is in
the box (沂南县畜牧兽医 for 沂南县畜牧兽医局) and is sure of it, and the line's own evidence
(``_evidence``) sees nothing wrong, because the crop ends where the box ends. The evidence
is outside the box, so it is looked for there:

- **marked pages**: the blank form's own print is known (``_blank``), so the page's *new*
  ink that lies in no field's box, no check box's slot and no signature area is ink nobody
  reads. Such ink right past the end of a value line that reaches its box's right edge (or
  right under a value whose ink touches its box's bottom edge) is the value's tail.
- **unmarked pages**: no blank is rendered, so the print cannot be subtracted; the
  equivalent is ink that *crosses* the cell's border: a value line reaching the cell's edge
  with ink continuing right past the ruling line (a label printed in the next cell keeps a
  gap from the rule, a hand running on does not), or writing cut off by the cell's bottom
  rule with its rest under it.

Short of that proof, what is in the box says it may not be all: a line whose ink reaches
the zone's right edge (it may go on past it, ``edge``), two lines of writing squeezed into one line's height (``stacked``), or ink in the cell that no line
cut covers (``unread``). All of these are one rule, ``overrun``, with one note per kind
(``NOTES``); the readers of marked and unmarked pages only measure and ask it. (Ink at
the zone's *left* edge alone is no sign: on the tuned sets 21 of 294 lines read right started
there. A first character cut by that edge and dropped is ``_evidence``'s ``sliver``; new
ink right before the box, on marked pages, is ``spill``'s "left".)

Either way the value is kept (a person sees what was read) and doubted, with a note.
Thresholds: lines read right on the degraded and blind sets (``tests/fixtures``) stayed below
them; see ``tests/test_scan_overflow.py`` for a page synthesised both ways.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from ._lines import ink_mask

__all__ = [
    "NOTE",
    "NOTES",
    "TRACE",
    "crossing",
    "over_rules",
    "overrun",
    "spill",
    "stacked",
    "unread_ink",
]

NOTE = "字迹超出格子，可能未读全 (writing runs past its box; the value may be cut short)"
NOTES = {
    "right": NOTE,
    "below": "字迹写到格子下方，可能未读全 (writing goes on under its box; the value may be cut short)",
    "edge": "字迹写到格子右边缘，可能未读全 (writing reaches its box's right edge; it may go on past it)",
    "left": "字迹从格子左边缘写起，开头可能未读到 (writing starts at its box's left edge; a first "
    "character may be lost)",
    "stacked": "格内两行字挤在一行，可能未读全 (two lines squeezed into one; the value may be incomplete)",
    "unread": "格内有未读到的字迹 (ink in the box that no line read; the value may be incomplete)",
    "above": "上一格的字迹写进了本格，读到的可能混有别的字 (writing from the box above runs into "
    "this one)",
}
TRACE: list[tuple[str, str, float]] | None = None  # (key, side, measure), for calibration

Rect = tuple[int, int, int, int]
_REACH = 1.0  # a line whose ink ends within this many em of its box's right edge reaches it
_STRIP = 1.6  # em past the box's edge searched for stray ink
_NEAR = 0.9  # the stray ink starts within this many em of the edge
_STROKE = 0.3  # em: a piece of writing is at least this wide or tall (a rule's remnant is not)
SPILL = 0.08  # em² of stray writing past the edge: a value's tail (a character is ~0.3)


def _writing(band: NDArray[np.bool_], em: float, near: float) -> float:
    """em² of ``band``'s ink in pieces the size of writing that start within ``near`` px
    of its left side (for the bottom strip: its top, the band transposed)."""
    if not band.any():
        return 0.0
    n, _, stats, _ = cv2.connectedComponentsWithStats(band.astype(np.uint8), connectivity=8)
    area = 0
    for i in range(1, n):
        x, _y, w, h, a = (int(v) for v in stats[i])
        if x <= near and max(w, h) >= _STROKE * em and min(w, h) >= 0.08 * em:
            area += a
    return area / (em * em)


def spill(free: NDArray[np.bool_], rect: Rect, lines: list[Rect], em: float, key: str = "",
          left: bool = True) -> str:  # fmt: skip
    """Marked pages. ``free``: new ink in no box (page pixels); ``rect``: a value's box;
    ``lines``: its ink lines (x0, y0, x1, y1 page pixels, x1 after the last ink).
    Returns "right", "below" or "left" when stray writing sits past the edge a line reaches
    (before the left edge a line starts at: a first character written over the rule; not
    with ``left`` false: a date's year is meant to reach left past its box), else ""."""
    x0, _, x1, y1 = rect
    h, w = free.shape
    reach = _REACH * em
    strip = int(_STRIP * em)
    best_right = best_below = best_left = 0.0
    for n, (lx0, ly0, lx1, ly1) in enumerate(lines):
        if left and n == 0 and lx0 - x0 <= reach:
            band = free[max(0, ly0) : min(h, ly1), max(0, x0 - strip) : max(0, x0)]
            best_left = max(best_left, _writing(band[:, ::-1], em, _NEAR * em))
        if x1 - lx1 <= reach:
            band = free[max(0, ly0) : min(h, ly1), min(w, x1) : min(w, x1 + strip)]
            best_right = max(best_right, _writing(band, em, _NEAR * em))
        if y1 - ly1 <= 0.5 * em:  # ink down to the bottom edge: does it go on below?
            band = free[min(h, y1) : min(h, y1 + strip), max(0, lx0) : min(w, lx1)]
            best_below = max(best_below, _writing(band.T, em, 0.5 * em))
    if TRACE is not None and lines:
        TRACE.append((key, "right", best_right))
        TRACE.append((key, "below", best_below))
        TRACE.append((key, "left", best_left))
    if best_right >= SPILL:
        return "right"
    if best_below >= SPILL:
        return "below"
    if best_left >= SPILL:
        return "left"
    return ""


_INK = 150
_SIDE = 3  # px either side of a ruling line where a stroke crossing it must be inked
_RULE = 0.7  # a column (row) dark over this share of the band is the ruling line
_SKIRT = 0.3  # ... and its blurred edge, over this share along the cell's width
_SKIRT_LINE = 0.75  # along one line's height (a glyph's upright can darken a third of it)
_CROSS = 4  # rows (columns) where ink touches the rule from both sides: a stroke over it
# (a value that just fits touches the rule from inside with one stroke; the next cell's
# writing starting at the rule touches it from outside: 1–3 rows by chance)


def _through(dark: NDArray[np.bool_], lo: int, hi: int, skirt: float) -> int:
    """Rows of ``dark`` (a band across a vertical ruling line near columns ``lo:hi``) where
    ink touches the rule from both sides: strokes drawn over the rule. 0 when no rule."""
    if dark.size == 0 or hi <= lo:
        return 0
    share = dark[:, lo:hi].mean(axis=0)
    if share.max() < _RULE:
        return 0  # the rule is not seen here: nothing to cross
    peak = lo + int(share.argmax())
    left = right = peak
    while left > 0 and dark[:, left - 1].mean() >= skirt:  # the rule's blurred edge too
        left -= 1
    while right < dark.shape[1] - 1 and dark[:, right + 1].mean() >= skirt:
        right += 1
    before = dark[:, max(0, left - _SIDE) : left].any(axis=1)
    after = dark[:, right + 1 : right + 1 + _SIDE].any(axis=1)
    return int((before & after).sum())


def crossing(gray: NDArray[np.uint8], rect: Rect, lines: list[Rect], em: float, inset: int,
             key: str = "") -> str:  # fmt: skip
    """Unmarked pages. ``gray``: the page's ink image; ``rect``: the cell (its white
    inside); ``lines``: its ink lines (page pixels). "right" when a line reaching the
    cell's right edge has strokes drawn over the right rule; "below" when strokes are drawn
    over the bottom rule (writing that went on under the box); else ""."""
    x0, _, x1, y1 = rect
    h, w = gray.shape[:2]
    reach = int(0.4 * em)  # how far from the cell's edge its rule is looked for
    best_right = best_below = 0
    for _, ly0, lx1, ly1 in lines:
        if x1 - lx1 <= 0.5 * em:
            a = max(0, x1 - reach)
            pad = int(0.3 * em)  # rows above and below the line: a 中's upright is not a rule
            band = gray[max(0, ly0 - pad) : min(h, ly1 + pad), a : min(w, x1 + reach)] < _INK
            best_right = max(best_right, _through(band, x1 - a - 4, x1 - a + 8, _SKIRT_LINE))
    a = max(0, y1 - reach)
    band = gray[a : min(h, y1 + reach), x0 + 6 : max(x0 + 6, x1 - 6)] < _INK
    best_below = _through(band.T, y1 - a - 4, y1 - a + 8, _SKIRT)
    cut = _cut_at_bottom(gray, rect, lines, em, inset)
    if TRACE is not None:
        TRACE.append((key, "u-right", float(best_right)))
        TRACE.append((key, "u-below", float(best_below)))
        TRACE.append((key, "u-cut", cut))
    if best_right >= _CROSS:
        return "right"
    if best_below >= _CROSS or cut >= _CUT:
        return "below"
    return ""


def over_rules(gray: NDArray[np.uint8], rect: Rect, em: float, key: str = "") -> str:
    """Marked pages. Strokes drawn over the ruling line under the box ``rect`` (page
    pixels of ``gray``, the page's ink image): "below", its writing went on into the box
    underneath; over the rule above it: "above", writing from the box above came into this
    one (a ledger's 解答问题7 with its 个 written under the row's rule, read into the next
    row's activity as 引进个). Where no rule is there (an inline zone's edge) nothing is
    said; a new-ink test cannot see this, the box underneath claims that ink."""
    x0, y0, x1, y1 = rect
    h, w = gray.shape[:2]
    reach = int(0.4 * em)
    cols = slice(max(0, x0 + 6), min(w, max(x0 + 6, x1 - 6)))
    below = above = 0
    a = max(0, y1 - reach)
    if a < h:
        band = gray[a : min(h, y1 + reach), cols] < _INK
        below = _through(band.T, 0, band.shape[0], _SKIRT)  # the rule within reach
    a = max(0, y0 - reach)
    if a < h:
        band = gray[a : min(h, y0 + reach), cols] < _INK
        above = _through(band.T, 0, band.shape[0], _SKIRT)
    if TRACE is not None:
        TRACE.append((key, "m-below", float(below)))
        TRACE.append((key, "m-above", float(above)))
    if below >= _CROSS:
        return "below"
    return "above" if above >= _CROSS else ""


_CUT = 1.0  # em of writing in rows running down to the cell's bottom, read by no line


def _cut_at_bottom(
    gray: NDArray[np.uint8], rect: Rect, lines: list[Rect], em: float, inset: int
) -> float:
    """Width in em of the ink in the rows that run, inked without a break, down to the
    bottom of the cell's inside (inset from its rules) when no line read covers them:
    writing that goes on under the box, its top left in the cell (a tick's tip from the
    cell below is far narrower)."""
    x0, y0, x1, y1 = rect
    ink = gray[y0 + inset : y1 - inset, x0 + inset : x1 - inset] < _INK
    if ink.size == 0:
        return 0.0
    hh, ww = ink.shape
    ink[ink.sum(axis=1) > 0.6 * ww, :] = False  # remnants of the rules
    ink[:, ink.sum(axis=0) > 0.6 * hh] = False
    # a rule a little off level (a photo's cell found a few px off) crosses rows: any
    # horizontal run longer than a character is a rule, not writing
    long = cv2.morphologyEx(
        ink.astype(np.uint8), cv2.MORPH_OPEN, np.ones((1, int(1.5 * em)), np.uint8)
    )
    ink &= cv2.dilate(long, np.ones((3, 3), np.uint8)) == 0
    rows = ink.sum(axis=1) >= 2
    top = hh
    while top > 0 and rows[top - 1]:
        top -= 1
    if hh - top < 0.2 * em or any(ly1 >= y0 + inset + hh - 1 for _, _, _, ly1 in lines):
        return 0.0
    cols = np.flatnonzero(ink[top:].any(axis=0))
    return float(cols[-1] - cols[0] + 1) / em if cols.size else 0.0


_EDGE = 3  # px: a line's ink ending (starting) this close to its zone's edge reaches it


def overrun(past: str, ends: list[int], width: int, lost: bool = False,
            squeezed: bool = False, reach: int = _EDGE) -> str:  # fmt: skip
    """The one rule: why what was read in a zone may not be all of it, as a key of
    ``NOTES`` ("" when nothing says so). ``past``: what ``spill`` (marked) or ``crossing``
    (unmarked) found outside the box; ``ends``: the column after the last ink of each of the
    zone's lines that were read as text, in zone pixels; ``width``: the zone's; ``lost``:
    ink no line covers (``unread_ink``); ``squeezed``: a line of two (``stacked``);
    ``reach``: px from the right edge that count as reaching it (the unmarked reader's cells
    are found on the page, its zone ends at the rule's inset: 1). Proof outside the box
    comes first, then the signs inside it."""
    if past:
        return past
    if any(end >= width - reach for end in ends):
        return "edge"
    if squeezed:
        return "stacked"
    return "unread" if lost else ""


_LIGHT_INK = 185  # a light pen's stroke, too pale for the line cutter, still ink (red channel)


def stacked(crop: NDArray[np.uint8], em: float) -> bool:
    """Two bands of ink one over the other in one line's crop, each at least a third of a
    character tall: a hand squeezed two short lines into the room after a placeholder, and
    the recogniser reads one line of an image (圣水峪镇 of 圣水峪镇/东仲都村)."""
    rows = ink_mask(crop, _LIGHT_INK).sum(axis=1) > 0
    edges = np.flatnonzero(np.diff(np.concatenate([[0], rows.astype(np.int8), [0]])))
    bands = [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    return sum(1 for a, b in bands if b - a >= em / 3) >= 2


def unread_ink(zone: NDArray[np.uint8], cuts: list[tuple[int, int]], em: float) -> bool:
    """Is there ink in ``zone`` that no line's rows (``cuts``: y0, y1) cover, or writing
    running over its top or bottom edge? A second line squeezed under the first at the
    cell's bottom is dropped as a stroke's clipped tip, and what is read is then only part
    of the value."""
    dark = ink_mask(zone)
    # writing that crosses the cell's top or bottom rule (a line squeezed under the first
    # one runs into the rule): what is inside the cell is not all of it
    over = max(int(dark[:2].any(axis=0).sum()), int(dark[-2:].any(axis=0).sum()))
    ink = ink_mask(zone, _LIGHT_INK)
    ink[:3] = ink[-3:] = False  # a rule's pale fringe, not writing
    for y0, y1 in cuts:
        ink[y0:y1] = False
    return int(ink.sum()) > 0.08 * em * em or over >= 0.5 * em
