"""Values read with confidence that are most likely one look-alike character off, and dates
that contradict the page's other dates: doubted (confidence to the doubt cap, a warning
naming the field and the likely reading), never changed, with one exception below.

- a place: a county or city one character from a real Shandong one (``_lexicon``);
- a place's suffix: a look-alike of 镇/乡/村/路/号 … where the suffix goes, making no word
  with its neighbours (张鲁集真 for 张鲁集镇);
- free text: a look-alike character whose partner turns a non-word into a common word, or
  a rare word into a far more frequent one;
- dates: a review signed before the form was filled, or a ledger entry out of the order of
  the others (a day's digits swapped or dropped: 20 read 02) or after the ledger was filled.

The exception: a value the recogniser itself was unsure of (under review already) whose
county or city is one character from exactly one real Shandong one takes the real name
(枣产市 → 枣庄市), stays doubted, and the warning says what was read. (峰城区 is one
character from ten real 某城区: it is left as read.) The recogniser's doubt and the
list of places both point at that character; a value read *with* confidence keeps what was
read (the writer may mean a place elsewhere: 枣阳市 is in Hubei), and is only doubted.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..parse import ParsedForm
from ..parse.core.tiers import REVIEW_THRESHOLD
from ..render import lookup
from ._lexicon import divisions_one_off, misread_suffix, misread_word, near_division
from ._plausible import doubt_value, ocr_strings

__all__ = ["doubt_misread", "put_value"]

_NOT_PLACES = ("applicant_name", "contact", "contact_person", "unit_head", "expert", "phone",
               "postcode", "email", "participants", "seq", "date", "filled_on", "signed_on")  # fmt: skip
_FREE = ("activity", "outcome", "project_name", "project_content", "employer", "address",
         "unit_name", "opinion", "specialty", "place")  # fmt: skip
_PLACES = ("address", "place", "name", "unit_name", "employer", "county")
_MISREAD = "可能误认"
_DATE = re.compile(r"(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})")


def doubt_misread(form: ParsedForm) -> None:
    """Doubt the sure OCR values of ``form`` that are likely misread, and put the real
    place into an unsure one (see module doc)."""
    unsure = _unsure_strings(form)
    for path, value in ocr_strings(form):
        leaf = path.rsplit(".", 1)[-1]
        if leaf in _NOT_PLACES:
            continue
        place = near_division(value)
        if place is not None:
            doubt_value(form, path, f"“{place[0]}”不是山东的县市区，或为“{place[1]}”", _MISREAD)
            continue
        suffix = misread_suffix(value) if leaf in _PLACES else None
        if suffix is not None:
            read, likely, whole = suffix
            doubt_value(form, path, f"“{read}”或为“{likely}”：{whole}", _MISREAD)
            continue
        if leaf in _FREE:
            word = misread_word(value)
            if word is not None:
                read, likely, whole = word
                doubt_value(form, path, f"“{read}”或为“{likely}”：{whole}", _MISREAD)
    for path, value in unsure:
        _place_named(form, path, value)
    _doubt_date_order(form)


def _unsure_strings(form: ParsedForm) -> list[tuple[str, str]]:
    """(path, value) of every non-empty string the scan read under the review threshold."""
    out = []
    for path, source in form.fields.items():
        value = lookup(form.data, path)
        if source.method == "ocr" and source.confidence < REVIEW_THRESHOLD and isinstance(value, str) and value:
            out.append((path, value))
    return out


def _place_named(form: ParsedForm, path: str, value: str) -> None:
    """An unsure value holding a county/city one character from a real one: the real one."""
    if path.rsplit(".", 1)[-1] in _NOT_PLACES:
        return
    place = near_division(value)
    if place is None:
        return
    read, real = place
    if len(divisions_one_off(read)) != 1:
        return  # 峰城区: ten real 某城区 are one character away; which one, a person says
    put_value(form.data, path, value.replace(read, real, 1))
    doubt_value(form, path, f"读作“{value}”，“{read}”不是山东的县市区，已按“{real}”填入", _MISREAD)


def put_value(data: dict[str, Any], path: str, value: object) -> None:
    """Set the value at ``path`` (``reviews.city_cast.opinion``, ``villages[1].name``) in
    place: dicts missing on a dotted way are made; a row index must exist already."""
    *heads, last = path.split(".")
    node: Any = data
    for step in heads:
        name, _, index = step.partition("[")
        if index:
            rows = node.get(name) if isinstance(node, dict) else None
            node = rows[int(index.rstrip("]"))] if isinstance(rows, list) else None
        else:
            if isinstance(node, dict) and not isinstance(node.get(name), dict):
                node[name] = {}
            node = node.get(name) if isinstance(node, dict) else None
    name, _, index = last.partition("[")
    rows = node.get(name) if isinstance(node, dict) else None
    if index and isinstance(rows, list):
        rows[int(index.rstrip("]"))] = value
    elif isinstance(node, dict):
        node[name] = value


def _day(text: object) -> date | None:
    m = _DATE.search(text) if isinstance(text, str) else None
    try:
        return date(*(int(g) for g in m.groups())) if m else None
    except ValueError:
        return None


def _dates(form: ParsedForm) -> dict[str, date]:
    """The page's dates read with confidence: a date already doubted explains a conflict
    by itself, and the others are not doubted for it (2016-05-20 read 05-02 at 0.44 does
    not make the form's filled date doubtful)."""
    out = {}
    for path, source in form.fields.items():
        if path.rsplit(".", 1)[-1] not in ("date", "filled_on", "signed_on"):
            continue
        day = _day(lookup(form.data, path))
        if day is not None and source.method == "ocr" and source.confidence >= REVIEW_THRESHOLD:
            out[path] = day
    return out


def _doubt_date_order(form: ParsedForm) -> None:
    dates = _dates(form)
    filled = dates.get("filled_on")
    odd: set[str] = set()
    if filled is not None:
        for path, day in dates.items():
            if path.endswith("signed_on") and day < filled:
                odd |= {path, "filled_on"}  # a review before the form was filled
            if path.startswith("entries[") and day > filled:
                odd |= {path, "filled_on"}  # an activity after the ledger was filled
    entries = sorted((int(p[8 : p.index("]")]), p) for p in dates if p.startswith("entries["))
    odd |= _out_of_order([p for _, p in entries], dates)
    for path in sorted(odd):
        doubt_value(form, path, "日期与本页其他日期的先后不合", _MISREAD)


def _out_of_order(paths: list[str], dates: dict[str, date]) -> set[str]:
    """The ledger entries that are not in every longest run in date order: the others agree
    on them. Two entries swapped are both doubted (which one was misread, only a person can
    tell)."""
    days = [dates[p] for p in paths]
    n = len(days)
    ends = [1] * n  # longest run in order ending at i
    starts = [1] * n  # …starting at i
    for i in range(n):
        for j in range(i):
            if days[j] <= days[i]:
                ends[i] = max(ends[i], ends[j] + 1)
    for i in reversed(range(n)):
        for j in range(i + 1, n):
            if days[i] <= days[j]:
                starts[i] = max(starts[i], starts[j] + 1)
    longest = max(ends, default=0)
    on_some = [i for i in range(n) if ends[i] + starts[i] - 1 == longest]
    level = [ends[i] for i in on_some]
    sure = {i for i in on_some if level.count(ends[i]) == 1}
    return {paths[i] for i in range(n) if i not in sure}
