"""Writing that lands on printed text: the reader knows what was printed where, so it can tell.

A marked page is registered to our own layout, and the blank page is rendered by the same
code that printed it (``_blank``), so every printed character's pixels are known. A hand
that strays into the print leaves ink in a printed character's columns that the print does
not put there. The recogniser cannot say so: a crowded writer's day written with its first
digit over the printed 月 joins that digit to the glyph, and ``2016年4月25日`` is read
``2016年4月5日`` at 0.99. So, for every field with printed characters in or beside its zone
(a date's 年/月/日, a label or unit next to a value):

- ``over_print`` measures the hand's ink in each printed character's columns, the print
  itself (widened by the registration slack) taken away;
- where there is some, the line is read again with the print removed (``without_print``),
  and a date's digits are put back in their groups by where they stand against the printed
  年/月/日 (``regroup``);
- the value keeps its confidence only when that reading agrees and has a digit where the
  stray ink is (the reading accounts for it); otherwise it goes to a person, with the
  re-read date offered when it is one (``_why.OVER_PRINT``).

Nothing printed lies in or beside a zone other than a date's 年/月/日 on our forms today,
so only dates pay for the measure; a label or unit placed in a zone would be covered too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
from numpy.typing import NDArray

from ._blank import blank_gray
from ._why import OVER_PRINT

__all__ = [
    "TRACE",
    "Over",
    "Stray",
    "accounts",
    "chars_near",
    "ink_gain",
    "over_print",
    "regroup",
    "reread",
    "settle",
    "without_print",
]

Rect = tuple[int, int, int, int]
TRACE: list[tuple[str, float, float, float]] | None = None  # (zone, outside, extra, ratio)
_PRINT = 200  # a blank page's pixel darker than this is print
_SLACK = 5  # px: the print widened by ±2 px (registration, blur) before the hand is seen
_INK = 150  # a registered page's pixel darker than this is ink (``_blank.fresh_ink``)
_HAND = 0.008  # em² of ink in a printed character's columns beyond the print: a hand's
_MORE = 1.25  # a printed character this much darker than its copies: written on
_ALONE = 1.15  # a character with no copies is held to its ratio 1.15× higher (a thin 月
# read 1.25× the page's median on clean annex-5 scans of the degraded set)
_NEAR = 0.35  # em: a re-read digit this close to the stray ink's centre accounts for it


@dataclass(frozen=True)
class Over:
    """Hand ink on one printed character: the character's box (page px), the ink in em²
    and the ink's centre column (page px)."""

    box: Rect
    ink: float
    x: float


@lru_cache(maxsize=8)
def _chars(form: str, rows: int, page: int, em: float) -> tuple[Rect, ...]:
    """Boxes of the printed characters of the blank page: pieces of print an em or less
    across (rules, boxes and the QR are larger, or thinner), a character's strokes joined."""
    dark = (blank_gray(form, rows, page) < _PRINT).astype(np.uint8)
    joined = cv2.dilate(dark, np.ones((3, 3), np.uint8))  # a character's separate strokes
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = []
    for x, y, w, h, _a in stats[1:count]:
        if 0.4 * em <= h <= 1.3 * em and 0.3 * em <= w <= 1.3 * em:
            out.append((int(x) + 1, int(y) + 1, int(x + w) - 1, int(y + h) - 1))
    return tuple(out)


@lru_cache(maxsize=8)
def _print_mask(form: str, rows: int, page: int) -> NDArray[np.bool_]:
    dark = (blank_gray(form, rows, page) < _PRINT).astype(np.uint8)
    return np.asarray(cv2.dilate(dark, np.ones((_SLACK, _SLACK), np.uint8)) > 0)


def chars_near(form: str, rows: int, page: int, rect: Rect, em: float) -> list[Rect]:
    """Printed characters inside the zone ``rect`` (page px) or within half an em of its
    left and right ends, on its rows: what a value written there can run into."""
    x0, y0, x1, y1 = rect
    pad = 0.5 * em
    return [c for c in _chars(form, rows, page, em)
            if c[2] > x0 - pad and c[0] < x1 + pad and c[1] >= y0 - 2 and c[3] <= y1 + 2]  # fmt: skip


def _dark(ink: NDArray[np.uint8], box: Rect) -> int:
    """Dark pixels of ``ink`` in ``box`` grown by 2 px (registration slack)."""
    x0, y0, x1, y1 = box
    return int((ink[max(0, y0) : y1 + 1, max(0, x0) : x1 + 1] < _INK).sum())


