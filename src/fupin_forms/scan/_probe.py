"""A second look at a line: the recogniser's class probabilities, read and decoded here.

RapidOCR decodes its recogniser's per-column class probabilities (CTC) greedily and keeps
only the winners. For a name or a digit field the runner-up matters: 字 at 0.81 beside 宇 at
0.19 is one stroke from the right name, and a batch hides even that: every line of a batch
is padded with grey to the widest one, which moves the probabilities (the same crop scored
0.93 in the page's batch and 0.81 alone). This module runs the same model on one line at a
time and decodes the columns itself:

- **freely**, from a binarised copy of the line (a second, independent reading), and
- **constrained** to the field's alphabet (digits for counts, postcodes, phones; the
  e-mail charset; digits and the printed 年月日 for dates): the best reading the field's
  grammar admits, from the same probabilities.

Both are evidence against the first reading, never a value by themselves: ``_read`` and
``_unmarked`` doubt a line whose readings disagree or whose least sure character is unsure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
from numpy.typing import NDArray

from ._lexicon import confusables
from ._ocr import _recogniser, normalise, probs_alone

__all__ = ["ALPHABETS", "Look", "class_probs", "decode", "doubted_lines", "look_again", "recover"]

_DIGITS = "0123456789"
ALPHABETS = {  # field leaf → the characters its value (as written) can hold
    "participants": _DIGITS,
    "seq": _DIGITS,
    "postcode": _DIGITS,
    "phone": _DIGITS + "-",
    "date": _DIGITS + "年月日.-/",
    "filled_on": _DIGITS + "年月日.-/",
    "signed_on": _DIGITS + "年月日.-/",
    "email": _DIGITS + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@._-",
}
_EMAIL_CHARS = frozenset(ALPHABETS["email"]) - {"@"}


@dataclass(frozen=True)
class Look:
    """One decoding of a line: text, least sure character's probability, and the highest
    probability any other character had where one was emitted (the runner-up)."""

    text: str
    least: float
    runner: float
    steps: tuple[int, ...] = ()  # the column each character was emitted at
    digits: float = 1.0  # the least sure digit's probability (1 with no digit)
    each: tuple[float, ...] = ()  # every character's probability, in order
    second: tuple[tuple[str, float], ...] = ()  # every character's runner-up and its probability


def class_probs(crop: NDArray[np.uint8]) -> NDArray[np.float32] | None:
    """Per-column class probabilities (columns × classes) of one line image, read alone;
    ``None`` when the recogniser's internals are not reachable (see ``_ocr._recogniser``)."""
    rec = _recogniser()
    if rec is None or crop.size == 0:
        return None
    return probs_alone(rec, crop)


@cache
def _charset() -> tuple[str, ...]:
    rec = _recogniser()
    return tuple(rec.postprocess_op.character) if rec is not None else ()


@cache
def _mask(alphabet: str) -> NDArray[np.bool_]:
    chars = _charset()
    mask = np.array([c in alphabet for c in chars], dtype=bool)
    mask[0] = True  # the CTC blank
    return mask


def decode(probs: NDArray[np.float32], alphabet: str | None = None) -> Look:
    """Greedy CTC decoding of ``probs``, over every class or only ``alphabet``'s."""
    chars = _charset()
    p = probs if alphabet is None else np.where(_mask(alphabet), probs, 0.0)
    best = p.argmax(axis=1)
    text, least, runner, steps, digits, each, second = [], 1.0, 0.0, [], 1.0, [], []
    prev = 0
    for t, k in enumerate(best):
        if k != 0 and k != prev:
            text.append(chars[k])
            steps.append(t)
            row = p[t].copy()
            least = min(least, float(row[k]))
            each.append(float(row[k]))
            if chars[k].isdigit():
                digits = min(digits, float(row[k]))
            row[[0, k]] = 0.0
            runner = max(runner, float(row.max()))
            second.append((chars[int(row.argmax())], float(row.max())))
        prev = int(k)
    return Look("".join(text), least if text else 0.0, runner, tuple(steps), digits, tuple(each),
                tuple(second))  # fmt: skip


