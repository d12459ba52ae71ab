"""Personal data typed into fields that are published: found and masked before 公示.

The disclosure list is built from an allow-list of fields (project, applicant or unit,
category, villages, city), but nothing stops someone typing a phone number into the project
name. ``scrub`` masks phone numbers, e-mail addresses, 18-digit ID numbers and street
addresses inside such text and says what it masked, so the caller can warn naming the record.

The patterns are linear: fixed-width digit runs and bounded character classes, no nested
quantifiers, so a long hostile value cannot make them backtrack.
"""

from __future__ import annotations

import re

__all__ = ["MASK", "scrub"]

MASK = "＊＊＊"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "邮箱",
        re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8}"),
    ),
    ("身份证号", re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")),
    (
        "手机号",
        re.compile(r"(?<![0-9])(?:\+?86[ \-]?)?1[3-9][0-9][ \-]?[0-9]{4}[ \-]?[0-9]{4}(?![0-9])"),
    ),
    (
        "电话",
        re.compile(
            r"(?<![0-9])(?:[(（]0[0-9]{2,3}[)）]|0[0-9]{2,3}[ \-－]?)[1-9][0-9]{6,7}(?![0-9])"
        ),
    ),
    (
        "地址",
        re.compile(
            r"[\u4e00-\u9fff]{0,12}(?:路|街|巷|大道|胡同|弄)[0-9０-９]{1,6}号"
            r"(?:[0-9０-９]{1,4}(?:号楼|栋|幢|单元|楼|层|室|号)){0,4}"
        ),
    ),
)


def scrub(text: str) -> tuple[str, list[str]]:
    """``text`` with personal data masked, and what kinds were found (e.g. ``["手机号"]``)."""
    found = []
    for kind, pattern in _PATTERNS:
        text, n = pattern.subn(MASK, text)
        if n:
            found.append(kind)
    return text, found
