"""Matching the cells found on a page to the layout's rows: labels first, then row order.

A row whose first cell is a label (``row.anchor``) is found by that label's text, so a
missing, extra or merged row elsewhere cannot shift it. The rows between two anchors (the
village or ledger rows, whose number varies, and the 专家签名 row under 项目内容) take
the groups of cells between the two anchors' groups, in order. Inside a row the cells are
taken left to right when their number agrees with the layout, else by horizontal position
against the layout's grid, so a hand-made table with other column widths still maps.
"""

from __future__ import annotations

import contextlib
import difflib
import threading
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np
from numpy.typing import NDArray

from ..labels import EXTRA_LABELS, VILLAGE_BLOCK, label_set, norm_label
from ..layout import Field, Page, Repeat, Row
from ._boxes import alike, find_boxes, lone_box
from ._cells import Cell, FieldZone, Rect, head_band, squash
from ._label_cells import Inline, inline_label, merged_first
from ._lines import split_lines

__all__ = ["find_boxes", "fit"]  # find_boxes: ``_boxes``, re-exported

Array = NDArray[np.uint8]
_ANCHOR = 0.6  # label similarity for a row to count as found


def _columns(row: Row, grid: tuple[float, ...]) -> list[tuple[float, float]]:
    """Share of the table width (start, end) of each cell that starts in ``row``."""
    total = sum(grid)
    spans, col = [], 0
    for cell in row.cells:
        start = sum(grid[:col]) / total
        col += cell.span
        if cell.vmerge != "continue":
            spans.append((start, sum(grid[:col]) / total))
    return spans


def _pair(row: Row, group: list[Cell], page: Page, table: Rect) -> list[tuple[int, list[Cell]]]:
    """(index among the row's starting cells, physical cells) for each layout cell."""
    starting = [c for c in row.cells if c.vmerge != "continue"]
    if len(starting) == len(group):
        return [(n, [cell]) for n, cell in enumerate(group)]
    width = max(1, table[2] - table[0])
    spans = _columns(row, page.grid_cm)
    out: dict[int, list[Cell]] = {}
    for cell in group:
        centre = ((cell.rect[0] + cell.rect[2]) / 2 - table[0]) / width
        for n, (a, b) in enumerate(spans):
            if a <= centre < b:
                out.setdefault(n, []).append(cell)
    return sorted(out.items())


def _union(cells: list[Cell]) -> Rect:
    return (
        min(c.rect[0] for c in cells),
        min(c.rect[1] for c in cells),
        max(c.rect[2] for c in cells),
        max(c.rect[3] for c in cells),
    )


def _cell_zones(
    fields: tuple[Field, ...], cells: list[Cell], gray: Array, em: float, top: int | None = None
) -> list[FieldZone]:
    """Zones of the fields in one cell: the whole cell for a lone value; boxes found by
    ink; the review cell split into opinion above and the 盖章 line with its date. ``top``:
    the cell prints the value's label itself (``申报单位：``); its text zone starts at that
    label's line and is read without the label (part ``inline``)."""
    rect = _union(cells)
    cell = cells[0]
    text_part = "cell" if top is None else "inline"
    if top is not None:
        rect = (rect[0], max(rect[1], top - 2), rect[2], rect[3])
    boxed = [f for f in fields if f.kind in ("check", "option")]
    if not boxed:
        return [FieldZone(f, rect, cell, text_part) for f in fields]
    x0, y0, x1, y1 = rect
    boxes = [
        (bx + x0, by + y0, bx1 + x0, by1 + y0)
        for bx, by, bx1, by1 in find_boxes(gray[y0:y1, x0:x1], em)
    ]
    if len(boxed) > 1:  # a choice: the boxes in print order, when all are found
        boxes = alike(boxes)
        if len(boxes) != len(boxed):  # a thin grey print: its sides against its own paper
            boxes = alike([(bx + x0, by + y0, bx1 + x0, by1 + y0)
                           for bx, by, bx1, by1 in find_boxes(gray[y0:y1, x0:x1], em, pale=True)])  # fmt: skip
        if len(boxes) != len(boxed):
            return []  # one is lost (a tick through it) or a glyph passed for one: unread
        return [FieldZone(f, b, cell, "box") for f, b in zip(boxed, boxes, strict=True)]
    # the box sits on the cell's last line, never in its top third: what is there is a
    # glyph of the opinion written above (the 口 of 同意)
    box = lone_box([b for b in boxes if (b[1] + b[3]) / 2 >= y0 + 0.35 * (y1 - y0)], em)
    zones = []
    if box is not None:
        zones.append(FieldZone(boxed[0], box, cell, "box"))
    elif boxed[0].path == "expert_signed" and len(fields) == 1:
        # the seed's own 专家签名： line prints no box: the name written after it says it
        return [FieldZone(boxed[0], rect, cell, "signature")]
    mid = (box[1] + box[3]) // 2 if box else y1 - int(0.8 * em)
    band = (x0, max(y0, mid - int(0.85 * em)), x1, min(y1, mid + int(0.85 * em)))
    right = (min(x1 - 1, (box[2] if box else x0) + int(2.5 * em)), band[1], x1, band[3])
    low = None if box else _stamp_line(gray[y0:y1, x0:x1], em)
    if low is not None:
        # no box printed (the seed's own （盖章） 年 月 日, as counties re-type it): the
        # cell's lowest line is that line, wherever the row's height put it; the seal is
        # read from the red in the cell
        band = right = (x0, y0 + max(0, low[0] - int(0.2 * em)), x1, min(y1, y0 + low[1] + int(0.2 * em)))
        if boxed[0].path.endswith(".stamped"):
            zones.append(FieldZone(boxed[0], rect, cell, "seal"))
    for f in fields:
        if f.kind == "date":
            zones.append(FieldZone(f, right, cell, "stamp_line"))
        elif f.kind in ("text", "multiline", "int"):
            zones.append(FieldZone(f, (x0, y0, x1, band[1]), cell, "opinion" if top is None else "inline"))
    return zones


