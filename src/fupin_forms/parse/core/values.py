"""Turning a cell's text into a value, one rule per kind for every format: dates, choices,
approval boxes, plain text. Nothing here compares text with a hint's wording."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from ...labels import CATEGORY_MARKS, CATEGORY_VARIANTS, SKELETON_WORDS
from ...models import blank_date, parse_date

__all__ = [
    "Approval",
    "DateRead",
    "clean_text",
    "parse_int",
    "read_approval",
    "read_choice",
    "read_date",
]

_WS = " \t\r\n\u3000\u00a0"
_CLOSING = "，。；：、！？）》」』”’,.;:!?)"
_CJK = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def clean_text(text: str, multiline: bool) -> str | None:
    """Trimmed text; a one-line field's line breaks are soft wraps and are joined."""
    lines = [line.strip(_WS) for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return None
    if multiline:  # a line never starts with a closing mark: that break is a soft wrap
        joined = [lines[0]]
        for line in lines[1:]:
            if line[0] in _CLOSING:
                joined[-1] += line
            else:
                joined.append(line)
        return "\n".join(joined)
    out = lines[0]
    for line in lines[1:]:
        joint = "" if _CJK.match(line[0]) or _CJK.match(out[-1]) else " "
        out += joint + line
    return out


_CN = "〇○零一二三四五六七八九十"
_NO_YEAR = (
    re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"),
    re.compile(r"^(\d{1,2})\s*[./\-]\s*(\d{1,2})$"),
)


# Words people add after a date that say nothing about the day: a weekday, a time of day.
_DATE_NOISE = re.compile(
    r"[（(]\s*(?:星期|礼拜|周)[一二三四五六日天]\s*[)）]|(?:星期|礼拜|周)[一二三四五六日天]"
    r"|上午|下午|中午|晚上|早上|全天"
    r"|\d{1,2}\s*[:：]\s*\d{2}(?:\s*[-–—~～至到]\s*\d{1,2}\s*[:：]\s*\d{2})?"
)
# A year written with two digits: 16.3.7, 16年3月7日, 16-3-7 (read as 20yy, flagged).
_SHORT_YEAR = re.compile(
    r"^(\d{2})\s*(?:年|[./\-])\s*(\d{1,2})\s*(?:月|[./\-])\s*(\d{1,2})\s*[日号]?$"
)


_RANGE = re.compile(
    r"^(\d{4}(?:年\d{1,2}月\d{1,2}日?|[./\-]\d{1,2}[./\-]\d{1,2}))"
    r"[-–—~～至到](?:\d{1,2}[./月])?\d{1,2}[日号]?$"
)


@dataclass(frozen=True)
class DateRead:
    """``status``: ``ok`` (``value`` is ISO), ``range`` (``value`` is the first day of
    ``2016.6.1-6.3``, said in a warning), ``short_year`` (``value`` read with 20yy from a
    two-digit year: keep it below the review threshold and say so), ``blank``, ``no_year``
    (``month``/``day``) or ``invalid`` (``raw`` kept for the issue)."""

    status: str
    raw: str = ""
    value: str | None = None
    month: int = 0
    day: int = 0

    def with_year(self, year: int) -> str | None:
        try:
            return dt.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


def read_date(text: str | None) -> DateRead:
    """The one date grammar of the reading core, for every date field of every format."""
    raw = (text or "").strip(_WS)
    if blank_date(raw):
        return DateRead("blank", raw)
    bare = _DATE_NOISE.sub(" ", raw).strip(_WS)
    if not bare or blank_date(bare):
        return DateRead("invalid", raw)
    try:
        return DateRead("ok", raw, parse_date(bare).isoformat())
    except ValueError:
        pass
    flat = re.sub(r"\s+", "", bare)
    span = _RANGE.match(flat)
    if span:  # 2016.6.1-6.3: a stay of several days is recorded as its first day
        with contextlib.suppress(ValueError):
            return DateRead("range", raw, parse_date(span.group(1)).isoformat())
    short = _SHORT_YEAR.match(flat)
    if short:
        year, month, day = (int(g) for g in short.groups())
        with contextlib.suppress(ValueError):
            return DateRead("short_year", raw, dt.date(2000 + year, month, day).isoformat())
        return DateRead("invalid", raw)
    if any(c in _CN for c in flat):
        import cn2an  # on first use: its import costs ~0.25 s CPU of every cold start

        with contextlib.suppress(ValueError, KeyError):
            flat = str(cn2an.transform(flat.replace("○", "〇"), "cn2an"))
    for pattern in _NO_YEAR:
        m = pattern.match(flat)
        if m and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31:
            return DateRead("no_year", raw, None, int(m.group(1)), int(m.group(2)))
    return DateRead("invalid", raw)


_DATE_IN = re.compile(
    r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]?"
    r"|\d{4}\s*[./\-]\s*\d{1,2}\s*[./\-]\s*\d{1,2}"
)
_SKELETON_DATE = re.compile(
    r"[_＿\s\u3000]*年[_＿\s\u3000]*月[_＿\s\u3000]*日"
    r"|^[_＿ \t\u3000]*年[_＿ \t\u3000]*月?[_＿ \t\u3000]*$",  # 年 月 (the 日 cut off)
    re.M,
)
_OWN_BOX = re.compile(r"([☐□☒☑■✓✔√])\s*已盖章")
_SKELETON = re.compile(
    r"[（(]\s*(?:" + "|".join(SKELETON_WORDS) + r")\s*[)）]"
    r"|(?:单位|负责人|领导)?(?:" + "|".join(SKELETON_WORDS) + r")\s*[:：]?\s*$",
    re.M,
)
_TICKED = "☒☑■✓✔√"