def ink_gain(
    ink: NDArray[np.uint8], form: str, rows: int, page: int, em: float
) -> dict[Rect, float]:
    """Per printed character: how much darker ink the scan shows for it than the blank.
    Blur, toner and binarising thicken a thin-stroked 月 more than a bold 年, so a
    character is compared with its own copies on the page (the 年/月/日 of every date
    there: same bitmap on the blank), the median of three or more, else with the page's
    median over all its printed characters. Written-on copies are a minority on a page."""
    blank = blank_gray(form, rows, page)
    ratio: dict[Rect, float] = {}
    shapes: dict[tuple[int, int, int], list[Rect]] = {}
    for box in _chars(form, rows, page, em):
        expected = _dark(blank, box)
        if expected > 20:
            ratio[box] = _dark(ink, box) / expected
            shape = (box[2] - box[0], box[3] - box[1], expected // 8)
            shapes.setdefault(shape, []).append(box)
    page_gain = float(np.median(list(ratio.values()))) if ratio else 1.0
    out = {box: _ALONE * page_gain for box in ratio}  # the page's median: a coarser guide
    for boxes in shapes.values():
        if len(boxes) >= 3:
            own = float(np.median([ratio[b] for b in boxes]))
            out.update((b, own) for b in boxes)
    return out


def over_print(ink: NDArray[np.uint8], form: str, rows: int, page: int, rect: Rect,
               chars: list[Rect], em: float, gain: dict[Rect, float] | None = None,
               ) -> list[Over]:  # fmt: skip
    """Per printed character of ``chars`` with hand ink on it: where and how much. Two
    measures, either will do: ink in its columns (within the zone's rows ``rect[1]..rect[3]``)
    outside its own print (widened by the registration slack), and dark pixels in its box
    beyond what its print leaves at its ``gain`` (``ink_gain``; a stroke along a printed one, hidden
    in the slack, still adds ink)."""
    printed = _print_mask(form, rows, page)
    blank = blank_gray(form, rows, page)
    h, w = min(ink.shape[0], printed.shape[0]), min(ink.shape[1], printed.shape[1])
    y0, y1 = max(0, rect[1] + 2), min(h, rect[3] - 2)
    out = []
    for box in chars:
        x0, x1 = max(0, box[0]), min(w, box[2] + 1)
        if x1 <= x0 or y1 <= y0:
            continue
        seen = ((ink[y0:y1, x0:x1] < _INK) & ~printed[y0:y1, x0:x1]).astype(np.uint8)
        hand = np.asarray(
            cv2.morphologyEx(seen, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
        )  # no halo
        outside = float(hand.sum()) / (em * em)
        expected = (gain or {}).get(box, 1.0) * _dark(blank, box)
        extra = (_dark(ink, box) - expected) / (em * em)
        ratio = _dark(ink, box) / expected if expected else 1.0
        if TRACE is not None:
            TRACE.append((f"{rect}", round(outside, 4), round(extra, 4), round(ratio, 3)))
        if outside >= _HAND or (ratio >= _MORE and extra >= _HAND):
            cols = np.flatnonzero(hand.any(axis=0))
            if cols.size:
                weights = hand.sum(axis=0)[cols]
                x = x0 + float(np.average(cols, weights=weights))
            else:
                x = (box[0] + box[2]) / 2
            out.append(Over(box, max(outside, extra), x))
    return out


def without_print(line: NDArray[np.uint8], form: str, rows: int, page: int,
                  origin: tuple[int, int], chars: list[Rect]) -> NDArray[np.uint8]:  # fmt: skip
    """The grey ``line`` (its top-left at page px ``origin``) with the print of ``chars``
    painted over from around it (OpenCV's inpainting): paper where only print was, the
    hand's stroke carried on where it crossed a printed stroke, as if on blank paper."""
    printed = _print_mask(form, rows, page)
    ox, oy = origin
    mask = np.zeros(line.shape[:2], dtype=np.uint8)
    for x0, y0, x1, y1 in chars:
        a, b = max(x0 - 3, ox, 0), min(x1 + 4, ox + line.shape[1], printed.shape[1])
        c, d = max(y0 - 3, oy, 0), min(y1 + 4, oy + line.shape[0], printed.shape[0])
        if a < b and c < d:
            mask[c - oy : d - oy, a - ox : b - ox] |= printed[c:d, a:b].astype(np.uint8)
    if not mask.any():
        return line
    return np.asarray(cv2.inpaint(line, mask, 3, cv2.INPAINT_TELEA), dtype=np.uint8)


def regroup(text: str, centres: tuple[float, ...], width: int, origin_x: int,
            chars: list[Rect]) -> str | None:  # fmt: skip
    """A date re-read without its printed 年/月/日, its digits grouped by where they stand:
    before the middle of 年 the year, of 月 the month, of 日 the day. None unless the
    three groups make a date (four-digit year, one or two digits each after)."""
    if len(chars) != 3 or len(centres) != len(text):
        return None
    middles = sorted((c[0] + c[2]) / 2 for c in chars)
    groups = ["", "", ""]
    for ch, c in zip(text, centres, strict=True):
        if not ch.isdigit():
            continue
        x = origin_x + c * width
        n = next((i for i, m in enumerate(middles) if x < m), None)
        if n is None:
            return None  # a digit after 日
        groups[n] += ch
    year, month, day = groups
    if len(year) != 4 or not (1 <= len(month) <= 2 and 1 <= len(day) <= 2):
        return None
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}年{int(month)}月{int(day)}日"


def accounts(
    text: str, centres: tuple[float, ...], width: int, origin_x: int, overs: list[Over], em: float
) -> bool:
    """Does a reading (``centres`` as fractions of the line's ``width``, the line starting
    at page column ``origin_x``) have a digit where each stray ink is?"""
    if len(centres) != len(text):
        return False
    xs = [origin_x + c * width for ch, c in zip(text, centres, strict=True) if ch.isdigit()]
    return all(any(abs(x - o.x) <= _NEAR * em for x in xs) for o in overs)


@dataclass
class Stray:
    """A zone's hand ink on print (``overs``), the printed characters there (``chars``),
    and, for a date, its reading with the print removed: regrouped (``reread``) and
    whether it has a digit at every stray ink (``accounted``)."""

    overs: list[Over]
    chars: list[Rect]
    date: bool
    reread: str | None = None
    accounted: bool = False
    lines: int = 0  # lines of the zone read again without the print


def reread(strays: dict[str, Stray], lines: list[tuple[str, NDArray[np.uint8], int, int]],
           em: float) -> None:  # fmt: skip
    """Read the dates' lines again without their print (``lines``: zone key, the padded
    line without print, its first page column, its width) and note what they say."""
    from ._ocr import read_crops

    if not lines:
        return
    reads = read_crops([crop for _, crop, _, _ in lines])
    for (key, _crop, x, width), got in zip(lines, reads, strict=True):
        s = strays[key]
        s.lines += 1
        s.reread = regroup(got.text, got.centres, width, x, s.chars)
        s.accounted = accounts(got.text, got.centres, width, x, s.overs, em)


def settle(
    text: str, conf: float, why: str, stray: Stray | None, cap: float
) -> tuple[str, float, str]:
    """A zone's value after its hand ink on print: kept when a date's reading without the
    print agrees and has a digit at the stray ink; else capped at ``cap`` with a note
    naming the character, the re-read date offered when there is one."""
    if stray is None:
        return text, conf, why
    if stray.date and stray.lines == 1 and stray.accounted and stray.reread == text:
        return text, conf, why
    offered = _merged(text, stray) if stray.date and stray.lines == 1 and stray.reread else text
    return offered, min(conf, cap), OVER_PRINT.format(_named(stray))


_GROUPS = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _merged(text: str, stray: Stray) -> str:
    """The date offered for a person to confirm: the groups beside a written-on character
    (year or month beside 年, month or day beside 月, day beside 日) from the reading without
    the print, the others as first read (removing the print blurs the digits it crossed)."""
    first, again = _GROUPS.fullmatch(text), _GROUPS.fullmatch(stray.reread or "")
    if again is None:
        return text
    if first is None or len(stray.chars) != 3:
        return again.group(0)
    order = sorted(stray.chars)
    near = {
        n + d for o in stray.overs if o.box in order for n in [order.index(o.box)] for d in (0, 1)
    }
    parts = [again.group(k + 1) if k in near else first.group(k + 1) for k in range(3)]
    return f"{parts[0]}年{int(parts[1])}月{int(parts[2])}日"


def _named(stray: Stray) -> str:
    """The printed character the most stray ink is on: “月”字 for a date's, else 字."""
    worst = max(stray.overs, key=lambda o: o.ink)
    if stray.date and len(stray.chars) == 3:
        order = sorted(stray.chars)
        if worst.box in order:
            return f"“{'年月日'[order.index(worst.box)]}”字"
    return "字"
