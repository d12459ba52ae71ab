"""A 附件5 ledger a county re-typed in its own Word: its columns found by their header labels.

Our own ledger prints four columns (序号 | 时间 | 地点 | 帮扶活动形式、内容) and the layout fit
(``_table_fit``) places them. A county's ledger keeps the words, not the table: columns in
another order, 参加人次 and 服务效果 in columns of their own, columns of its own (备注, 联系电话,
专家, 身份证号), spaced wordings (序  号), a merged 服务情况 cell over two sub-headers, a
landscape page. So the header row is found by its labels in any order with the reading
core's own header finder (``parse.core.tables.find_header``, the one Word, PDF and Excel
use, with the label wordings of ``labels``), each data cell goes to the header column it
overlaps, and a column whose header names no field of ours is never read into one.

A page without a header row (a continuation) has only positions. It takes the header of
another page of the same file whose column rules line up with its own (``remember``), and
is read again when that page comes later in the file; else, with four columns, our
layout's order, below review unless the widths are our print's. Nothing else is guessed.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..layout import Field, Page, Repeat
from ..parse.core.grid import GridCell
from ._cells import Cell, FieldZone, Rect
from ._ledger_cols import Col, header_of, our_widths

__all__ = ["HEADER_GROUPS", "ledger_fit", "remember"]

HEADER_GROUPS = 4  # the header row is looked for among the table's first rows of cells
_OURS = ("seq", "date", "place", "activity")
_INLINE = ("participants", "outcome")  # printed inside the activity cell on our ledger
_ALIGN = 0.025  # rule positions agree within this share of the table's width
Reader = Callable[[list[Cell]], None]


@dataclass
class _Memory:
    """The header columns seen on the pages of one file, and whether a page lacked one."""

    headers: list[list[Col]] = field(default_factory=list)
    missed: int = 0


_MEMORY: contextvars.ContextVar[_Memory | None] = contextvars.ContextVar("ledger_headers", default=None)


@contextmanager
def remember() -> Iterator[_Memory]:
    """While open, the header of a ledger page is kept for the headerless pages of the same
    file (``_Memory.missed`` counts those read before any header was seen)."""
    memory = _Memory()
    token = _MEMORY.set(memory)
    try:
        yield memory
    finally:
        _MEMORY.reset(token)


def _row(group: list[Cell]) -> list[GridCell]:
    return [GridCell(c.text, c.rect[0], c.rect[2], where=f"第{c.row}行第{c.col}格") for c in group]


def _bounds(group: list[Cell], table: Rect) -> list[tuple[float, float]]:
    width = max(1, table[2] - table[0])
    return [((c.rect[0] - table[0]) / width, (c.rect[2] - table[0]) / width) for c in group]


def _labelled(group: list[Cell], table: Rect, read: Reader) -> bool:
    """Does a cell of ``group`` read so far name a ledger column? Then the rest of its
    cells are read (a row of values is not: recognition costs ~0.1 s a line)."""
    if header_of(_row([c for c in group if c.lines]), table, need=1) is None:
        return False
    read([c for c in group if not c.lines])
    return True


def _find_header(groups: list[list[Cell]], table: Rect, read: Reader, grid_cm: tuple[float, ...]
                 ) -> tuple[list[Col], int, list[str], int] | None:  # fmt: skip
    """(columns, index of the first data group, header texts naming no field, index of the
    header group) or None."""
    for h, group in enumerate(groups[:HEADER_GROUPS]):
        found = header_of(_row(group), table) if _labelled(group, table, read) else None
        if found is None:
            continue
        cols, extra = found
        start = h + 1
        if _ours(cols, grid_cm):
            return cols, start, extra, h
        if start < len(groups) and _labelled(groups[start], table, read):
            # a second header row under a merged cell (服务情况 → 参加人次 | 服务效果)
            sub = header_of(_row(groups[start]), table, need=1)
            if sub is not None and not sub[1] and not {c.key for c in sub[0]} & {c.key for c in cols if c.key}:
                # the merged cell above the sub-headers names no column: it gives way to them
                over = [c for c in cols if c.key is None and any(c.left <= s.left < s.right <= c.right + _ALIGN
                                                                 for s in sub[0])]  # fmt: skip
                cols = sorted([*(c for c in cols if c not in over), *sub[0]], key=lambda c: c.left)
                extra = [e for e in extra if e not in {c.label for c in over}]
                start += 1
        return cols, start, extra, h
    return None


def _ours(cols: list[Col], grid_cm: tuple[float, ...]) -> bool:
    """Our print's header: four columns, each one read naming the field ours prints there;
    or only some of its cells (a row split by a tilt, glare), each named one where our grid
    prints that column; and no cell naming anything else."""
    if any(c.key is None and c.label for c in cols):
        return False  # a column named otherwise (备注): the layout fit would take it for ours
    if len(cols) == len(_OURS) and all(c.key in (None, k) for c, k in zip(cols, _OURS, strict=True)):
        return True
    total, spans, at = sum(grid_cm), {}, 0.0
    for key, w in zip(_OURS, grid_cm, strict=True):
        spans[key] = (at / total, (at + w) / total)
        at += w
    named = [c for c in cols if c.key]
    return bool(named) and all(
        c.key in spans and spans[c.key][0] <= (c.left + c.right) / 2 <= spans[c.key][1] for c in named
    )


def _rejoin(groups: list[list[Cell]]) -> list[list[Cell]]:
    """Rows of cells put back together where a tilt left in the page split one row into
    two groups (its cells' tops drift across the width): consecutive groups side by side
    (no cell of one above a cell of the other) whose heights overlap by half or more."""
    out: list[list[Cell]] = []
    for group in (g for g in groups if g):
        if out:
            last = out[-1]
            apart = all(c.rect[2] <= d.rect[0] or d.rect[2] <= c.rect[0] for c in last for d in group)
            top, bottom = max(min(c.rect[1] for c in last), min(c.rect[1] for c in group)), min(
                max(c.rect[3] for c in last), max(c.rect[3] for c in group))
            low = min(max(c.rect[3] for c in g) - min(c.rect[1] for c in g) for g in (last, group))
            if apart and bottom - top >= 0.5 * low:
                out[-1] = sorted([*last, *group], key=lambda c: c.rect[0])
                continue
        out.append(list(group))
    return out


def _widest(groups: list[list[Cell]]) -> list[Cell]:
    return max(groups, key=len) if groups else []


def _remembered(groups: list[list[Cell]], table: Rect) -> list[Col] | None:
    """A header of another page of this file whose columns line up with this page's cells."""
    memory = _MEMORY.get()
    if memory is None:
        return None
    bounds = _bounds(_widest(groups), table)
    for cols in memory.headers:
        edges = sorted({round(v, 3) for c in cols for v in (c.left, c.right)})
        mine = sorted({round(v, 3) for b in bounds for v in b})
        if len(edges) == len(mine) and all(abs(a - b) <= _ALIGN for a, b in zip(edges, mine, strict=True)):
            return cols
    return None


def _by_position(groups: list[list[Cell]], table: Rect, page: Page) -> tuple[list[Col], bool] | None:
    """Our layout's four columns placed by position: (columns, sure). Sure only when the
    widths are our print's (the grid of ``page``); None when there are not four columns."""
    bounds = _bounds(_widest(groups), table)
    if len(bounds) != len(_OURS):
        return None
    cols = [Col(key, a, b, True) for key, (a, b) in zip(_OURS, bounds, strict=True)]
    return cols, our_widths(bounds, page.grid_cm, _ALIGN)


def _fields(page: Page) -> dict[str, Field]:
    repeat = next(r for r in page.repeats() if isinstance(r, Repeat))
    return {f.path.rsplit(".", 1)[1]: f for f in repeat.fields}


def _owner(cell: Cell, cols: list[Col], table: Rect) -> Col | None:
    """The column a data cell lies in: the one it overlaps most, over 60% of the cell."""
    width = max(1, table[2] - table[0])
    a, b = (cell.rect[0] - table[0]) / width, (cell.rect[2] - table[0]) / width
    best = max(cols, key=lambda c: min(b, c.right) - max(a, c.left))
    return best if min(b, best.right) - max(a, best.left) > 0.6 * (b - a) else None


def _zones(page: Page, cols: list[Col], rows: list[list[Cell]], table: Rect, unsure: bool
           ) -> tuple[dict[str, FieldZone], int]:  # fmt: skip
    fields = _fields(page)
    keys = [c.key for c in cols if c.key]
    doubled = {k for k in keys if keys.count(k) > 1}  # 活动形式 | 活动内容: not one cell; unread
    zones: dict[str, FieldZone] = {}
    for n, group in enumerate(rows):
        owners = [(cell, _owner(cell, cols, table)) for cell in group]
        for cell, col in owners:
            if col is None or not col.key or col.key in doubled:
                continue  # a column of the county's own (备注, 联系电话): never one of ours
            if sum(c is col for _, c in owners) > 1:
                continue  # two cells under one header (a rule between headers not found)
            own = [col.key]
            if col.key == "activity":
                own += [k for k in _INLINE if k not in keys]
            for key in own:
                f = fields[key].at(n)
                part = "column" if key in _INLINE and key in keys else "cell"
                zones[f.key] = FieldZone(f, cell.rect, cell, part, unsure or not col.sure)
    return zones, len(rows)


def _read_nothing(cells: list[Cell]) -> None:
    """The cells come read (tests)."""


def ledger_fit(page: Page, groups: list[list[Cell]], table: Rect, em: float, head: Rect,
               read: Reader = _read_nothing
               ) -> tuple[dict[str, FieldZone], dict[str, int], list[str]] | None:  # fmt: skip
    """Zones of a ledger page found by its own header row (zones, repeated rows, warnings);
    None where the layout fit reads it as it reads our own print (our four columns by
    their labels, or a headerless page in our print's widths). ``read`` recognises the
    text of cells not read yet (the first cell of each row is, for the layout fit)."""
    memory = _MEMORY.get()
    # rows of cells lower than a line of print are glyph counters of writing touching the
    # frame (a head line just above the table), not rows
    groups = _rejoin([[c for c in g if c.rect[3] - c.rect[1] >= 0.8 * em] for g in groups])
    if not groups:
        return None
    found = _find_header(groups, table, read, page.grid_cm)
    notes: list[str] = []
    unsure = False
    h = 0
    if found is not None:
        cols, start, extra, h = found
        if _ours(cols, page.grid_cm):
            return None  # our own header (a cell of it perhaps unread): the layout fit
        if memory is not None:
            memory.headers.append(cols)
        notes += [f"台帐表中有未识别的列：{name}（未读取）" for name in extra]
    else:
        if any(header_of(_row([c for c in g if c.lines]), table, need=1) for g in groups[:HEADER_GROUPS]):
            return None  # a header partly read (glare): the layout fit finds it by any label
        cols_or = _remembered(groups, table)
        if cols_or is not None:
            cols, start = cols_or, 0
            notes.append("本页没有表头，栏目按同一文件中另一页的表头对应")
        else:
            if memory is not None:
                memory.missed += 1
            placed = _by_position(groups, table, page)
            if placed is None:
                return {}, {"entries": 0}, ["台帐续页没有表头，列数与本表不同，未能对应栏目"]
            if placed[1]:
                return None  # our own print's widths: the layout fit, as before
            cols, start, unsure = placed[0], 0, True
    zones, count = _zones(page, cols, groups[start:], table, unsure)
    if zones:
        # the 县/专家/填表时间 lines: above the header row, in rows of the table above it
        # (a county may type the head into the table) or above the table (a head line may
        # touch its frame), as wide as the page allows (a county starts it left of the table)
        top = min(min(c.rect[1] for c in groups[h]), table[1])
        bottom = min(c.rect[1] for c in groups[h])
        band = (max(0, head[0] - int(3 * em)), max(0, top - int(4.5 * em)), head[2] + int(3 * em), bottom)
        for para in page.head:
            for f in para.fields:
                zones[f.key] = FieldZone(f, band, groups[0][0], "head")
    return zones, {"entries": count}, notes