def _stamp_line(zone: Array, em: float) -> tuple[int, int] | None:
    """Top and bottom of the lowest text line in an approval cell (the （盖章） 年 月 日
    line), when there are two lines or more or the one line lies in the cell's lower half;
    None otherwise."""
    h = zone.shape[0]
    cuts = [c for c in split_lines(zone, em) if c.y1 - c.y0 >= 0.4 * em]
    if not cuts or (len(cuts) < 2 and cuts[-1].y0 < 0.45 * h):
        return None
    return cuts[-1].y0, cuts[-1].y1


def _plan(page: Page) -> list[Row | Repeat]:
    return list(page.rows)


def _anchor(item: Row | Repeat) -> str | None:
    return item.anchor if isinstance(item, Row) else None


def _fold(text: str) -> str:
    """A label as compared: no spaces or punctuation (``姓 名``, ``E-mail``), lower case."""
    return squash(norm_label(text)).lower().replace("-", "")


@cache
def _wordings(form: str, row: Row, start: int) -> tuple[str, ...]:
    """What a county may print for the label that starts ``row`` (``start`` 0) or its second
    half (``start`` 3): the label as we print it and the variants of ``labels`` for the
    field whose value follows it (通讯地址, 邮编, 手机, E-mail, 姓名, 帮扶贫困村情况 …)."""
    starting = [c for c in row.cells if c.vmerge != "continue"]
    words = {starting[start].text}
    fields = starting[start + 1].fields if start + 1 < len(starting) else ()
    paths = [f.path for f in fields]
    if row.header and start == 0 and form in ("annex3", "annex4"):
        words |= set(VILLAGE_BLOCK.all)
    for path in paths[:1]:
        key = path.rsplit(".", 1)[0] if path.startswith("reviews.") else path
        with contextlib.suppress(KeyError):
            words |= set(label_set(form, key).all)
    return tuple(sorted(_fold(w) for w in words if _fold(w)))


_MATCHERS = threading.local()


def _against(word: str) -> difflib.SequenceMatcher[str]:
    """A matcher with ``word`` as its second sequence: difflib indexes that one (its
    characters' positions and counts) when it is set, so a label word is indexed once per
    thread, not once per cell it is compared with (a fifth of a page's fit). Per thread:
    the caller sets the first sequence on it."""
    kept: dict[str, difflib.SequenceMatcher[str]] | None = getattr(_MATCHERS, "kept", None)
    if kept is None:
        kept = _MATCHERS.kept = {}
    m = kept.get(word)
    if m is None:
        m = kept[word] = difflib.SequenceMatcher(None, "", word, autojunk=False)
    return m


def _label_score(text: str, words: tuple[str, ...]) -> float:
    """How well a cell's text reads as one of ``words``: 1 for one of them exactly (spaces,
    punctuation and case aside), else the best similarity, so a look-alike character misread
    in a label (姓各) or a printed note after it still scores high."""
    got = _fold(text)
    if not got:
        return 0.0
    best = 0.0
    for w in words:
        if got == w:
            return 1.0
        m = _against(w)
        m.set_seq1(got)
        # the ratio is at most its quick bounds: a word whose bound is no better than the
        # best so far cannot change the result (the same score, for a third of a page's fit)
        if m.real_quick_ratio() > best and m.quick_ratio() > best:
            best = max(best, m.ratio())
    return best