@dataclass(frozen=True)
class Approval:
    """An approval box taken apart. ``stamped``: True/False from our own ☐已盖章 box, True
    from a picture (``by_picture``), None when nothing shows either way."""

    opinion: str | None
    date: DateRead
    stamped: bool | None
    by_picture: bool = False


# A line (or the end of one, set apart by spaces) that can only be a date: digits with
# 年/月/日 or . / - between them ("16.3.7", "2016年3月", "2016.03.08").
_DATE_LIKE = re.compile(
    r"(?:\d{4}|\d{2}|[〇○零一二三四五六七八九]{2,4})\s*(?:年|[./\-])\s*\d{1,2}"
    r"\s*(?:(?:月|[./\-])\s*(?:\d{1,2}\s*[日号]?)?)?"
)


def _date_tail(text: str) -> tuple[str, str]:
    """(the opinion, its trailing date-like text) — a date the grammar may not understand
    is still never part of the opinion."""
    lines = text.rstrip(_WS).split("\n")
    last = lines[-1].strip(_WS)
    if _DATE_LIKE.fullmatch(last):
        return "\n".join(lines[:-1]), last
    parts = re.split(r"[ \t\u3000]{2,}", last)
    if len(parts) > 1 and _DATE_LIKE.fullmatch(parts[-1]):
        lines[-1] = " ".join(parts[:-1])
        return "\n".join(lines), parts[-1]
    return text, ""


# The office's own name written under its opinion, where the seal goes (牡丹区农业局).
_OFFICE_NAME = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,24}(?:局|办|办公室|科协|协会|研究所|所|研究院|医院|学院|大学|中心"
    r"|站|委员会|政府|公司|学校|小学|中学)$"
)


def _drop_office_name(text: str) -> str:
    """An opinion followed by a line that only names an office is signed, not longer: the
    name stands where the seal goes and is not part of the opinion."""
    lines = [line.strip(_WS) for line in text.strip(_WS).split("\n")]
    lines = [line for line in lines if line]
    if len(lines) >= 2 and _OFFICE_NAME.match(lines[-1]):
        return "\n".join(lines[:-1])
    return text


