"""Dates read from a form follow one grammar, ``YYYY年M月D日``: the 年, 月 and 日 are printed,
only the digits are written. OCR that finds the three digit groups but garbles a printed
character between them is put back into that grammar; digits are never dropped or changed,
and anything else stays as read with a confidence low enough for a person to look.

Two short forms people write on the printed skeleton are read as what they mean, always for
a person to confirm: a two-digit year (``16年3月8日``: the forms are from this century, but
a misread ``2016`` → ``20`` must not pass as 2020 unseen), and the year and day in Chinese
numerals (``二〇一六年三月八日``), each group read whole or not at all.
"""

from __future__ import annotations

import re

__all__ = ["fix_date"]

_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_GROUPS = re.compile(r"(\d{4}|\d{2})[^\d]{1,2}(\d{1,2})[^\d]{1,2}(\d{1,2})[^\d]{0,2}")
_LOOKALIKE = str.maketrans({"曰": "日", "目": "日", "－": "-"})
_PRINTED = set("年月日")
_REPAIRED = 0.85  # grammar-repaired: trusted, but below a clean read
_SHORT = 0.75  # a short form expanded (century, Chinese numerals): for a person to confirm
_INVALID = 0.5  # not a date: a person must look
_CN_DIGIT = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "O": 0, "o": 0}
_CN_DATE = re.compile(r"([〇零Oo一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                      r"([一二三四五六七八九十]{1,3})[日曰目]?")


def _valid(year: str, month: str, day: str) -> bool:
    return 1900 < int(year) < 2100 and 1 <= int(month) <= 12 and 1 <= int(day) <= 31


def _cn_number(text: str) -> int | None:
    """一 … 九, 十, 十二, 二十, 二十八, 三十一: the numbers of months and days; else None."""
    if "十" not in text:
        return _CN_DIGIT[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _chinese(text: str) -> str | None:
    """``二〇一六年三月八日`` → ``2016年3月8日``; None unless every group reads whole."""
    m = _CN_DATE.fullmatch(text)
    if not m:
        return None
    year = "".join(str(_CN_DIGIT[c]) for c in m.group(1))
    month, day = _cn_number(m.group(2)), _cn_number(m.group(3))
    if month is None or day is None or not _valid(year, str(month), str(day)):
        return None
    return f"{year}年{month}月{day}日"


def fix_date(text: str, confidence: float) -> tuple[str, float]:
    """``text`` read from a date zone, in the date grammar when that is unambiguous."""
    text = text.translate(_LOOKALIKE).strip()
    if not (set(text) - _PRINTED - {" ", "\u3000"}):
        return "", confidence  # only the printed 年 月 日 read: nobody dated it
    m = _DATE.fullmatch(text)
    if m and _valid(*m.groups()):
        return text, confidence
    m = _GROUPS.fullmatch(text)
    if m:
        year, month, day = m.groups()
        short = len(year) == 2
        year = "20" + year if short else year
        if _valid(year, month, day):
            cap = _SHORT if short else _REPAIRED
            return f"{year}年{int(month)}月{int(day)}日", min(confidence, cap)
    spelled = _chinese(re.sub(r"\s+", "", text))
    if spelled is not None:
        return spelled, min(confidence, _SHORT)
    return text, min(confidence, _INVALID)
