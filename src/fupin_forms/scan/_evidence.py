"""Evidence beyond the recogniser's own score, so a confidence above the review threshold
can be trusted.

PP-OCR's character probabilities say 0.99 for a line whose first character it silently
dropped, and for a crossed-out word read as if it were not crossed out. The pixels know
better. Per recognised line (a crop cut by ``_lines``):

- **ink for the text**: the ink's width in character heights against the width the text
  would take (a CJK character is about square, a digit or Latin letter about half as wide);
  much more ink than text means characters were dropped, much less means invented.
- **strike-through**: a long horizontal stroke across the middle of the writing.
- **grammar**: what the field admits (digits for counts, postcodes and phones; an e-mail
  shape; dates go through ``_dates``).

Beside these, ``_probe`` reads digit, date, e-mail and name lines (and the digits of any
line) a second time from the recogniser's own class probabilities, and ``_rows`` doubts a
ledger row that lost its 序号. The e-mail grammar also doubts a 1 or 0 among letters (an l
or o among digits): a hand's 1 and l are one stroke and the recogniser is sure of either.

Each check returns a cap on the confidence, not a vote: one doubt is enough for a person
to look. The limits were calibrated on the ``cal`` split of our degraded-scan set
(``bench/make_degraded.py``, ``bench/calibrate_evidence.py``): lines read right reached
ratio 1.25, lead 0.90, tail 0.68, gap 1.61 at most; each limit sits above that.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from datetime import date

import numpy as np
from numpy.typing import NDArray

from ._domains import real_domain

__all__ = [
    "DOUBT",
    "TRACE",
    "grammar_cap",
    "line_cap",
    "long_cap",
    "measures",
    "scribbled_span",
    "strike_through",
    "struck_span",
    "suspect",
    "text_width",
    "trusted",
]  # fmt: skip

DOUBT = 0.5  # the cap when evidence says a person must look
_INK = 150
_WIDE_MAX = 1.55  # ink wider than this × the text's width: a character was dropped
_NARROW_MIN = 0.45  # ink narrower than this × the text's width: characters were invented
_LEAD = 1.1  # ink starting this many heights before the first character read
_TAIL = 0.9  # ink ending this many heights after the last character read
_GAP = 2.2  # two characters read this far apart: something between them was skipped
_STRIKE = 2.0  # a middle stroke longer than this × the writing's height is a strike-through
# in the line's pitch (round 5, tuned sets: 294 lines read right reached lead 1.01, tail 1.17)
_LEAD_P = 1.2  # ink starting this many pitches before the first character read
_TAIL_P = 1.25  # ink ending this many pitches after the last
_SLIVER = 0.3  # a first piece of ink at the zone's edge ending this many pitches before the
# first character read (crafted cuts: dropped 0.52–0.95, read ≤ 0.04) ...
_SLIVER_W = 0.15  # ... at least this many heights wide (a rule's remnant at the edge of a
# ledger cell, 0.11, stood 0.47 pitches before a 入 read right)


def text_width(text: str) -> float:
    """Width of ``text`` in character heights: CJK and full-width marks 1, others ~0.55."""
    width = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            width += 1.0
        elif ch.isspace() or ch in ".,:;'|!il":
            width += 0.3
        else:
            width += 0.58
    return width


def _ink(gray: NDArray[np.uint8]) -> NDArray[np.bool_]:
    return np.asarray(gray < _INK)


def _extent(ink: NDArray[np.bool_]) -> tuple[int, int, int, int] | None:
    rows = np.flatnonzero(ink.sum(axis=1) >= 2)
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0 or cols.size == 0:
        return None
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def _strike(gray: NDArray[np.uint8]) -> float:
    return _strike_run(gray)[0]


def struck_span(gray: NDArray[np.uint8]) -> tuple[int, int] | None:
    """Columns (start, end) of the crossed-out part of a line crop, widened to the blank
    columns around the characters under the stroke; None when nothing is struck."""
    length, x0, x1 = _strike_run(gray)
    return _widen(gray, x0, x1) if length > _STRIKE else None


_ZIGZAG = re.compile(r"[VWAMNXvwamnx]{3,}")  # what the recogniser makes of a scribble


def scribbled_span(gray: NDArray[np.uint8], text: str, centres: tuple[float, ...]
                   ) -> tuple[int, int] | None:  # fmt: skip
    """Columns of a word scribbled over (a zig-zag the recogniser reads ``WAAAANMN``) in a
    line of Chinese, widened like ``struck_span``; None when there is none."""
    m = _ZIGZAG.search(text)
    if m is None or len(centres) != len(text) or not _CJK.search(text[: m.start()] + text[m.end() :]):
        return None
    box = _extent(_ink(gray))
    h = (box[3] - box[1]) if box else 0
    w = gray.shape[1]
    lo = max(0, int(centres[m.start()] * w - 0.4 * h))
    hi = min(w, int(centres[m.end() - 1] * w + 0.4 * h))
    return _widen(gray, lo, hi)


def _widen(gray: NDArray[np.uint8], x0: int, x1: int) -> tuple[int, int]:
    """Columns x0:x1 widened to the blank columns around the characters they cut, by
    half a character at most."""
    ink = np.asarray(_ink(gray).any(axis=0), dtype=bool)
    box = _extent(_ink(gray))
    reach = (box[3] - box[1]) // 2 if box else 0
    lo, hi = x0, x1
    while lo > 0 and x0 - lo < reach and ink[lo - 1]:
        lo -= 1
    while hi < ink.size and hi - x1 < reach and ink[hi]:
        hi += 1
    return lo, hi


def _strike_run(gray: NDArray[np.uint8]) -> tuple[float, int, int]:
    """The longest horizontal stroke through the middle band of the writing in ``gray``
    that also bridges the gaps *between* characters, in units of the writing's height (a
    crossed-out word: over 2). A bridge column holds little ink but the stroke: touching
    blurred digits or a slanted hand run long too, but not through near-empty columns."""
    box = _extent(_ink(gray))
    if box is None:
        return 0.0, 0, 0
    x0, y0, x1, y1 = box
    h = y1 - y0
    if h < 6:
        return 0.0, 0, 0
    # a pen stroke is thin and blurred: ink is what is darker than halfway to the paper
    flat = gray.ravel()
    n = flat.size
    part = np.partition(flat, (n // 100, (9 * n) // 10))
    paper, ink = float(part[(9 * n) // 10]), float(part[n // 100])
    dark = gray < (paper + ink) / 2
    column = dark[y0:y1].sum(axis=0)
    merged = dark.copy()
    # a stroke drawn by hand is not level: three rows together make one (a 2° tilt)
    merged[1:-1] = dark[:-2] | dark[1:-1] | dark[2:]
    band = merged[y0 + int(0.3 * h) : y0 + int(0.75 * h) + 1, x0:x1].astype(np.int8)
    if band.size == 0:
        return 0.0, 0, 0
    # every horizontal run of ink in the band at once: starts and ends, row-major
    edges = np.diff(np.pad(band, ((0, 0), (1, 1))), axis=1)
    _, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    thin = np.concatenate([[0], np.cumsum(column[x0:x1] <= 0.2 * h)])
    length = ends - starts
    bridged = (length > h) & (thin[ends] - thin[starts] >= 2)
    if not bridged.any():
        return 0.0, 0, 0
    best = int(np.argmax(np.where(bridged, length, 0)))
    return float(length[best]) / h, x0 + int(starts[best]), x0 + int(ends[best])


def strike_through(gray: NDArray[np.uint8]) -> bool:
    """A long horizontal stroke through the middle band of the writing in ``gray``."""
    return _strike(gray) > _STRIKE


def measures(gray: NDArray[np.uint8], text: str, centres: tuple[float, ...]) -> dict[str, float]:
    """The line's ink against its text, in units of the writing's height: ``ratio`` (ink
    width over the text's width), ``lead`` / ``tail`` (ink before the first / after the last
    recognised character's centre) and ``gap`` (the widest step between two centres); for a
    line of Chinese, ``lead_p`` / ``tail_p`` the same in its pitch (centre to centre); and
    when the ink starts at the crop's edge, ``sliver``: how far before the first character
    read the first piece of ink ends (a character cut by the zone's edge, dropped)."""
    box = _extent(_ink(gray))
    if box is None or not text:
        return {}
    # where the writing ends, faint ink included (a light 。 after the last character)
    flat = gray.ravel()
    part = np.partition(flat, (flat.size // 100, (9 * flat.size) // 10))
    faint = gray < max(_INK, (float(part[(9 * flat.size) // 10]) + float(part[flat.size // 100])) / 2)
    wide = _extent(faint)
    x0, y0, x1, y1 = box
    if wide is not None:
        x1 = max(x1, wide[2])
    h = float(max(y1 - y0, 8))
    out = {"ratio": (x1 - x0) / h / max(text_width(text), 0.5), "strike": _strike(gray)}
    if centres:
        w = gray.shape[1]
        px = [c * w for c in centres]
        out["lead"] = (px[0] - x0) / h
        out["tail"] = (x1 - px[-1]) / h
        out["gap"] = max((b - a for a, b in itertools.pairwise(px)), default=0.0) / h
        steps = [b - a for a, b in itertools.pairwise(px)]
        # in the line's own pitch (centre to centre): a hand's characters are as far apart
        # as they are wide, whatever their height or slant
        pitch = max(float(np.median(steps)), 0.4 * h) if steps else h
        if steps and all(_CJK.match(c) for c in text):
            out["lead_p"] = (px[0] - x0) / pitch
            out["tail_p"] = (x1 - px[-1]) / pitch
        if x0 <= 1:  # the ink starts at the crop's (the zone's) very edge: a cut character?
            inked = np.asarray(_ink(gray).any(axis=0), dtype=bool)
            end = x0
            while end < inked.size and inked[end]:
                end += 1
            if end - x0 < _SLIVER_W * h:
                end = -1  # a hair of ink: a ruling line's remnant, not a character's part
            # the first piece of ink ends this far (in pitches) before the first character
            # read: a sliver of a character the zone's edge cut, dropped by the recogniser
            if end >= 0:
                out["sliver"] = (px[0] - end) / pitch
    return out


_ODD_RATIO = 1.2  # ink this much wider than its text, or starting this many heights
_ODD_LEAD = 0.6  # before the first character: not yet a doubt, but worth a second look


def suspect(gray: NDArray[np.uint8], text: str, centres: tuple[float, ...],
            m: dict[str, float] | None = None) -> bool:  # fmt: skip
    """Below ``line_cap``'s limits but near them: a line worth reading a second time (a
    dropped first character left ink 0.86 heights before the first one read). ``m``: the
    line's ``measures`` when already taken."""
    m = measures(gray, text, centres) if m is None else m
    return bool(m) and (m["ratio"] > _ODD_RATIO or m.get("lead", 0.0) > _ODD_LEAD)


TRACE: list[tuple[str, str, dict[str, float]]] | None = None  # set by the calibration bench


def line_cap(gray: NDArray[np.uint8], text: str, centres: tuple[float, ...] = (),
             key: str = "", date: bool = False, m: dict[str, float] | None = None,
             ) -> tuple[float, str]:  # fmt: skip
    """The confidence cap for ``text`` read from the line crop ``gray`` with character
    centres ``centres`` (fractions of its width), and the reason ("" when the pixels
    agree with the text). ``m``: the line's ``measures`` when already taken."""
    m = measures(gray, text, centres) if m is None else m
    if TRACE is not None:
        TRACE.append((key, text, m))
    if not m:
        return 1.0, ""
    if m["strike"] > _STRIKE and not date:
        return DOUBT, "划改"
    if m["ratio"] > _WIDE_MAX:
        return DOUBT, "墨迹多于识别出的文字"
    if m["ratio"] < _NARROW_MIN and len(text) > 2:
        return DOUBT, "识别出的文字多于墨迹"
    if m.get("lead", 0.0) > _LEAD or m.get("tail", 0.0) > _TAIL:
        return DOUBT, "识别出的文字之外还有墨迹"
    if m.get("lead_p", 0.0) > _LEAD_P or m.get("tail_p", 0.0) > _TAIL_P:
        return DOUBT, "识别出的文字之外还有墨迹"
    if not date and m.get("sliver", -1.0) > _SLIVER:
        return DOUBT, "格子边上的第一个字可能没读到"
    if not date and m.get("gap", 0.0) > _GAP:
        return DOUBT, "一行中间有大段空白或漏字"
    return 1.0, ""


_TRUST = 0.9  # the recogniser's least-sure character below this is not trusted
_LONG = 20  # characters: a line this long must be surer (``long_cap``)
_LONG_TRUST = 0.99


def long_cap(text: str, score: float) -> float:
    """A long line (a sentence of 项目内容) has many places to drop a character without
    any character being unsure: 、 between 防治 and 合理, a small % after 10 (both at a
    least-sure 0.93–0.98 on our degraded set). Its least-sure character must reach
    ``_LONG_TRUST`` to be trusted; shorter lines keep ``_TRUST``."""
    return DOUBT if len(text) >= _LONG and score < _LONG_TRUST else 1.0


def trusted(score: float, threshold: float) -> float:
    """The recogniser's score as a confidence: a least-sure character under ``_TRUST``
    maps below ``threshold`` (review), scores above stay. On the calibration split, no
    wrong value scored 0.9 or more by itself. (Round 6 weighed a lower limit per field
    kind, ``bench/calib_table.py``: fresh blind pages had wrong text and counts flagged by
    this alone at 0.805–0.876, names and dates at 0.755, so the limit stays.)"""
    return score if score >= _TRUST else score * threshold / _TRUST * 0.99


_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCES = ("opinion", "project_content")
_DATES = ("filled_on", "signed_on", "date")
_PERSONS = ("applicant_name", "contact", "contact_person", "unit_head", "expert")
_NAME_MAX = 5
_YEAR = re.compile(r"^(\d{4})")
_LONE_LATIN = re.compile(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])")
_DIGITS = re.compile(r"\d+")
_BARE_NUMBER = re.compile(r"[\u4e00-\u9fff]\d+$")
_UNITS = ("outcome", "activity", "project_content", "project_name", "address", "employer",
          "unit_name", "place")  # fmt: skip
_POSTCODE = re.compile(r"\d{6}")
_PHONE = re.compile(r"[\d\-—－()（）转 ]{7,}")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(\.[\w\-]+)+")


def _in_words(text: str, leaf: str) -> bool:
    from ._lexicon import in_words  # the word list loads on first use

    return in_words(text, leaf)


def grammar_cap(path: str, text: str) -> float:
    """``DOUBT`` when ``text`` cannot be the value of the field at ``path``, else 1."""
    if not text:
        return 1.0
    if _CJK.search(text) and any(c in text for c in "·•・"):
        return DOUBT  # a middle dot in Chinese text is a misread comma or a speck
    leaf = path.rsplit(".", 1)[-1]
    if leaf != "email" and _CJK.search(text) and _LONE_LATIN.search(text):
        return DOUBT  # one Latin letter among Chinese characters: a misread character
    year = _YEAR.search(text)
    if leaf in _DATES and year and not 2000 <= int(year.group(1)) <= date.today().year + 1:
        return DOUBT  # a year from another era: a misread digit (2076 for 2016)
    if leaf in _SENTENCES and _CJK.fullmatch(text[-1]) and len(text) > 1:
        # a sentence whose last mark is missing: a light 。 is the recogniser's most
        # frequent silent drop, and the pixels cannot always tell it from paper
        return DOUBT
    if leaf in _PERSONS and any(c.isdigit() for c in text):
        return DOUBT  # a name holds no digit: a phone written in the name's box (or read there)
    if leaf in _PERSONS and len(_CJK.findall(text)) > _NAME_MAX and not any(c in text for c in "·•・"):
        return DOUBT  # a person's name is 2–4 characters; more is a label or a line run together
    if leaf in ("specialty", "title") and _CJK.fullmatch(text[:1]) and not _in_words(text, leaf):
        return DOUBT  # not made of words: a name read into the field, or a misread character
    if leaf in _UNITS and _BARE_NUMBER.search(text):
        # a count in Chinese prose takes its unit (3个, 37元, 94号): a number ending the
        # value is one whose unit was not read (written under the rule, past the box)
        return DOUBT
    if leaf in ("participants", "seq"):
        return 1.0 if _DIGITS.fullmatch(text) else DOUBT
    if leaf == "postcode":
        return 1.0 if _POSTCODE.fullmatch(text) else DOUBT
    if leaf == "phone":
        digits = sum(c.isdigit() for c in text)
        return 1.0 if _PHONE.fullmatch(text) and digits >= 7 else DOUBT
    if leaf == "email":
        # a domain under no public suffix (sina.con) is a misread top-level domain
        ok = _EMAIL.fullmatch(text) and not _confusable(text) and real_domain(text.rpartition("@")[2])
        return 1.0 if ok else DOUBT
    return 1.0


_LOOK_ALIKE = {"1": "lI", "0": "oO", "l": "1", "I": "1", "o": "0", "O": "0"}


def _confusable(email: str) -> bool:
    """A 1 or 0 among letters, or an l, I, o, O among digits, in an e-mail's local part:
    a hand's 1 and l (0 and o) are the same stroke, the recogniser is sure of either, and
    the charset admits both (``1ixm21`` for ``lixm21`` at 0.99)."""
    local = email.partition("@")[0]
    for n, ch in enumerate(local):
        if ch not in _LOOK_ALIKE:
            continue
        around = [c for c in local[max(0, n - 1) : n] + local[n + 1 : n + 2] if c.isalnum()]
        if around and all(c.isdigit() != ch.isdigit() for c in around):
            return True
    return False