_VALID = {  # what a recovered reading must be to be offered at all
    "participants": re.compile(r"\d{1,5}"),
    "seq": re.compile(r"\d{1,3}"),
    "postcode": re.compile(r"\d{6}"),
    "phone": re.compile(r"\d[\d-]{5,}\d"),
    "email": re.compile(r"[\w.\-]+@[\w\-]+(\.[\w\-]+)+"),
}


def recover(crop: NDArray[np.uint8], leaf: str, alone: NDArray[np.float32] | None = None) -> str | None:
    """The reading of ``crop`` the grammar of field ``leaf`` admits, from the recogniser's
    own probabilities, or None: digits only for counts, postcodes and phones; for an
    e-mail, the charset and one ``@`` where the recogniser gave it most weight (a hand's @
    is often read ``0``, ``o`` or ``e``). For a line whose free reading broke the grammar:
    the value then is a guess with evidence, for a person to confirm, never trusted.
    ``alone``: the crop's probabilities when the first reading already read it alone."""
    pattern = _VALID.get(leaf)
    probs = (alone if alone is not None else class_probs(crop)) if pattern is not None else None
    if probs is None or pattern is None:
        return None
    look = decode(probs, ALPHABETS[leaf])
    text = look.text
    if leaf == "email" and "@" not in text:
        # the column that most looks like @: it replaces the character read there, or
        # goes between the characters around it when it was read as a gap
        col = int(probs[:, _charset().index("@")].argmax())
        before = sum(1 for t in look.steps if t < col)
        after = before + (1 if col in look.steps else 0)
        text = text[:before] + "@" + text[after:]
    elif leaf == "email" and "@" in text:
        text = _real_domain(look, text)
    return text if pattern.fullmatch(text) else None


def _real_domain(look: Look, text: str) -> str:
    """An e-mail whose domain is on no registry (``sina.con``): the one-character change
    in the domain, to the recogniser's own runner-up there, that makes it a real domain,
    taking the likeliest runner-up (``sina.com``: 'm' was the runner-up of the last 'n').
    The hand wrote a real domain; unchanged when no runner-up makes one. (The recovered
    value is a guess with evidence, for a person to confirm: ``_read`` keeps it doubted.)"""
    from ._domains import real_domain

    at = text.rindex("@")
    if real_domain(text[at + 1 :]) or len(look.second) != len(text):
        return text
    tries = sorted(((p, k, ch) for k, (ch, p) in enumerate(look.second) if k > at), reverse=True)
    for _p, k, ch in tries:
        if ch in _EMAIL_CHARS and real_domain((text[:k] + ch + text[k + 1 :])[at + 1 :]):
            return text[:k] + ch + text[k + 1 :]
    return text


def _binary(crop: NDArray[np.uint8]) -> NDArray[np.uint8]:
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
    return np.asarray(cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1],
                      dtype=np.uint8)  # fmt: skip


_WHOLE = "*"  # compare the whole text, in simplified characters, without punctuation
_MARKS = re.compile(r"[\W_]+")


# a letter a hand's digit is read as, in a field that holds only digits: the second look
# reads the same shape (5 as S, 0 as O, 1 as l), not another number
_AS_DIGIT = str.maketrans("OoDlI|ZzSsBbgq", "00011122558699")
# what a hand's @ is read as (lower case): one character where the first reading had the @
_AT_LOOKALIKES = "oe0a"


