"""Tables read by their header row: the village block of 附件3/4 and the ledger of 附件5.

A header row names its columns (any order, any of the listed spellings); each later row's
cells are given to the column they sit under, by horizontal overlap, so a swapped or an extra
column never shifts values. Rows with nothing but a row number are dropped; a table with no
header of its own continues the previous one when its columns line up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...labels import LabelSet, norm_label
from .grid import GridCell
from .tiers import EXACT, VARIANT

__all__ = ["Column", "Header", "column_of", "find_header", "is_number_only", "row_values"]

_NUMBER = re.compile(r"^[\s\u3000]*[\d０-９]{1,3}[.、．]?[\s\u3000]*$")


@dataclass
class Column:
    key: str
    left: float
    right: float
    tier: float
    label: str


@dataclass
class Header:
    columns: list[Column]
    extra: list[str] = field(default_factory=list)  # header texts that name no column of ours


def column_of(
    text: str, sets: tuple[LabelSet, ...], words: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[str, float] | None:
    norm = norm_label(text)
    for s in sets:
        for n, spelling in enumerate(s.all):
            if norm == norm_label(spelling):
                return s.path, EXACT if n == 0 else VARIANT
    if len(norm) <= 12:  # a header, not a sentence
        for key, keys in words:
            if any(w in norm for w in keys):
                return key, VARIANT
    return None


# Fields a table may split over two columns (活动形式 | 活动内容), joined as "形式：内容".
JOINED = frozenset({"activity"})


def find_header(
    row: list[GridCell],
    sets: tuple[LabelSet, ...],
    words: tuple[tuple[str, tuple[str, ...]], ...],
    need: int,
    ignore: Callable[[str], bool],
) -> Header | None:
    """The row as a header if at least ``need`` of its cells name a column (each column once).
    ``ignore``: texts in the row that are neither a column nor an extra (the block's label)."""
    columns: list[Column] = []
    extra: list[str] = []
    for cell in row:
        if cell.merged_above or not cell.text.strip():
            continue
        hit = None if ignore(cell.text) else column_of(cell.text, sets, words)
        if hit is None:
            if not ignore(cell.text):
                extra.append(norm_label(cell.text))
            continue
        key, tier = hit
        if any(c.key == key for c in columns):
            if key not in JOINED or any(c.key == key and c.label == norm_label(cell.text)
                                        for c in columns):  # fmt: skip
                return None  # 联系电话 twice: a row of values or labels, not this header
            tier = min(tier, VARIANT)  # 活动形式 | 活动内容: one field in two columns
            for c in columns:
                if c.key == key:
                    c.tier = min(c.tier, VARIANT)
        columns.append(Column(key, cell.left, cell.right, tier, norm_label(cell.text)))
    if len(columns) < need:
        return None
    return Header(columns, extra)


def _overlap(cell: GridCell, col: Column) -> float:
    return min(cell.right, col.right) - max(cell.left, col.left)


def row_values(row: list[GridCell], header: Header) -> dict[str, tuple[str, GridCell]]:
    """Column key → (text, cell) for one data row. A cell goes to the column it overlaps most;
    a row-number cell under a wide header column gives way to the text cell beside it."""
    owner: dict[int, Column] = {}
    for n, cell in enumerate(row):
        if cell.merged_above:
            continue
        best = max(header.columns, key=lambda c: _overlap(cell, c))
        width = max(cell.right - cell.left, 1e-6)
        if _overlap(cell, best) > 0.3 * width:
            owner[n] = best
    out: dict[str, tuple[str, GridCell]] = {}
    for col in header.columns:
        mine = [row[n] for n, c in owner.items() if c is col]
        if len(mine) > 1:
            texts = [c for c in mine if not _NUMBER.match(c.text)]
            mine = texts or mine[:1]
        if not mine:
            continue
        text = "\n".join(c.text for c in mine if not c.hint)
        if col.key in out:  # the second column of a field split in two: "形式：内容"
            first, cell = out[col.key]
            parts = [t.strip() for t in (first, text) if t.strip()]
            out[col.key] = ("：".join(parts), cell)
            continue
        out[col.key] = (text, mine[0])
    return out


def is_number_only(text: str) -> bool:
    return bool(_NUMBER.match(text)) or not text.strip()
