"""What the table finder and the label fitter share: cells, field zones, label comparison.

Its own module so ``_table`` (finding cells by ruling lines) and ``_table_fit`` (matching
them to the layout) both import it at the top and neither imports the other.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..layout import Field

__all__ = ["Cell", "FieldZone", "Rect", "head_band", "similar", "squash"]

Rect = tuple[int, int, int, int]
_PUNCT = re.compile(r"[\s:：()（）,，、.。·_\-|]")


def squash(text: str) -> str:
    """Text for comparing with a layout label: no whitespace, no punctuation."""
    return _PUNCT.sub("", text)


def similar(a: str, b: str) -> float:
    a, b = squash(a), squash(b)
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class Cell:
    """One enclosed white region of the table: its rect, its grid position, its text lines."""

    rect: Rect
    row: int = 0  # 1-based group of cells that start on the same rule
    col: int = 0  # 1-based position from the left in that group
    lines: list[tuple[str, float, Rect]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(t for t, _, _ in self.lines)


@dataclass(frozen=True)
class FieldZone:
    """Where one concrete field (``villages[1].phone``, ``category=技术培训类``) is."""

    field: Field
    rect: Rect
    cell: Cell
    part: str = "cell"  # cell | box | stamp_line | opinion | head
    unsure: bool = False  # placed by position: the row's label was not found

    @property
    def where(self) -> str:
        if self.part == "head":
            return "表格上方"
        return f"表格第{self.cell.row}行第{self.cell.col}格"


def head_band(table: Rect, first_row: list[Cell], em: float) -> Rect:
    """The band above the table where 填表时间 and 县（市、区）科协 are printed. It ends at the
    table's top rule as its first row of cells shows it, not at the ruled block's top: a
    digit written on that line touches the rule and lifts the block's top by its height,
    cutting the line off (an empty 填表时间 at 0.95)."""
    rule = max(2, int(0.15 * em))
    bottom = max(table[1], min((c.rect[1] for c in first_row), default=table[1]) - rule)
    if bottom - table[1] > _LIFT * em:
        bottom = table[1]  # more than a digit's height: that "first row" is not the top one
    return (table[0], max(0, bottom - int(3.2 * em)), table[2], bottom)


_LIFT = 1.2  # ems: the most a digit on the head line lifts the ruled block's top (``head_band``)