def _same(a: str, b: str, leaf: str) -> bool:
    """Do two readings agree: on the whole text for names and e-mails, else on the digits.

    Differences in a class of characters that cannot change the value are not disagreement
    (calibrated in ``bench/calib_table.py``: on the tuned sets each flagged only values read
    right): a name's character in its traditional form (黃丽 for 黄丽: the value is
    simplified anyway, ``normalise``), a digit field's digit read as its look-alike letter
    (S for 5), an e-mail's ``@`` read as ``o`` or ``0`` where the first reading has it."""
    if leaf == _WHOLE:
        return _MARKS.sub("", normalise(a)) == _MARKS.sub("", normalise(b))
    if leaf != "email" and leaf not in _NAMES:
        if leaf in ALPHABETS:  # a digit field (or a date): look-alike letters are its digits
            a, b = a.translate(_AS_DIGIT), b.translate(_AS_DIGIT)
        return re.sub(r"\D", "", a) == re.sub(r"\D", "", b)
    if leaf in _NAMES:
        return normalise(a).replace(" ", "") == normalise(b).replace(" ", "")
    a, b = a.replace(" ", "").lower(), b.replace(" ", "").lower()
    return a == b or _at_misread(a, b) or _at_misread(b, a)


def _least_that_matters(look: Look, first: str, leaf: str) -> float:
    """The second reading's least sure character among those the value depends on: a
    date's or a digit field's digits (its 年月日 and dashes are printed or dropped); for a
    name or an e-mail every character but a traditional form of the first reading's (the
    same name) or the look-alike read for its ``@``. On the tuned sets the characters left
    out were below ``_UNSURE`` only in values read right (``bench/calib_table.py``); a
    date's digits are held to ``_DIGIT_SURE``, as a count's are (2010 read for 2016 agreed
    twice, its least sure digit at 0.92, every date read right that this lets through at
    0.98 or more)."""
    if leaf in ALPHABETS and leaf != "email":
        return look.digits
    if len(look.each) != len(look.text):
        return look.least
    skip = -1
    if leaf == "email" and "@" not in look.text and first.count("@") == 1 \
            and len(look.text) == len(first):  # fmt: skip
        skip = first.index("@")  # the look-alike stands where the first reading has the @
    kept = [p for n, (ch, p) in enumerate(zip(look.text, look.each, strict=True))
            if n != skip and not (leaf in _NAMES and normalise(ch) != ch)]  # fmt: skip
    return min(kept, default=look.least) if look.text else look.least


def _at_misread(a: str, b: str) -> bool:
    """``b`` is the e-mail ``a`` with its one ``@`` read as a look-alike (or missed)."""
    if a.count("@") != 1 or "@" in b:
        return False
    local, _, domain = a.partition("@")
    if not (b.startswith(local) and b.endswith(domain)):
        return False
    middle = b[len(local) : len(b) - len(domain)]
    if len(b) < len(local) + len(domain) or len(middle) > 1:
        return False
    return middle == "" or middle in _AT_LOOKALIKES


_NAMES = ("applicant_name", "contact", "contact_person", "unit_head", "expert")
_DIGIT = re.compile(r"\d")
TRACE: list[tuple[str, str, str, float, float]] | None = None  # set by bench/calibrate_probe.py
_UNSURE = 0.9  # a character of the second reading below this is not trusted
# a hand's 7 and 1, 4 and 1 differ by one stroke: a digit the second reading is less sure
# of than this is doubted in any line (a date's digits are judged by _UNSURE alone)
_DIGIT_SURE = 0.97
_DATES = ("date", "filled_on", "signed_on")
_SURE_ALONE = 0.98  # a first reading this sure is not read a third time, alone (cost)


# a name has no dictionary to check it against: a character whose runner-up in the second
# look is one of its look-alikes (``_lexicon.confusables``: 凤 with 风 behind it) must be read
# at least ``_NAME_SURE``; a traditional form as runner-up (馮 behind 冯) is the same name
_NAME_SURE = 0.99
_PARTNER = 0.004  # the look-alike's probability that makes the doubt live
NAME_TRACE: list[tuple[str, tuple[float, ...], tuple[tuple[str, float], ...]]] | None = None


