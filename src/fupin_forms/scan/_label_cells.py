"""Where a re-typed annex 3/4 table keeps its labels, and whether a label cell holds its value.

Our print puts a label in a row's first cell and, in a ``label | value | label | value``
row, in its third. A county that re-types the annex in its own Word keeps the words, not
that grid: a merged 申报人情况 column in front of the labels (they start in the second
cell), six-cell rows with a 性别 of its own, two reviews side by side, or the label printed
in the value's own cell (``申报单位：`` then the writing, ``单位意见：`` with the opinion
under it). So the cells that may hold a label are chosen by the table's own shape, and a
label cell is asked by the reading core (``parse.core.match.classify``, the one Word, PDF and
Excel use) whether its value follows in the same cell. A label with a colon that the core
does not know as written (an OCR slip in a printed character) is still cut at its colon;
whether the part before it is a label at all is left to the fitter's label comparison.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from ..labels import VILLAGE_BLOCK
from ..parse.core.match import classify
from ._cells import Cell, similar

__all__ = ["Inline", "inline_label", "label_cells", "merged_first", "unlabel"]

_COLON = re.compile(r"[:：﹕︰]")
_HEAD = 14  # a label ends with its colon within this many characters


@dataclass(frozen=True)
class Inline:
    """A label cell that holds its value too: the label as read, the value read after its
    colon on the label's own line (empty: the value, if any, is under the label)."""

    label: str
    rest: str


def inline_label(text: str, form: str) -> Inline | None:
    """``申报单位：泗水县科协`` → Inline("申报单位", "泗水县科协"); ``单位意见：`` →
    Inline("单位意见：", ""); a label without a colon (``姓  名``) → None."""
    text = text.strip()
    for m in classify(text, form):
        if m.kind in ("field", "approval") and (m.rest or _COLON.search(text[-1:])):
            return Inline(m.label, m.rest)
    cut = _COLON.search(text[:_HEAD])
    if cut and cut.start() >= 2:
        return Inline(text[: cut.start()], text[cut.end() :].strip())
    return None


def merged_first(group: list[Cell]) -> bool:
    """Is the group's first cell a label merged down over several rows (申报人情况), so the
    row's own labels start in its second cell? The village block's label is not one: its
    row is the village header."""
    if len(group) < 3:
        return False
    first = group[0].rect[3] - group[0].rect[1]
    rest = statistics.median(c.rect[3] - c.rect[1] for c in group[1:])
    if first < 1.6 * rest:
        return False
    return not any(similar(group[0].text, w) >= 0.6 for w in VILLAGE_BLOCK.all)


def label_cells(groups: list[list[Cell]], form: str) -> list[Cell]:
    """Cells to read besides the first and third of each row (already read): the fifth of a
    six-cell row; the second, fourth and sixth behind a merged label column; every cell of
    a row whose read label holds its value (``联系电话：…`` | ``电子邮箱：…``)."""
    out: list[Cell] = []
    for g in groups:
        want: set[int] = set()
        if len(g) >= 6:
            want.add(4)
        if merged_first(g):
            want |= {1, 3, 5}
        if any(c.lines and inline_label(c.text, form) for c in g):
            want |= set(range(len(g)))
        out += [g[k] for k in sorted(want) if k < len(g) and not g[k].lines]
    return out


def unlabel(lines: list[tuple[str, float]], form: str) -> tuple[list[tuple[str, float]], bool]:
    """The lines of a zone that starts at its label's line (``申报单位：泗水县科协``), without
    the label: cut at the first colon near the line's start, else where the core reads a
    label. False when no label is found to cut (the value may still hold it)."""
    if not lines:
        return lines, True
    text, score = lines[0]
    cut = _COLON.search(text[:_HEAD])
    if cut:
        rest = text[cut.end() :].strip()
    else:
        hits = [m.rest for m in classify(text, form) if m.kind in ("field", "approval")]
        if not hits:
            return lines, False
        rest = hits[0]
    return ([(rest, score)] if rest else []) + lines[1:], True
