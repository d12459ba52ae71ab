"""A ledger header row of scanned cells → columns, by the reading core's header finder.

Kept apart from ``_ledger_fit`` (which places the zones) so the label side, the one the Word,
PDF and Excel readers share (``parse.core.tables.find_header`` with ``labels``' ledger
wordings), is one small piece: a cell naming no field of ours is a column of its own
(``key`` None), read into nothing. A header text one misread character away from a ledger
wording counts as that wording, as the annex 3/4 fit matches its labels by similarity.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from ..labels import EXTRA_LABELS, LEDGER_COLUMNS, LEDGER_WORDS, norm_label
from ..parse.core.grid import GridCell
from ..parse.core.tables import column_of, find_header
from ._cells import Rect

__all__ = ["Col", "header_of", "our_widths"]

_TELLING = ("date", "place", "activity")  # a ledger header names one of these at least
_CLOSE = 0.75  # similarity of a misread header text to a ledger wording


@dataclass(frozen=True)
class Col:
    """One column: its field (None: a column of the county's own), its left and right as
    shares of the table's width, whether its field is known by its label (else position)."""

    key: str | None
    left: float
    right: float
    sure: bool
    label: str = ""


def _wording(text: str) -> str:
    """A header text as the core matches it, or, when it names nothing, the ledger wording
    it reads like (one character misread by OCR: 服务效杲, 地庶), if one is close enough and
    it is not a label of the county's own (备注, 身份证号)."""
    if not text.strip() or column_of(text, LEDGER_COLUMNS, LEDGER_WORDS) is not None:
        return text
    got = norm_label(text)
    if any(norm_label(e) == got for e in EXTRA_LABELS):
        return text
    best, score = text, _CLOSE
    for s in LEDGER_COLUMNS:
        for w in s.all:
            r = difflib.SequenceMatcher(None, got, norm_label(w), autojunk=False).ratio()
            if r >= score and len(norm_label(w)) >= 2:
                best, score = w, r
    return best


def header_of(row: list[GridCell], table: Rect, need: int = 2) -> tuple[list[Col], list[str]] | None:
    """The row's columns and the header texts naming no field, when at least ``need`` cells
    name a ledger column (and, for a whole header, one of 时间/地点/活动); else None."""
    row = [replace(c, text=_wording(c.text)) for c in row]
    found = find_header(row, LEDGER_COLUMNS, LEDGER_WORDS, need, lambda t: False)
    if found is None or (need >= 2 and not any(c.key in _TELLING for c in found.columns)):
        return None
    width = max(1, table[2] - table[0])
    cols = []
    for cell in row:
        hit = next((c for c in found.columns if c.left == cell.left and c.right == cell.right), None)
        cols.append(Col(hit.key if hit else None, (cell.left - table[0]) / width,
                        (cell.right - table[0]) / width, True, norm_label(cell.text)))  # fmt: skip
    return cols, found.extra


def our_widths(bounds: list[tuple[float, float]], grid_cm: tuple[float, ...], tol: float) -> bool:
    """Do the columns' widths (shares of the table) match our print's grid?"""
    total = sum(grid_cm)
    return len(bounds) == len(grid_cm) and all(
        abs((b - a) - w / total) <= tol for (a, b), w in zip(bounds, grid_cm, strict=True)
    )
