"""The unmarked reader's text lines: each cell's ink cut into lines (a printed grey hint
set apart from a light pen's writing, ``_hint_ink``), every line recognised in one batch and
capped by the pixels' own evidence (``_evidence``, ``_digit_ink``, ``_overflow``) and a
second look (``_probe``). Split out of ``_unmarked``, which maps the lines to fields.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..parse.core import (
    REVIEW_THRESHOLD,
)
from ._digit_ink import DIGIT_FIELDS, digit_doubt, small_date_digits
from ._evidence import DOUBT, line_cap, measures, suspect
from ._hint_ink import HINT_GREY, LIGHT_INK, HintCut, after_hint
from ._lines import ink_mask, split_lines
from ._ocr import Read, normalise, read_crops
from ._overflow import NOTES, crossing, overrun, stacked, unread_ink
from ._probe import doubted_lines
from ._table import Rect, squash
from ._why import (
    FAINT,
    GREY,
    LIGHT,
    UNREAD,
    UNSURE,
)

__all__ = ["lines_of", "read_rects"]

Array = NDArray[np.uint8]
_INSET = 5
_DATE_LEAVES = ("signed_on", "filled_on", "date")  # date lines: digits squeezed small (``_digit_ink``)


def lines_of(gray: Array, rect: Rect, em: float, hint: str | None = "",
              tint: Array | None = None) -> list[tuple[Array, Rect, bool, bool, str, str]]:  # fmt: skip
    """The text lines inside ``rect``: crop, page rect, whether a paragraph ends there,
    whether it is the printed placeholder (dropped; the page rect ends after the last ink),
    whether what is read may not be all (its ink runs into the cell's right edge: writing
    that went on past the box, or ink in the cell lies outside every line), and why the
    rect's lines are doubted for the placeholder (``GREY``: a light line or run was cut as
    the placeholder without colour or width to vouch for it; ``LIGHT``: light, colourless
    ink kept as writing; ``FAINT``: writing kept by its colour, but no stroke darker than
    the print; ""). The first line loses a leading placeholder (``_hint_ink``);
    ``hint`` None: the form prints no placeholder in this cell (the ledger's), so a light
    line there is a light pen's writing, never a hint. ``tint``: ``page_tint`` of the
    page, None when the capture shows no colour."""
    x0, y0, x1, y1 = rect[0] + _INSET, rect[1] + _INSET, rect[2] - _INSET, rect[3] - _INSET
    zone = gray[max(0, y0) : y1, max(0, x0) : x1]
    if zone.size == 0:
        return []
    tone = None if tint is None else tint[max(0, y0) : y1, max(0, x0) : x1]
    out = []
    cuts = split_lines(zone, em)
    # the writer's own right edge: a hand wraps before the cell's edge, a paragraph's last
    # line stops well before the other lines
    edge = max((cut.end for cut in cuts), default=zone.shape[1])
    lost = unread_ink(zone, [(c.y0, c.y1) for c in cuts], em)
    for n, cut in enumerate(cuts):
        crop = zone[cut.y0 : cut.y1, cut.x0 : cut.x1]
        short = edge - cut.end > 2.0 * em  # ink stops early: a paragraph ends
        found = HintCut(0)
        if hint is not None:
            part = None if tone is None else tone[cut.y0 : cut.y1, cut.x0 : cut.x1]
            found = after_hint(crop, em, len(squash(hint)) if n == 0 else 0, part, cut.x0 + max(0, x0) - x0,
                               colour=tint is not None, first=n == 0)  # fmt: skip
        note = "" if found.sure else GREY
        note = LIGHT if found.light and found.left is not None else note
        left = found.left or 0
        if hint is not None and not note and found.left is not None and _faint(crop[:, left:]):
            note = FAINT  # a pen as light as the print: its own, by colour, but faint to read
        out.append(
            (crop[:, left:], (x0 + cut.x0 + left, y0 + cut.y0, x0 + cut.end, y0 + cut.y1), short,
             found.left is None,
             overrun("", [_reach(zone[cut.y0 : cut.y1], crop, cut.end)], zone.shape[1], lost,
                     stacked(crop[:, left:], em), reach=1), note)
        )  # fmt: skip
    return out


def _faint(crop: Array) -> bool:
    """No stroke of the line darker than the grey print: the recogniser misses strokes of
    such writing (推广研究员 read 推研究员 at 0.90, a light 广 dropped), so its reading is
    doubted; a line with one dark word is read as any other."""
    return crop.size > 0 and float(np.percentile(crop, 1)) > HINT_GREY


def _reach(rows: Array, crop: Array, end: int) -> int:
    """The column after a line's last ink, as the edge test sees it: for a light pen (no
    stroke darker than the grey print) its pale strokes count too (``LIGHT_INK``), or its
    last character, half over the cell's rule, ends before the edge and the cut value
    looks whole (泗水县农业 of 泗水县农业局)."""
    if crop.size == 0 or float(np.percentile(crop, 1)) <= HINT_GREY:
        return end
    cols = np.flatnonzero(ink_mask(rows, LIGHT_INK).any(axis=0))
    return max(end, int(cols[-1]) + 1) if cols.size else end


def read_rects(gray: Array, rects: list[Rect], em: float, leaves: dict[Rect, str] | None = None,
                hints: dict[Rect, str | None] | None = None, tint: Array | None = None,
                single: set[Rect] | None = None, placed: set[Rect] | None = None
                ) -> tuple[dict[Rect, list[tuple[str, float]]], dict[Rect, str], dict[Rect, str]]:  # fmt: skip
    """Text lines of every rect, all recognised in batches; a line that stops well short
    of the rect's right edge ends a paragraph, and its text ends in ``\n``. Each line's
    score is capped by the pixels' own evidence (``_evidence``), lines of the digit, date,
    e-mail and name fields (``leaves``: a rect's field) by a second look (``_probe``).
    Also returns the rects whose value may not be all that was written, with the kind
    (a key of ``_overflow.NOTES``): writing over their right or bottom rule first.
    ``single``: rects holding one field, not a date (a line read there with text makes
    the value's text); ``placed``: those of them placed by position, not by label (their
    value stays below review whatever a second look says)."""
    jobs: list[tuple[Rect, bool]] = []
    past: dict[int, str] = {}  # lines whose ink may go on (``_overflow.overrun``)
    crops: list[Array] = []
    grey: dict[Rect, str] = {}  # rects doubted for the placeholder (``_lines_of``), and why
    crossed: dict[Rect, str] = {}
    for rect in rects:
        found = lines_of(gray, rect, em, (hints or {}).get(rect, ""), tint)
        over = crossing(gray, rect, [r for _, r, _, hint, _, _ in found if not hint], em, _INSET, str(rect))
        if over:
            crossed[rect] = over
        for crop, _, short, hint, edge, note in found:
            if note:
                grey.setdefault(rect, note)
            if hint:
                continue
            if edge:
                past[len(jobs)] = edge
            jobs.append((rect, short))
            crops.append(crop)
    out: dict[Rect, list[tuple[str, float]]] = {r: [] for r in rects}
    whys: dict[Rect, str] = {}  # the first reason a line of the rect was doubted
    reads = read_crops(crops)
    names = leaves or {}
    ms = [measures(c, r.text, r.centres) for c, r in zip(crops, reads, strict=True)]
    odd = [suspect(c, r.text, r.centres, m) for c, r, m in zip(crops, reads, ms, strict=True)]
    evidence = [line_cap(c, r.text, r.centres, str(rect), m=m)
                for (rect, _), c, r, m in zip(jobs, crops, reads, ms, strict=True)]  # fmt: skip
    caps = [cap for cap, _ in evidence]
    digits = [_digits_doubt(c, r, names.get(rect, ""), str(rect))
              for (rect, _), c, r in zip(jobs, crops, reads, strict=True)]  # fmt: skip
    # a line already at or under DOUBT, or sure to be put there or under review (its ink
    # holds other digits, it runs past the cell's edge, its rect lost a light line to the
    # placeholder; the one field of its cell was written over the rule, or placed by
    # position: ``read_table`` doubts its text), gains nothing from a second look but the
    # model's time
    anyway = {r for r in crossed if r in (single or set())} | (placed or set())
    settled = [min(r.score, cap) <= DOUBT or bool(digits[n]) or n in past or rect in grey
               or rect in anyway
               for n, (r, cap, (rect, _)) in enumerate(zip(reads, caps, jobs, strict=True))]  # fmt: skip
    doubted = doubted_lines(crops, [r.text for r in reads], [names.get(r, "") for r, _ in jobs], odd,
                            [r.score for r in reads], alone=[r.alone for r in reads], settled=settled)
    for n, ((rect, short), crop, got) in enumerate(zip(jobs, crops, reads, strict=True)):
        text = normalise(got.text)
        cap, why = caps[n], evidence[n][1]
        if digits[n]:  # the ink holds other digits (``_digit_ink``)
            cap, why = min(cap, DOUBT), why or digits[n]
        if n in doubted or rect in grey or n in past:
            # read twice, differently; or a light line beside this one was taken for a
            # printed hint: a light hand's line would be lost without a word; or the
            # writing ran on past the cell's edge
            cap = min(cap, DOUBT)
            why = why or doubted.get(n, "") or (NOTES[past[n]] if n in past else grey[rect])
        if min(got.score, cap) < REVIEW_THRESHOLD and (text or int((crop < 150).sum()) > 0):
            whys.setdefault(rect, why or UNSURE)
        if n in past and text:
            crossed.setdefault(rect, past[n])
        if text:
            out[rect].append((text + ("\n" if short else ""), min(got.score, cap)))
        elif int((crop < 150).sum()) > 0.25 * em * em:
            out[rect].append(("", DOUBT))  # a line of ink read as nothing
            whys.setdefault(rect, UNREAD)
    for rect, note in grey.items():
        whys.setdefault(rect, note)
    return out, crossed, whys


def _digits_doubt(crop: Array, got: Read, leaf: str, key: str) -> str:
    """Why a line's digits do not match its ink (``_digit_ink``): a count's, postcode's or
    phone's digits against their glyphs; a date's month and day squeezed in small."""
    if leaf in DIGIT_FIELDS:
        return digit_doubt(crop, got.text, key)
    return small_date_digits(crop, got.text, got.centres) if leaf in _DATE_LEAVES else ""