_EXTRA = tuple(_fold(w) for w in EXTRA_LABELS)


def _halves(plan: list[Row | Repeat]) -> list[tuple[int, int]]:
    """(plan index, starting cell) of every label the layout prints first in a row, and of
    the second label of a ``label | value | label | value`` row."""
    out = []
    for i, item in enumerate(plan):
        if _anchor(item) is None:
            continue
        assert isinstance(item, Row)
        out.append((i, 0))
        starting = [c for c in item.cells if c.vmerge != "continue"]
        if len(starting) == 4 and starting[2].label:
            out.append((i, 2))
    return out


@dataclass
class _Fit:
    """Which group of cells each layout row took, and where the fit is unsure."""

    rows: list[tuple[Row, int | None, list[Cell]]] = field(default_factory=list)
    unsure: set[int] = field(default_factory=set)  # ids of rows placed by position alone
    halves: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    others: dict[tuple[int, int], set[int]] = field(default_factory=dict)  # (group, 0) → labels of no field
    inline: dict[tuple[int, int], Inline] = field(default_factory=dict)  # label cells holding values

    def labels_in(self, j: int) -> set[int]:
        """Cells of group ``j`` that print a label, a field's or one of the county's own."""
        return {k for (jj, k) in self.halves.values() if jj == j} | self.others.get((j, 0), set())


def _first(group: list[Cell]) -> int:
    """Where the group's own first label is: behind a merged label column, the second cell."""
    return 1 if merged_first(group) else 0


def _match(plan: list[Row | Repeat], groups: list[list[Cell]], form: str
           ) -> tuple[dict[tuple[int, int], tuple[int, int]], set[int], dict[tuple[int, int], set[int]],
                      dict[tuple[int, int], Inline]]:  # fmt: skip
    """Layout labels → the page cells that print them, (group, cell index), by label text
    alone, in any order and in any cell that was read: the best pairs first. A county's
    re-typed form may order its rows otherwise, word a label otherwise, or print a row we
    do not have; the groups whose label is one of those (身份证号, 备注 …) come back too, so
    their values are never absorbed, and so do such labels inside a row (性别), where a
    value before them ends. A label cell that holds its value (``申报单位：…``) is compared
    by its label part and comes back in the last map."""
    cands = [(j, k) for j, g in enumerate(groups) for k in range(len(g)) if g[k].text]
    inline = {(j, k): il for j, k in cands if (il := inline_label(groups[j][k].text, form))}
    firsts = [_first(g) for g in groups]
    halves = _halves(plan)
    pairs = []
    for i, s in halves:
        item = plan[i]
        assert isinstance(item, Row)
        words = _wordings(form, item, s)
        for j, k in cands:
            score = _label_score(groups[j][k].text, words)
            if (j, k) in inline:
                score = max(score, _label_score(inline[(j, k)].label, words))
            if score >= _ANCHOR:
                # ties go to the layout's own order and to the cell the layout says
                order = abs(j - i) * 1e-4 + (0.0 if (k == firsts[j]) == (s == 0) else 0.02)
                pairs.append((score - order, (i, s), (j, k)))
    matched: dict[tuple[int, int], tuple[int, int]] = {}
    used: set[tuple[int, int]] = set()
    for _, half, cand in sorted(pairs, key=lambda p: p[0], reverse=True):
        if half not in matched and cand not in used:
            matched[half] = cand
            used.add(cand)
    others: dict[tuple[int, int], set[int]] = {}
    for j, k in cands:
        if (j, k) not in used and _label_score(groups[j][k].text, _EXTRA) >= 0.8:
            others.setdefault((j, 0), set()).add(k)
    extra = {j for (j, _), ks in others.items() if firsts[j] in ks}
    return matched, extra, others, {c: il for c, il in inline.items() if c in used}


