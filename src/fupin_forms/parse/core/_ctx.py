"""What the readers of 附件3/4 share while reading one grid: the rows, what is used, the
reader's confidence cap, and which cells are labels."""

from __future__ import annotations

from dataclasses import dataclass

from .collect import Out
from .grid import GridCell
from .match import Match, classify, looks_like_label

__all__ = ["Ctx", "is_label", "labels"]


@dataclass
class Ctx:
    form: str
    out: Out
    rows: list[list[GridCell]]
    cap: float  # highest confidence this reader may give (position-only PDFs: low)
    unknown: list[str]
    used: set[int]

    def tier(self, t: float) -> float:
        return min(t, self.cap)


def labels(cell: GridCell, form: str) -> list[Match]:
    if cell.merged_above or cell.hint:
        return []
    return classify(cell.text, form)


def is_label(cell: GridCell, form: str) -> bool:
    return bool(labels(cell, form)) or looks_like_label(cell.text)
