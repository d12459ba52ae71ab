"""Shandong's administrative divisions as of 2016, to place a county or address in its city.

Base data: the ``gb2260`` package (GB/T 2260, revision 2013); on top of it the 2013–2016
changes in ``data/shandong_2016_changes.json`` (source named there). 莱芜 is a city (371200), as
it was until 2019. Names that are ambiguous across cities (市中区, 高新区 …) place nothing.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

import gb2260.data

from .models import load_quota

__all__ = ["city_of_county", "city_of_text", "county_of_text", "shandong_divisions"]


@cache
def shandong_divisions() -> dict[int, str]:
    """Code → name for the province, its cities and counties, as of end-2016."""
    table = {c: n for c, n in gb2260.data.data[2013].items() if 370000 <= c < 380000}
    raw = (
        resources.files("fupin_forms")
        .joinpath("data/shandong_2016_changes.json")
        .read_text("utf-8")
    )
    for change in json.loads(raw)["changes"]:
        table.pop(change["remove"], None)
        if "add" in change:
            code, name = change["add"]
            table[code] = name
    return table


@cache
def _county_index() -> dict[str, str | None]:
    """County name (full, and without its 县/区/市 suffix) → city short name, None if ambiguous."""
    cities = {q.code: q.city for q in load_quota().quota}
    index: dict[str, str | None] = {}
    for code, name in shandong_divisions().items():
        city = cities.get(f"{code // 100 * 100}")
        if city is None or code % 100 == 0 or name == "市辖区":
            continue
        keys = {name}
        stem = re.sub(r"(县|区|市)$", "", name)
        if len(stem) >= 2:
            keys.add(stem)
        for key in keys:
            index[key] = city if index.get(key, city) == city else None
    return index


def city_of_county(county: str | None) -> str | None:
    """``沂水县`` / ``沂水`` / ``沂水县科协`` → ``临沂``; None if unknown or ambiguous."""
    if not county:
        return None
    name = re.sub(r"(科学技术协会|科协)$", "", county.strip())
    return _county_index().get(name)


def city_of_text(text: str | None) -> str | None:
    """The 附件2 city a piece of text names: a city name, else a county name that is unique."""
    if not text:
        return None
    for quota in load_quota().quota:
        if f"{quota.city}市" in text:
            return quota.city
    index = _county_index()
    for match in re.finditer(r"[\u4e00-\u9fff]{1,6}?(县|区|市)", text):
        # try the shortest county-like spans first: "沂水县院东头镇" → "沂水县"
        for start in range(match.start(), match.end() - 1):
            found = index.get(text[start : match.end()])
            if found:
                return found
    for quota in load_quota().quota:
        if quota.city in text:
            return quota.city
    return None


@cache
def _county_names() -> dict[str, tuple[tuple[str, str], ...]]:
    """County name (full, and its stem) → every (full name, city) it may be."""
    cities = {q.code: q.city for q in load_quota().quota}
    found: dict[str, set[tuple[str, str]]] = {}
    for code, name in shandong_divisions().items():
        city = cities.get(f"{code // 100 * 100}")
        if city is None or code % 100 == 0 or name == "市辖区":
            continue
        stem = re.sub(r"(县|区|市)$", "", name)
        for key in {name, stem} if len(stem) >= 2 else {name}:
            found.setdefault(key, set()).add((name, city))
    return {k: tuple(sorted(v)) for k, v in found.items()}


def county_of_text(text: str | None) -> str | None:
    """The county a piece of text names (``临沂市兰山区某村`` → ``兰山区``), by its full name.

    A name found in several cities (市中区) counts only when the text also names the city.
    """
    if not text:
        return None
    names = _county_names()
    city = None
    for match in re.finditer(r"[\u4e00-\u9fff]{1,6}?(县|区|市)", text):
        for start in range(match.start(), match.end() - 1):
            options = names.get(text[start : match.end()])
            if not options:
                continue
            if len(options) == 1:
                return options[0][0]
            city = city or city_of_text(text)
            placed = [full for full, c in options if c == city]
            if len(placed) == 1:
                return placed[0]
    return None