def _assign(plan: list[Row | Repeat], groups: list[list[Cell]], form: str) -> _Fit:
    """(layout row, repeat index or None, group) for every row placed on the page.

    Rows are found by their labels (``_match``); the rows that follow a found one without a
    label of their own (village or ledger rows, 专家签名) take the groups after it, up to
    the next group with a label. A labelled row whose label was not read takes, by position,
    the one group left between its neighbours, and the fit says it is unsure of it."""
    matched, extra, others, inline = _match(plan, groups, form)
    fit = _Fit(halves=matched, others=others, inline=inline)
    host = {j for j, _ in matched.values()} | extra
    # a row is found by its first label where it sits, else by any other of its labels (a
    # ledger photo whose table lost its left columns keeps 地点 of the header row)
    at: dict[int, int] = {}
    for (i, _s), (j, _k) in sorted(matched.items(), key=lambda m: (m[0][1] != 0, m[1][1] != 0)):
        at.setdefault(i, j)
    firsts = sorted((j, i) for i, j in at.items())
    taken: set[int] = set(host)
    if not firsts and any(isinstance(t, Repeat) for t in plan):
        # no label at all: a ledger's continuation page, rows only; its rows follow from
        # the table's top (as the fit did before labels were matched in any order)
        firsts = [(-1, -1)]
    for j, i in firsts:
        item = plan[i] if i >= 0 else None
        if item is not None:
            assert isinstance(item, Row)
            fit.rows.append((item, None, groups[j]))
        follow: list[Row | Repeat] = [t for t in plan if _anchor(t) is None] if item is None else []
        for nxt in plan[i + 1 :] if item is not None else []:
            if _anchor(nxt) is not None:
                break
            follow.append(nxt)
        if not follow:
            continue
        avail = []
        for g in range(j + 1, len(groups)):
            if g in host:
                break
            avail.append(g)
        repeats = [t for t in follow if isinstance(t, Repeat)]
        fixed = [t for t in follow if isinstance(t, Row)]
        if not repeats:
            for row, g in zip(fixed, avail, strict=False):
                fit.rows.append((row, None, groups[g]))
                taken.add(g)
            continue
        k = follow.index(repeats[0])
        before = [t for t in follow[:k] if isinstance(t, Row)]
        after = [t for t in follow[k + 1 :] if isinstance(t, Row)]
        for row, g in zip(before, avail, strict=False):
            fit.rows.append((row, None, groups[g]))
        rest = avail[len(before) : len(avail) - len(after)]
        for n, g in enumerate(rest):
            fit.rows.append((repeats[0].row, n, groups[g]))
        for row, g in zip(after, avail[len(avail) - len(after) :], strict=False):
            fit.rows.append((row, None, groups[g]))
        taken |= set(avail)
    _by_position(plan, groups, fit, taken, set(at))
    return fit


def _by_position(plan: list[Row | Repeat], groups: list[list[Cell]], fit: _Fit, taken: set[int],
                 found: set[int]) -> None:  # fmt: skip
    """Labelled rows whose label was not found: between the nearest found rows before and
    after them, as many groups left as such rows pair up in order, unsure; otherwise the
    row is left unread (its fields are missing, which says so)."""
    placed = {id(r): n for n, (r, _, _) in enumerate(fit.rows)}
    at = {i: next(j for j, g in enumerate(groups) if g is fit.rows[placed[id(plan[i])]][2])
          for i in found if id(plan[i]) in placed}  # fmt: skip
    lost = [i for i, item in enumerate(plan) if _anchor(item) is not None and i not in found]
    runs: list[list[int]] = []
    for i in lost:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        lo = max((at[i] for i in at if i < run[0]), default=-1)
        hi = min((at[i] for i in at if i > run[-1]), default=len(groups))
        if lo >= hi:
            continue
        free = [g for g in range(lo + 1, hi) if g not in taken]
        if len(free) != len(run):
            continue
        for i, g in zip(run, free, strict=True):
            row = plan[i]
            assert isinstance(row, Row)
            fit.rows.append((row, None, groups[g]))
            fit.unsure.add(id(row))
            taken.add(g)


def _value_cells(group: list[Cell], k: int, labels: set[int]) -> list[Cell]:
    """The cells after the label at ``k`` up to the group's next label cell."""
    end = min((n for n in labels if n > k), default=len(group))
    return group[k + 1 : end]


Placed = tuple[int, list[Cell], bool, int | None]  # starting cell, cells, unsure, inline label top


def _label_value(fit: _Fit, groups: list[list[Cell]], hit: tuple[int, int]
                 ) -> tuple[list[Cell], int | None]:  # fmt: skip
    """The cells of the value whose label is at ``hit``: those after it up to the group's next
    label; or, when the label cell holds its value (``申报单位：…``, ``单位意见：`` with the
    opinion under it), that cell, from the top of the label's line (the second value)."""
    j, k = hit
    cells = _value_cells(groups[j], k, fit.labels_in(j))
    il = fit.inline.get(hit)
    label = groups[j][k]
    if il is not None and label.lines and (il.rest or not cells):
        return [label], label.lines[0][2][1]
    if not cells and j + 1 < len(groups):
        return _below(fit, groups, j, label), None
    return cells, None


