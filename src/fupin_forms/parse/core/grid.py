"""What every reader hands the reading core: tables as rows of cells, plus loose paragraphs.

A reader knows its file format (Word XML, PDF glyph positions, a scan's ruling lines, a
worksheet); the core knows the annexes. The grid is the whole contract between them, so a
new format needs only a new way to make one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["GridCell", "GridTable", "Sheet"]


@dataclass
class GridCell:
    """One cell as printed. ``left``/``right`` are in any unit the reader likes (grid columns
    for Word, points for PDF), only compared with each other to line up columns.

    ``hint`` is True when the file marks the text as a placeholder (Word's placeholder flag
    or style), never because of what the text says. ``picture``: an image sits in the cell.
    ``where`` is how a person finds the cell ("表格1 第5行第2列"); ``page``/``bbox`` if known.
    """

    text: str
    left: float
    right: float
    hint: bool = False
    picture: bool = False
    merged_above: bool = False  # the lower part of a vertically merged cell
    marked: tuple[str, ...] = ()  # pieces of text set apart by underline/highlight/frame
    struck: tuple[str, ...] = ()  # pieces of text struck through (a choice crossed out)
    where: str = ""
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None


@dataclass
class GridTable:
    rows: list[list[GridCell]] = field(default_factory=list)


@dataclass
class Sheet:
    """A whole form as the core sees it. ``paragraphs`` are text lines outside any table,
    those above the first table first (titles, the ledger's 县/专家/填表时间 line)."""

    tables: list[GridTable] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    method: str = "label"  # the FieldSource method to report ("label" Word, "text" PDF, …)
    position_only: bool = False  # the reader could not see ruled cells: low confidence