def _unsure_lookalike(look: Look) -> bool:
    """A character read with less than ``_NAME_SURE`` whose runner-up, at ``_PARTNER`` or
    more, is a character the recogniser is known to read in its place."""
    table = confusables()
    if NAME_TRACE is not None:
        NAME_TRACE.append((look.text, look.each, look.second))
    return any(
        p < _NAME_SURE and q >= _PARTNER and normalise(alt) in table.get(ch, "")
        for ch, p, (alt, q) in zip(look.text, look.each, look.second, strict=True)
    )


def look_again(crop: NDArray[np.uint8], first: str, leaf: str, score: float = 0.0,
               alone: bool = False) -> tuple[str, str]:  # fmt: skip
    """A second reading of ``crop`` (binarised, alone) against the ``first`` text of the
    field ``leaf``, read with least-sure ``score`` (``alone``: the first reading was of the
    line by itself already, ``_ocr.Read.alone``): (reason to doubt or "", the
    field-constrained reading or "")."""
    probs = class_probs(_binary(crop))
    if probs is None:
        return "", ""
    free = decode(probs)
    alphabet = ALPHABETS.get(leaf)
    constrained = decode(probs, alphabet).text if alphabet else ""
    if TRACE is not None:
        TRACE.append((leaf, first, free.text, free.least, free.digits))
    if not _same(free.text, first, leaf):
        return "两次识别不一致", constrained
    limit = _DIGIT_SURE if leaf in _DATES else _UNSURE  # a date's digits: as sure as a count's
    if (leaf in ALPHABETS or leaf in _NAMES) and _least_that_matters(free, first, leaf) < limit:
        return "第二次识别不确定", constrained
    if free.digits < _DIGIT_SURE and leaf not in _DATES:
        return "数字不确定", constrained
    if leaf in _NAMES and _unsure_lookalike(free):
        return "可能误认形近字", constrained
    if (leaf in ALPHABETS or leaf in _NAMES) and score < _SURE_ALONE and not alone:
        # and the line as it is, alone: a batch pads it to its widest line, which can
        # tip a 1/7 or 宇/字 one way (13740754436 at 0.92 in the batch, 1 at 0.54 alone)
        single = class_probs(crop)
        if single is not None and not _same(decode(single).text, first, leaf):
            return "单独识别结果不同", constrained
    return "", constrained


def doubted_lines(crops: list[NDArray[np.uint8]], texts: list[str], leaves: list[str],
                  suspect: list[bool] | None = None, scores: list[float] | None = None,
                  alone: list[bool] | None = None, settled: list[bool] | None = None,
                  ) -> dict[int, str]:  # fmt: skip
    """Indices of the lines whose second look doubts their first reading ``texts``, with
    the reason (``look_again``'s): lines
    of digit, date, e-mail and name fields (``leaves``: the field's last path part), the
    digits of any other line that has some (学员27人 read 学员21人), and the whole text of
    a ``suspect`` line (its ink already a little wider than its text), so the extra cost
    stays a few short lines per page. ``alone``: lines whose first reading was of the
    line unpadded (``_ocr.Read.alone``): reading it by itself once more would repeat it.
    ``settled``: lines whose confidence is already at or under ``_evidence.DOUBT``, where
    a doubt changes nothing: they are not looked at again (the model's time per page)."""
    odd = suspect or [False] * len(crops)
    sure = scores or [0.0] * len(crops)
    done = settled or [False] * len(crops)
    single = alone or [False] * len(crops)
    out = {}
    for n, (crop, text, leaf) in enumerate(zip(crops, texts, leaves, strict=True)):
        if not text or done[n]:
            continue
        why = ""
        if leaf in ALPHABETS or leaf in _NAMES or _DIGIT.search(text):
            why = look_again(crop, text, leaf, sure[n], single[n])[0]
        elif odd[n]:
            why = look_again(crop, text, _WHOLE)[0]
        if why:
            out[n] = why
    return out


def keeps(leaf: str) -> bool:
    """Will the second look want this field's line as read alone (``recover``)?"""
    return leaf in _VALID
