"""From the declarative page layout to positions on A4 pages: table rules, static text runs and
one rectangle per field.

The geometry depends on the record (how many villages or ledger entries, how wide an inline
value is, whether the ledger's 参加人次 line is printed), so it is computed per document; the
parser never needs it, because it reads values by the table's ruling lines, as it does for
PDFs from other programs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..layout import Cell, Field, Page, Para, Repeat, Row, RowNumber, Text

__all__ = ["CM", "PAGE_H", "PAGE_W", "Run", "Sheet", "Slot", "lay_out"]

CM = 72 / 2.54
PAGE_W, PAGE_H = 595.28, 841.89
TOP, BOTTOM = 2.2 * CM, 1.8 * CM
SIZE = 10.5  # 五号, the size of the printed annex
LINE = 15.0
PAD = 2.5
INLINE_W = {"date": 96.0, "check": 11.0, "int": 42.0, "text": 80.0}

Values = Mapping[str, "str | bool"]
Measure = Callable[[str, float], float]


@dataclass(frozen=True)
class Run:
    """Static text: one line at baseline ``y``."""

    page: int
    x: float
    y: float
    size: float
    text: str


@dataclass(frozen=True)
class Slot:
    """Where one field sits: ``key`` is the concrete field key (``villages[0].phone``)."""

    field: Field
    page: int
    rect: tuple[float, float, float, float]
    align: str = "left"
    inline: bool = False  # one line among text: shrinks rather than wraps


@dataclass
class Sheet:
    pages: int = 1
    runs: list[Run] = field(default_factory=list)
    boxes: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)


def _bound(item: Field | Text | RowNumber, index: int | None) -> Field | Text | RowNumber:
    if isinstance(item, Field) and index is not None:
        return item.at(index)
    if isinstance(item, RowNumber):
        return Text(str((index or 0) + 1))
    return item


class _Builder:
    def __init__(self, page: Page, values: Values, measure: Measure, uniform: bool) -> None:
        self.layout = page
        self.uniform = uniform
        self.values = values
        self.measure = measure
        self.sheet = Sheet()
        self.y = PAGE_H - TOP
        self.left = (PAGE_W - sum(page.grid_cm) * CM) / 2
        self.cols = [self.left]
        for w in page.grid_cm:
            self.cols.append(self.cols[-1] + w * CM)
        self.open: dict[int, tuple[Cell, int, float, float, bool]] = {}  # col → merge

    # -- lines outside the table ----------------------------------------------------------
    def text_line(self, text: str, size: float, align: str, gap: float) -> None:
        self.y -= gap
        width = self.measure(text, size)
        x = {"center": (PAGE_W - width) / 2, "right": self.cols[-1] - width}.get(align, self.left)
        self.sheet.runs.append(Run(self.sheet.pages - 1, x, self.y, size, text))

    def para_line(self, para: Para, gap: float) -> None:
        self.y -= gap
        box = (self.left, self.y - 4, self.cols[-1], self.y + SIZE + 2)
        self.inline(para, None, box, self.sheet.pages - 1, para.align)

    # -- inline paragraphs ----------------------------------------------------------------
    def inline(
        self, para: Para, index: int | None, box: tuple[float, float, float, float], page: int,
        align: str,
    ) -> None:  # fmt: skip
        pieces: list[tuple[float, Field | Text]] = []
        for raw in para.items:
            item = _bound(raw, index)
            if isinstance(item, Text):
                pieces.append((self.measure(item.text, SIZE), item))
            elif isinstance(item, Field):
                value = self.values.get(item.key)
                w = INLINE_W.get(item.kind, 80.0)
                if isinstance(value, str) and item.kind != "check" and not self.uniform:
                    w = max(w, self.measure(value, SIZE) + 2 * PAD)
                pieces.append((w, item))
        x0, y0, x1, y1 = box
        total = sum(w for w, _ in pieces)
        last = pieces[-1][1] if pieces else None
        if self.uniform and isinstance(last, Field) and last.kind == "text" and total < x1 - x0:
            pieces[-1] = (pieces[-1][0] + x1 - x0 - total, last)  # room to write by hand
            total = x1 - x0
        scale = min(1.0, (x1 - x0) / total) if total else 1.0  # squeeze a line that is too long
        size = SIZE * scale
        pieces = [(w * scale, item) for w, item in pieces]
        total *= scale
        x = {"center": (x0 + x1 - total) / 2, "right": x1 - total}.get(align, x0)
        baseline = (y0 + y1) / 2 - size * 0.35
        for w, item in pieces:
            if isinstance(item, Text):
                for n, part in enumerate(item.text.split("\n")):
                    if part.strip() and n == 0:
                        self.sheet.runs.append(Run(page, x, baseline, size, part))
            elif item.kind == "check":
                cy, half = (y0 + y1) / 2, min(w, 11.0) / 2
                self.sheet.slots.append(Slot(item, page, (x, cy - half, x + w, cy + half)))
            else:
                h = SIZE + 5
                cy = (y0 + y1) / 2
                rect = (x, cy - h / 2, x + w, cy + h / 2)
                self.sheet.slots.append(Slot(item, page, rect, "left", True))
            x += w

    # -- table ----------------------------------------------------------------------------
    def cell(self, cell: Cell, index: int | None, box: tuple[float, float, float, float]) -> None:
        page = self.sheet.pages - 1
        x0, y0, x1, y1 = box
        paras = [p for p in cell.paras if not p.when_filled or self._filled(p, index)]
        blocks = [p for p in paras if _is_block(p)]
        inlines = [p for p in paras if not _is_block(p)]
        if cell.label:
            self.label(cell.text, box, page)
            return
        if not blocks:
            h = LINE * len(inlines)
            top = (y0 + y1 + h) / 2
            for n, p in enumerate(inlines):
                line = (x0 + PAD, top - LINE * (n + 1), x1 - PAD, top - LINE * n)
                self.inline(p, index, line, page, p.align)
            return
        bottom = y0 + PAD
        for p in reversed(inlines):  # inline lines (盖章 ...) sit at the bottom of the cell
            self.inline(p, index, (x0 + PAD, bottom, x1 - PAD, bottom + LINE), page, p.align)
            bottom += LINE
        share = (y1 - 1 - bottom) / len(blocks)
        for n, p in enumerate(blocks):
            f = _bound(p.items[0], index)
            assert isinstance(f, Field)
            top = y1 - 1 - share * n
            rect = (x0 + 1, top - share, x1 - 1, top)
            self.sheet.slots.append(Slot(f, page, rect, p.align))

    def label(self, text: str, box: tuple[float, float, float, float], page: int) -> None:
        x0, y0, x1, y1 = box
        width = x1 - x0 - 2 * PAD
        size = SIZE
        while True:
            lines = wrap(text, width, size, self.measure)
            if len(lines) * size * 1.3 <= y1 - y0 - 2 * PAD or size <= 6:
                break
            size -= 0.5
        pitch = size * 1.3
        top = (y0 + y1 + pitch * len(lines)) / 2
        for n, line in enumerate(lines):
            w = self.measure(line, size)
            y = top - pitch * (n + 1) + (pitch - size) / 2 + size * 0.15
            self.sheet.runs.append(Run(page, (x0 + x1 - w) / 2, y, size, line))

    def _filled(self, para: Para, index: int | None) -> bool:
        if self.uniform:
            return True
        return any(self.values.get(f.at(index).key if index is not None else f.key) not in (None, "")
                   for f in para.fields)  # fmt: skip

    def row(self, row: Row, index: int | None, header: Row | None) -> None:
        height = row.height_cm * CM
        if self.y - height < BOTTOM:
            self.close_merges(keep_open=True)
            self.sheet.pages += 1
            self.y = PAGE_H - TOP
            if header is not None:
                self.row(header, None, None)
            for col, (cell, _, _, x1, _) in list(self.open.items()):
                self.open[col] = (cell, self.sheet.pages - 1, self.y, x1, False)
        col = 0
        for cell in row.cells:
            x0, x1 = self.cols[col], self.cols[col + cell.span]
            if cell.vmerge != "continue" and col in self.open:
                self.close(col)
            if cell.vmerge == "restart":
                self.open[col] = (cell, self.sheet.pages - 1, self.y, x1, True)
            elif cell.vmerge is None:
                box = (x0, self.y - height, x1, self.y)
                self.sheet.boxes.append((self.sheet.pages - 1, *box))
                self.cell(cell, index, box)
            col += cell.span
        self.y -= height

    def close(self, col: int) -> None:
        cell, page, top, x1, first = self.open.pop(col)
        box = (self.cols[col], self.y, x1, top)
        self.sheet.boxes.append((page, *box))
        if first:
            self.label(cell.text, box, page)

    def close_merges(self, keep_open: bool = False) -> None:
        for col in list(self.open):
            entry = self.open[col]
            self.close(col)
            if keep_open:
                self.open[col] = entry


def _is_block(para: Para) -> bool:
    return len(para.items) == 1 and isinstance(para.items[0], Field) and para.items[0].kind != "check"


def wrap(text: str, width: float, size: float, measure: Measure) -> list[str]:
    """Greedy character wrap (Chinese breaks anywhere); ``\\n`` forces a break."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if line and measure(line + ch, size) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


def lay_out(
    page: Page, values: Values, counts: Mapping[str, int], measure: Measure, uniform: bool = False
) -> Sheet:
    """Place everything of ``page``; ``counts`` = rows per repeat (villages, entries).

    ``uniform``: the geometry of a page meant for paper and scanning back: inline fields keep
    their blank width (a long value shrinks instead) and optional lines always print, so the
    scan reader can rebuild every zone from the form id and row count in the QR code alone."""
    b = _Builder(page, values, measure, uniform)
    b.text_line(page.annex_line, 12.0, "left", 12.0)
    b.text_line(page.title, 16.0, "center", 34.0)
    for para in page.head:
        b.para_line(para, 24.0)
    b.y -= 10
    header: Row | None = None
    for item in page.rows:
        if isinstance(item, Repeat):
            repeat_header = header if header and not any(c.vmerge for c in header.cells) else None
            for i in range(max(counts.get(item.list_path, 0), item.min_rows)):
                b.row(item.row, i, repeat_header)
        else:
            b.row(item, None, None)
            header = item if item.header else None
    b.close_merges()
    for para in page.notes:
        b.para_line(para, 20.0)
    return b.sheet
