"""Value types for what people write on Chinese forms.

Each type is an ``Annotated`` str/date with a before-validator that normalises the spellings
clerks and experts actually use (full-width digits, ``2016年3月5日``, ``二〇一六年三月五日``,
``(0539)3261847``) and rejects values that cannot be right. Blank input becomes ``None``: a
missing value makes a form *incomplete*, which the rules judge; a wrong one makes it *invalid*,
which pydantic reports here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer

from .._text import clean_text

__all__ = [
    "Email",
    "FormDate",
    "Phone",
    "Postcode",
    "Text",
    "blank_date",
    "blank_to_none",
    "cn_date",
    "normalize_text",
    "parse_date",
    "parse_email",
    "parse_phone",
    "parse_postcode",
]

_WS = " \t\r\n\u3000\u00a0\ufeff\u200b"
# Full-width ASCII letters and digits only: Chinese punctuation (，。：) is left alone in text.
_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
}


def normalize_text(value: str) -> str:
    """Trim whitespace (full-width too), unify newlines, turn full-width letters/digits ASCII;
    control and bidi characters (invisible, and fatal to XML writers) are dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_FULLWIDTH_ALNUM)
    value = clean_text(value)
    return value.strip(_WS)


def blank_to_none(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = normalize_text(value)
        return value or None
    return value


def _ascii(value: str) -> str:
    """NFKC folds full-width digits and punctuation (－，（）＠．) to ASCII."""
    return unicodedata.normalize("NFKC", value).strip(_WS)


_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"(0\d{2,3})(\d{7,8})")
_EXT_WORDS = re.compile(r"(转|分机|ext\.?|x)\s*", re.IGNORECASE)


def parse_phone(value: str) -> str:
    """Mobile ``13812345678`` or landline ``0539-3261847`` (``-123`` extension)."""
    raw = _ascii(value)
    text = _EXT_WORDS.sub("#", raw)
    text = re.sub(r"^\+?86[\s-]*(?=1[3-9]\d{9}$|0?\d{9,11}(#|$))", "", text.replace(" ", ""))
    main, _, ext = text.partition("#")
    digits = re.sub(r"[\s()\-–—.]", "", main)
    if not digits.isdigit():
        raise ValueError(f"电话号码含有无法识别的字符：{raw!r}")
    if _MOBILE.fullmatch(digits):
        if ext:
            raise ValueError(f"手机号码不能带分机号：{raw!r}")
        return digits
    if not digits.startswith("0") and len(digits) in (7, 8) and not ext and "-" not in main:
        raise ValueError(f"固定电话缺少区号（如 0539-3261847）：{raw!r}")
    compact = main.replace(" ", "")
    if re.search(r"[-()]", compact):  # a hyphen or bracket after the area code tells its length
        m = re.fullmatch(r"\(?(0\d{2,3})\)?-?(\d{7,8})(?:-(\d{1,6}))?", compact)
        if m is None:
            raise ValueError(f"不是有效的手机或固定电话号码：{raw!r}")
        area, local, ext = m[1], m[2], ext or m[3] or ""
    else:  # digits only: 01x and 02x area codes have three digits, all others four
        n = 3 if digits[1:2] in ("1", "2") else 4
        area, local = digits[:n], digits[n:]
    if not (_LANDLINE.fullmatch(area + local) and 3 <= len(area) <= 4 and 7 <= len(local) <= 8):
        raise ValueError(f"不是有效的手机或固定电话号码：{raw!r}")
    if ext and not re.fullmatch(r"\d{1,6}", ext):
        raise ValueError(f"分机号应为 1–6 位数字：{raw!r}")
    return f"{area}-{local}" + (f"-{ext}" if ext else "")


def parse_postcode(value: str) -> str:
    raw = _ascii(value).replace(" ", "")
    if not re.fullmatch(r"\d{6}", raw):
        raise ValueError(f"应为 6 位数字：{value.strip()!r}")
    return raw


_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+")


def parse_email(value: str) -> str:
    raw = _ascii(value).replace("＠", "@").replace(" ", "")
    if not _EMAIL.fullmatch(raw) or ".." in raw:
        raise ValueError(f"不是有效的电子邮箱：{value.strip()!r}")
    local, _, domain = raw.partition("@")
    return f"{local}@{domain.lower()}"


_CN_DIGITS = "〇零一二三四五六七八九十"
_DATE_PATTERNS = (
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
    re.compile(r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def parse_date(value: Any) -> dt.date:
    """``2016-03-05``, ``2016年3月5日``, ``2016.3.5``, ``2016/3/5``, ``二〇一六年三月五日``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = _ascii(str(value))
    text = raw
    if any(c in _CN_DIGITS for c in text):
        # cn2an reads 二〇一六 as 2016 and 三十一 as 31; "〇" alone is its own digit.
        import cn2an  # loaded on first use: it takes longer to import than the models

        text = cn2an.transform(text.replace("○", "〇"), "cn2an")
    text = re.sub(r"\s+", "", text).removesuffix("号")
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return dt.date(y, mo, d)
            except ValueError:
                raise ValueError(f"日期不存在：{raw!r}") from None
    raise ValueError(f"无法识别的日期（应如 2016年3月5日 或 2016-03-05）：{raw!r}")


def cn_date(value: dt.date | str | None) -> str:
    """``2016-03-05`` (a date or its ISO text) → ``2016年3月5日``, the way the forms print
    dates; blank → ``""``. ValueError if a text is not an ISO date."""
    if value is None or value == "":
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return f"{day.year}年{day.month}月{day.day}日"


_SKELETON = re.compile(r"^[\s\u3000_＿年月日号.\-/]*$")


def blank_date(text: str) -> bool:
    """A date left blank: nothing, or only the printed ``  年  月  日`` (its underscores or
    separators). Every reader and the models use this one rule; any other text is an answer,
    read as a date or reported with the text (``待定`` is never silently blank)."""
    return bool(_SKELETON.match(text))


def _blank_date(value: Any) -> Any:
    value = blank_to_none(value)
    if isinstance(value, str) and blank_date(value):
        return None  # an untouched "  年  月  日" line is a blank date, not a wrong one
    return None if value is None else parse_date(value)


def _typed(fn: Any) -> Any:
    def validator(value: Any) -> Any:
        value = blank_to_none(value)
        if value is None:
            return None
        if not isinstance(value, str):
            value = str(value)
        return fn(value)

    return validator


Text = Annotated[str | None, BeforeValidator(blank_to_none)]
Phone = Annotated[
    str | None,
    BeforeValidator(_typed(parse_phone)),
    Field(json_schema_extra={"format": "phone-cn", "x-personal": True}),
]
Postcode = Annotated[
    str | None,
    BeforeValidator(_typed(parse_postcode)),
    Field(json_schema_extra={"pattern": r"^\d{6}$"}),
]
Email = Annotated[
    str | None,
    BeforeValidator(_typed(parse_email)),
    Field(json_schema_extra={"format": "email", "x-personal": True}),
]
FormDate = Annotated[
    dt.date | None,
    BeforeValidator(_blank_date),
    PlainSerializer(lambda d: d.isoformat() if d else None, return_type=str | None),
]
