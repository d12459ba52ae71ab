"""An approval's opinion read with its （盖章） line: the date goes to its own field.

Where a county re-typed the annex, an office's opinion cell holds the opinion, the printed
（盖章） and the date, all in one cell and often on one or two lines close together; the
scan reader cannot always tell the stamp line from the opinion by its place, and the opinion
came back as ``同意上报市科协。\n（盖章）2016年3月6日`` with no date. The reading core
already takes such a box apart for Word and PDF (``parse.core.values.read_approval``: the
printed （盖章） and 年 月 日 skeleton are never part of a value, the last date is the date);
here the same function is applied to a scanned opinion that holds a stamp word or ends in a
date. The date keeps the opinion's confidence and reason (it was read in the same pass), and
is only put where no date was read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..parse import ParsedForm
from ..parse.core.values import read_approval
from ..render import lookup
from ._misread import put_value

__all__ = ["split_stamp_lines"]

_STAMP_WORD = re.compile(r"盖\s*章|签\s*章")
# a bracket and at most three non-digits before a year: the printed （盖章） under a seal
_STAMP_LEFT = re.compile(r"^[（(][^）)\d]{0,3}[）)]?\s*(?=[\d〇○零一二三四五六七八九]{3,4}\s*年)")
_DATE_ONLY = re.compile(r"[\d〇○零一二三四五六七八九]{2,4}\s*年[\d\s年月日号.]*")
_GARBLED = "盖章一行的日期没读清 (the date on the stamp line was not read)"
_ENDS_DATED = re.compile(r"\d{4}\s*[年./\-]\s*\d{1,2}\s*[月./\-]\s*\d{1,2}\s*日?\s*$")


def split_stamp_lines(form: ParsedForm) -> None:
    """Opinions of ``form`` read with their stamp line: the opinion alone, and the date in
    ``signed_on`` when none was read there."""
    for path, source in list(form.fields.items()):
        if source.method != "ocr" or not path.startswith("reviews.") or not path.endswith(".opinion"):
            continue
        text = lookup(form.data, path)
        if not isinstance(text, str) or not (
            _STAMP_WORD.search(text) or _ENDS_DATED.search(text) or _STAMP_LEFT.search(text.split("\n")[-1])
        ):
            continue
        lines = text.split("\n")
        lines[-1] = _STAMP_LEFT.sub("（盖章）", lines[-1])  # （关音2016年… : the seal over 盖章
        approval = read_approval("\n".join(lines), picture=False)
        opinion, garbled = _without_date_line(approval.opinion)
        if opinion == text:
            continue
        put_value(form.data, path, opinion)
        dated = path.removesuffix(".opinion") + ".signed_on"
        if lookup(form.data, dated):
            continue
        if approval.date.value and approval.date.status == "ok":
            put_value(form.data, dated, approval.date.value)
            form.fields[dated] = source
        elif garbled:  # a date was written there, not read: for a person, never "no date"
            form.fields[dated] = replace(source, confidence=min(source.confidence, 0.3), why=_GARBLED)


def _without_date_line(opinion: str | None) -> tuple[str | None, bool]:
    """The opinion without a last line that is only a date the grammar could not read
    (2016年3日9日: 月 read 日); whether there was one."""
    lines = (opinion or "").split("\n")
    if len(lines) > 1 and _DATE_ONLY.fullmatch(lines[-1].strip()):
        return "\n".join(lines[:-1]), True
    return opinion, False
