"""Villages written as a list instead of a table: one field per row (帮扶贫困村（一）名称 |
朱家林村, 贫困村1联系人 | 朱孔军), or several villages in one cell separated by 、，; or line
breaks (帮扶贫困村名称 | 石家村、王庄村). Both are read into ``villages``; a cell split into
several villages is a guess about the writer's punctuation, so it is named by a warning."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...labels import VILLAGE_COLUMNS, VILLAGE_WORDS, norm_label
from .collect import Out
from .grid import GridCell
from .tables import column_of
from .tiers import VARIANT

__all__ = ["put_split", "read_village_list", "split_items"]

_NUMBER = re.compile(r"[（(]?([一二三四五六七八九十]|\d{1,2})[）)]?")
_CN = "一二三四五六七八九十"
_SEP = re.compile(r"\s*(?:[、，,；;]|\n)\s*")


_PLACE_END = re.compile(r"(?:村|庄|屯|寨|堡|社区|居委会|组)$")


def split_items(text: str, names: bool = False) -> list[str]:
    """``石家村、王庄村`` → two items; empty pieces dropped. A line break splits village
    ``names`` only when every line ends like a village (…村), never a name wrapped in two."""
    pieces = [p for p in (s.strip(" \t\u3000") for s in _SEP.split(text)) if p]
    if names and "\n" in text.strip() and not all(_PLACE_END.search(p) for p in pieces):
        flat = re.sub(r"\s*\n\s*", "", text.strip())
        pieces = [p for p in (s.strip(" \t\u3000") for s in _SEP.split(flat)) if p]
    return pieces


def _label(text: str) -> tuple[str, int | None] | None:
    """(column key, village number written in the label or None) for a village label."""
    norm = norm_label(text).strip(":：")
    if not norm or len(norm) > 14:
        return None
    number = None
    m = _NUMBER.search(norm)
    if m and "村" in norm[: m.start()]:
        g = m.group(1)
        number = int(g) if g.isdigit() else _CN.index(g) + 1
        norm = norm[: m.start()] + norm[m.end() :]
    hit = column_of(norm, VILLAGE_COLUMNS, VILLAGE_WORDS)
    return (hit[0], number) if hit else None


_PAIR = re.compile(r"([\u4e00-\u9fff]{1,8})[\s\u3000]*[:：﹕︰]")
_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.．、)）]|[（(]\d{1,2}[)）])\s*")


def _inline_village(text: str) -> dict[str, str] | None:
    """``1．村名：依汶镇王家庄子村  联系人：王成  电话：13954922817``: one village typed as
    label：value pairs on a line; None when the line is not that (no name and one more
    village column among its labels, or a label that is no village column)."""
    body = _ITEM.sub("", text.strip())
    marks = list(_PAIR.finditer(body))
    if len(marks) < 2 or body[: marks[0].start()].strip():
        return None
    out: dict[str, str] = {}
    for n, m in enumerate(marks):
        hit = _label(m.group(1))
        if hit is None or hit[1] is not None or hit[0] in out:
            return None
        end = marks[n + 1].start() if n + 1 < len(marks) else len(body)
        out[hit[0]] = body[m.end() : end].strip(" \t\n\u3000")
    return out if "name" in out else None


def _holds_header(text: str) -> bool:
    """A cell whose text names two village columns (贫困村名称…联系人…联系电话) holds a table
    flattened into it, not a list of villages (its rows are read by the table reader)."""
    norm = norm_label(text)
    return sum(any(w in norm for w in words) for _, words in VILLAGE_WORDS) >= 2


def read_village_list(
    out: Out, rows: list[list[GridCell]], skip: set[int], tier: Callable[[float], float]
) -> set[int]:
    """Rows of label | value pairs naming villages, read into ``villages``; their indices."""
    used: set[int] = set()
    loose_rows: set[int] = set()
    numbered: dict[int, dict[str, tuple[str, GridCell]]] = {}
    loose: dict[str, tuple[str, GridCell]] = {}
    inline = 0
    for r, row in enumerate(rows):
        cells = [c for c in row if not c.merged_above]
        if r in skip:
            continue
        if len(cells) == 1:
            pairs = _inline_village(cells[0].text)
            if pairs is not None:
                used.add(r)
                if any(pairs.values()):
                    numbered[1000 + inline] = {k: (v, cells[0]) for k, v in pairs.items()}
                    inline += 1
            continue
        if len(cells) != 2:
            continue
        label, value = cells
        hit = _label(label.text)
        if (
            hit is None
            or _label(value.text) is not None
            or not value.text.strip()
            or _holds_header(value.text)
        ):
            continue
        key, number = hit
        named = "村" in label.text
        if number is not None:
            numbered.setdefault(number, {})[key] = (value.text, value)
        elif named or (loose and key != "name" and key not in loose):
            if key in loose:
                break  # a second list: left to the table reader
            loose[key] = (value.text, value)
            loose_rows.add(r)
        else:
            continue
        used.add(r)
    base = len(out.data.get("villages") or [])
    for n, number in enumerate(sorted(numbered)):
        for key in ("name", "contact", "phone"):
            text, cell = numbered[number].get(key, ("", None))
            out.put(f"villages[{base + n}].{key}", text.strip() or None, cell, tier(VARIANT))
    if loose and "name" in loose:
        put_split(out, loose, base + len(numbered), tier)
    elif loose:
        used -= loose_rows  # contact or phone rows with no village name: not a village list
    return used


def put_split(out: Out, loose: dict[str, tuple[str, GridCell]], base: int,
              tier: Callable[[float], float]) -> int:  # fmt: skip
    """One village's cells, each of which may hold several villages; how many were put."""
    names = split_items(loose["name"][0], names=True)
    parts = {k: split_items(t) for k, (t, _) in loose.items()}
    for n, name in enumerate(names):
        out.put(f"villages[{base + n}].name", name, loose["name"][1], tier(VARIANT))
        for key in ("contact", "phone"):
            items = parts.get(key, [])
            value = items[n] if len(items) == len(names) else None
            cell = loose[key][1] if key in loose else None
            out.put(f"villages[{base + n}].{key}", value, cell, tier(VARIANT))
    if len(names) > 1:
        odd = [k for k in ("contact", "phone") if k in parts and len(parts[k]) != len(names)]
        note = f"；{'、'.join(odd)}的个数与村数不同，未读取" if odd else ""
        out.issue(
            "villages_split", "villages",
            f"一栏中写了{len(names)}个贫困村，已按分隔符拆开，请核对{note}", "warning",
            f"villages: {len(names)} villages in one cell, split by punctuation",
        )  # fmt: skip
    return len(names)
