"""Dates read from a form follow one grammar, ``YYYY年M月D日``: the 年, 月 and 日 are printed,
only the digits are written. OCR that finds the three digit groups but garbles a printed
character between them is put back into that grammar; digits are never added, dropped or
changed, and anything else stays as read with a confidence low enough for a person to look.
"""

from __future__ import annotations

import re

__all__ = ["fix_date"]

_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_GROUPS = re.compile(r"(\d{4})[^\d]{1,2}(\d{1,2})[^\d]{1,2}(\d{1,2})[^\d]{0,2}")
_LOOKALIKE = str.maketrans({"曰": "日", "目": "日", "－": "-"})
_PRINTED = set("年月日")
_REPAIRED = 0.85  # grammar-repaired: trusted, but below a clean read
_INVALID = 0.5  # not a date: a person must look


def _valid(year: str, month: str, day: str) -> bool:
    return 1900 < int(year) < 2100 and 1 <= int(month) <= 12 and 1 <= int(day) <= 31


def fix_date(text: str, confidence: float) -> tuple[str, float]:
    """``text`` read from a date zone, in the date grammar when that is unambiguous."""
    text = text.translate(_LOOKALIKE).strip()
    if not (set(text) - _PRINTED - {" ", "\u3000"}):
        return "", confidence  # only the printed 年 月 日 read: nobody dated it
    m = _DATE.fullmatch(text)
    if m and _valid(*m.groups()):
        return text, confidence
    m = _GROUPS.fullmatch(text)
    if m and _valid(*m.groups()):
        year, month, day = m.groups()
        return f"{year}年{int(month)}月{int(day)}日", min(confidence, _REPAIRED)
    return text, min(confidence, _INVALID)