def _below(fit: _Fit, groups: list[list[Cell]], j: int, label: Cell) -> list[Cell]:
    """A label with another label or the table's edge after it (a row of headers, 所在单位意见
    | 县扶贫办核审意见): its value is the cell right under it, when that cell is no label and
    no label stands before it in its row (then it is that label's value)."""
    x0, _, x1, _ = label.rect
    labels = fit.labels_in(j + 1)
    for k, cell in enumerate(groups[j + 1]):
        overlap = min(x1, cell.rect[2]) - max(x0, cell.rect[0])
        if overlap < 0.6 * min(x1 - x0, cell.rect[2] - cell.rect[0]):
            continue
        if k in labels or (k - 1) in labels or cell.rect[1] - label.rect[3] > 0.5 * (label.rect[3] - label.rect[1]):
            return []
        return [cell]
    return []


def _row_cells(row: Row, group: list[Cell], j: int, fit: _Fit, plan_index: int, page: Page,
               table: Rect, groups: list[list[Cell]]) -> list[Placed]:  # fmt: skip
    """(starting cell index, physical cells, unsure, inline top) of each value cell of ``row``.
    A value follows its own label, wherever the label was found (``_label_value``)."""
    starting = [c for c in row.cells if c.vmerge != "continue"]
    sure = id(row) not in fit.unsure
    first = fit.halves.get((plan_index, 0))
    four = len(starting) == 4 and starting[2].label
    if sure and not four and first is not None and starting[0].label:
        cells, top = _label_value(fit, groups, first)
        return [(1, cells, False, top)] if cells else []
    if not four or not sure:
        return [(n, cells, not sure, None) for n, cells in _pair(row, group, page, table)]
    labels = fit.labels_in(j)
    out: list[Placed] = []
    k0 = first[1] if first is not None and first[0] == j else 0
    if first is not None:
        cells, top = _label_value(fit, groups, first)
        if k0 + 2 not in labels and len(group) >= k0 + 4 and top is None:
            cells = _value_cells(group, k0, labels | {k0 + 2})
        out.append((1, cells, False, top))
    else:  # the row found by its second label: its first value where ours is, unsure elsewhere
        cells = _value_cells(group, 0, labels | ({2} if len(group) >= 4 else set()))
        out.append((1, cells, (j, 2) not in fit.halves.values(), None))
    second = fit.halves.get((plan_index, 2))
    if second is not None:
        cells, top = _label_value(fit, groups, second)
        out.append((3, cells, False, top))
    elif len(group) >= k0 + 4 and k0 + 2 not in labels and (
        not group[k0 + 2].text
        or _label_score(group[k0 + 2].text, _wordings(page.form_id, row, 2)) >= 0.4
    ):
        # the second label not found: by position, unsure; not taken when what it reads
        # is plainly another label (a row of the county's own)
        out.append((3, group[k0 + 3 :], True, None))
    return [p for p in out if p[1]]


def fit(
    page: Page, groups: list[list[Cell]], table: Rect, gray: Array, em: float
) -> tuple[dict[str, FieldZone], dict[str, int]]:
    """Every concrete field's zone (keyed by ``Field.key``) and the repeated rows found.
    A zone placed by position where its label was not found is marked ``unsure``."""
    zones: dict[str, FieldZone] = {}
    counts = {r.list_path: 0 for r in page.repeats()}
    repeat_of = {id(r.row): r for r in page.repeats()}
    plan = _plan(page)
    where = {id(item): i for i, item in enumerate(plan)}
    fitted = _assign(plan, groups, page.form_id)
    for row, index, group in fitted.rows:
        if index is not None:
            counts[repeat_of[id(row)].list_path] = max(counts[repeat_of[id(row)].list_path], index + 1)
        starting = [c for c in row.cells if c.vmerge != "continue"]
        j = next(n for n, g in enumerate(groups) if g is group)
        if id(row) in where:
            placed = _row_cells(row, group, j, fitted, where[id(row)], page, table, groups)
        else:
            placed = [(n, cells, False, None) for n, cells in _pair(row, group, page, table)]
        for n, cells, unsure, top in placed:
            fields = starting[n].fields
            if index is not None:
                fields = tuple(f.at(index) for f in fields)
            for zone in _cell_zones(fields, cells, gray, em, top):
                zones[zone.field.key] = replace(zone, unsure=True) if unsure else zone
    if zones:
        header = head_band(table, groups[0], em)
        dummy = groups[0][0]
        for para in page.head:
            for f in para.fields:
                zones[f.key] = FieldZone(f, header, dummy, "head")
    return zones, counts