def read_approval(text: str, picture: bool) -> Approval:
    """Opinion, date and stamp from an approval box as an office fills it: the printed
    ``（盖章）`` and ``年 月 日`` skeleton are never part of a value."""
    stamped: bool | None = None
    box = _OWN_BOX.search(text)
    if box:
        stamped = True if box.group(1) in _TICKED else None  # an empty box: not (yet) stamped
        text = text[: box.start()] + text[box.end() :]
    dates = list(_DATE_IN.finditer(text))
    date = DateRead("blank")
    if dates:
        last = dates[-1]
        date = read_date(last.group(0))
        text = text[: last.start()] + text[last.end() :]
    text = _SKELETON_DATE.sub("", text)
    text = _SKELETON.sub("", text)
    text = _SKELETON_DATE.sub("", text)  # 年 月 left on the line of （盖章）
    if not dates:
        text, tail = _date_tail(text)
        if tail:
            date = read_date(tail)
    text = _drop_office_name(text)
    by_picture = False
    if stamped is None and picture:
        stamped, by_picture = True, True
    return Approval(clean_text(text, multiline=True), date, stamped, by_picture)


_BRACKET_MARK = re.compile(r"[（(\[【]([" + CATEGORY_MARKS + r"]?)[)）\]】]")


def read_choice(text: str, options: tuple[str, ...]) -> tuple[list[str], bool]:
    """Which options are ticked in ``☐技术培训类 ☑产业技术类`` / ``产业技术类☑`` / ``√产业技术类``.

    Returns (ticked options, whether the text showed any box or mark at all). The side the
    marks sit on is decided once for the whole text: the side that has a mark or box next to
    every option (before, if both)."""
    flat = re.sub(r"[\s\u3000]+", "", text)
    for said, option in CATEGORY_VARIANTS.items():  # the plan's own wording of an option
        if option in options and option not in flat:
            flat = flat.replace(said, option)
    # a mark or a blank in brackets: 技术培训类（√） / [√]产业技术类 / 科普教育类（ ）
    flat = _BRACKET_MARK.sub(lambda b: b.group(1) or "□", flat)
    spots = []
    for option in options:
        at = flat.find(option)
        if at >= 0:
            spots.append((at, option))
    spots.sort()
    marks = CATEGORY_MARKS + "☐□○◯"
    ticked_before, ticked_after = [], []
    before_any = after_any = 0
    for n, (at, option) in enumerate(spots):
        prev = flat[at - 1] if at > 0 else ""
        end = at + len(option)
        nxt = flat[end] if end < len(flat) else ""
        if prev and prev in marks:
            before_any += 1
            if prev in CATEGORY_MARKS:
                ticked_before.append(option)
        if nxt and nxt in marks:
            after_any += 1
            if nxt in CATEGORY_MARKS:
                ticked_after.append(option)
        del n
    if not before_any and not after_any:
        return [], False
    if before_any >= after_any:
        # 科普教育类☑ among □-before options: a tick with no option after it is its own
        return ticked_before or _lone(ticked_after, flat, options, after=True), True
    return ticked_after or _lone(ticked_before, flat, options, after=False), True


def _lone(ticked: list[str], flat: str, options: tuple[str, ...], after: bool) -> list[str]:
    """The ticked options whose mark cannot belong to a neighbouring option."""
    out = []
    for option in ticked:
        at = flat.find(option)
        if after:
            rest = flat[at + len(option) + 1 :]
            if not any(rest.startswith(o) for o in options):
                out.append(option)
        else:
            head = flat[: max(at - 1, 0)]
            if not any(head.endswith(o) for o in options):
                out.append(option)
    return out


def parse_int(text: str | None) -> int | str | None:
    """``35``, ``35人``, ``35人次`` → 35; anything else stays text (and is flagged)."""
    if text is None:
        return None
    flat = re.sub(r"\s+", "", text)
    m = re.fullmatch(r"(?:约|大约|近)?(\d+)(?:余)?(?:人次|人|次|名|[、.．])?", flat)
    return int(m.group(1)) if m else text
