"""A ledger header row of scanned cells → columns, by the reading core's header finder.

Kept apart from ``_ledger_fit`` (which places the zones) so the label side, the one the Word,
PDF and Excel readers share (``parse.core.tables.find_header`` with ``labels``' ledger
wordings), is one small piece: a cell naming no field of ours is a column of its own
(``key`` None), read into nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import LEDGER_COLUMNS, LEDGER_WORDS, norm_label
from ..parse.core.grid import GridCell
from ..parse.core.tables import find_header
from ._cells import Rect

__all__ = ["Col", "header_of", "our_widths"]

_TELLING = ("date", "place", "activity")  # a ledger header names one of these at least


@dataclass(frozen=True)
class Col:
    """One column: its field (None: a column of the county's own), its left and right as
    shares of the table's width, whether its field is known by its label (else position)."""

    key: str | None
    left: float
    right: float
    sure: bool
    label: str = ""


def header_of(row: list[GridCell], table: Rect, need: int = 2) -> tuple[list[Col], list[str]] | None:
    """The row's columns and the header texts naming no field, when at least ``need`` cells
    name a ledger column (and, for a whole header, one of 时间/地点/活动); else None."""
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
