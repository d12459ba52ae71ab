"""Values by text position: for flattened and printed-to-PDF copies, which have no fields.

The table's ruling lines give the cells (pdfplumber's table finder), the layout says which
layout cell each is: rows are matched in order, repeated rows (villages, ledger entries) run
until the next row's label. Inside a cell, a one-value cell is all its text; a cell that mixes
print and values (``（盖章）☑已盖章 2016年3月8日``) is matched against a pattern made from
the layout's paragraph. Line breaks: our renderer sets lines after a hard break 1.6 × the size
apart and wrapped lines 1.2 ×, so the gap tells whether to join a line with ``\\n``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from ..layout import Cell, Field, Page, Para, Repeat, Row, RowNumber, Text
from ._pdf_data import Collector
from ._result import FieldSource, ParsedForm

__all__ = ["Line", "hint_grey", "lines_of", "page_lines", "read_text", "unwrap"]

_TICKED = "☑☒■✓✔√"
_BOX = "[☐☑☒□■✓✔√]"
# a date, or the blank printed skeleton "年 月 日" whole: a looser "any of 年月日" took the
# last 日 of a value before it (承担项目专家 "张日" came back "张")
_DATE = r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?|\d{4}[-./]\d{1,2}[-./]\d{1,2}|(?:年\s*月\s*日)?)"


@dataclass
class Line:
    chars: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in sorted(self.chars, key=lambda c: c["x0"]))

    @property
    def bottom(self) -> float:
        return max(float(c["bottom"]) for c in self.chars)

    @property
    def size(self) -> float:
        return max(float(c["size"]) for c in self.chars)


def hint_grey(char: dict[str, Any]) -> bool:
    """Glyphs painted grey: how a Word placeholder hint looks once printed to PDF (hint
    style, never hint wording). Black, white and colours are text."""
    raw = char.get("non_stroking_color")
    if type(raw) is tuple and raw == (0,):
        return False  # black, as nearly all text is: decided before the general checks
    if not isinstance(raw, tuple | list) or not all(isinstance(v, int | float) for v in raw):
        return False
    color = [float(v) for v in raw]
    if len(color) == 1:
        return 0.3 <= color[0] <= 0.8
    if len(color) == 3:
        return max(color) - min(color) < 0.03 and 0.3 <= color[0] <= 0.8
    if len(color) == 4:
        return max(color[:3]) < 0.03 and 0.2 <= color[3] <= 0.7
    return False


def lines_of(chars: list[dict[str, Any]]) -> list[Line]:
    out: list[Line] = []
    for c in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        mid = (c["top"] + c["bottom"]) / 2
        if out:
            last = out[-1].chars[-1]
            if abs(mid - (last["top"] + last["bottom"]) / 2) < 0.45 * max(c["size"], last["size"]):
                out[-1].chars.append(c)
                continue
        out.append(Line([c]))
    return out


def page_lines(page: Any) -> list[str]:
    return [line.text for line in lines_of(page.chars)]


def _join(lines: list[Line]) -> str:
    out = ""
    for n, line in enumerate(lines):
        if n:
            gap = line.bottom - lines[n - 1].bottom
            size = line.size
            out += "" if gap < 1.4 * size else "\n" * max(1, round(gap / (1.6 * size)))
        out += line.text
    return out


def _pattern(para: Para) -> tuple[re.Pattern[str], list[Field]]:
    parts, fields = [], []
    for item in para.items:
        if isinstance(item, Text):
            parts += [re.escape(ch) for ch in item.text if not ch.isspace()]
        elif isinstance(item, RowNumber):
            parts.append(r"\d*")
        elif item.kind in ("check", "option"):
            parts.append(f"({_BOX})?")
            fields.append(item)
        else:
            parts.append({"date": _DATE, "int": r"(\d*)"}.get(item.kind, "(.*?)"))
            fields.append(item)
    return re.compile(r"\s*" + r"\s*".join(parts) + r"\s*", re.DOTALL), fields


def _is_block(para: Para) -> bool:
    return (
        len(para.items) == 1 and isinstance(para.items[0], Field) and para.items[0].kind != "check"
    )


class _Reader:
    unwrap = False  # join soft-wrapped lines by the cell's right edge (other programs' PDFs)

    def __init__(self, page: Page) -> None:
        self.layout = page
        self.out = Collector(page)

    def put_match(self, para: Para, text: str, index: int | None, src: FieldSource) -> bool:
        pattern, fields = _pattern(para)
        m = pattern.fullmatch(text)
        if m is None:
            return False
        for f, value in zip(fields, m.groups(), strict=True):
            g = f.at(index) if index is not None else f
            if f.kind in ("check", "option"):
                self.out.put(g, bool(value and value in _TICKED), src)
            else:
                self.out.put(g, value, src)
        return True

    def cell(
        self, cell: Cell, chars: list[dict[str, Any]], index: int | None, src: FieldSource
    ) -> None:
        if cell.label or not cell.fields:
            return
        lines = lines_of(chars)
        if self.unwrap and src.bbox is not None:
            lines = unwrap(lines, src.bbox[2])
        blocks = [p for p in cell.paras if _is_block(p)]
        inlines = [p for p in cell.paras if not _is_block(p) and p.fields]
        if not blocks:
            text = "\n".join(line.text for line in lines)
            pattern = Para(tuple(i for p in inlines for i in p.items))
            if not self.put_match(pattern, text, index, src):
                self.out.warnings.append(f"{src.where}：无法读取“{text}”")
            return
        for para in reversed(inlines):
            if lines and self.put_match(para, lines[-1].text, index, src):
                lines = lines[:-1]
            elif not para.when_filled:
                self.out.warnings.append(
                    f"{src.where}：找不到“{''.join(i.text for i in para.items if isinstance(i, Text))}”"
                )
        f = blocks[0].items[0]
        assert isinstance(f, Field)
        text = "\n".join(line.text for line in lines) if self.unwrap else _join(lines)
        self.out.put(f.at(index) if index is not None else f, text, src)


_NO_LINE_START = "。，、；：？！）」』”’》〉."


_ITEM_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）])")


def _new_item(before: Line, line: Line) -> bool:
    """The line before ends a sentence and this one opens a numbered item (四、 / 4. / （四））."""
    text = "".join(c["text"] for c in sorted(line.chars, key=lambda c: float(c["x0"])))
    last = max(before.chars, key=lambda c: float(c["x1"]))["text"]
    return last in "。！？；.!?;" and bool(_ITEM_START.match(text.strip()))


def unwrap(lines: list[Line], right: float) -> list[Line]:
    """Join a line that runs to the cell's right edge with the next one: a word processor
    wrapped it there, the writer did not press Enter. (Our own PDFs mark paragraphs by
    spacing instead, so this is only used for PDFs other programs made.)"""
    out: list[Line] = []
    reach = bottom = 0.0  # right end and baseline of the last physical line joined
    for line in lines:
        # the next line's first glyph (with the punctuation that may not start a line) would
        # not have fitted in the room left: the program wrapped here
        head = sorted(line.chars, key=lambda c: float(c["x0"]))[:2]
        if len(head) == 2 and head[1]["text"] not in _NO_LINE_START:
            head = head[:1]
        room = sum(float(c["x1"]) - float(c["x0"]) for c in head) + 0.6 * line.size
        wrapped = reach >= right - max(2.2 * line.size, room)
        if out and wrapped and _new_item(out[-1], line):
            wrapped = False  # "…进行。" then "四、…": a numbered paragraph starts here
        if out and wrapped and line.bottom - bottom < 2.2 * line.size:
            shift = 10_000.0 * len(out[-1].chars)  # keep reading order when sorted by x0
            moved = [dict(c, x0=c["x0"] + shift, x1=c["x1"] + shift) for c in line.chars]
            out[-1] = Line(out[-1].chars + moved)
        else:
            out.append(Line(list(line.chars)))
        reach = max(float(c["x1"]) for c in line.chars)
        bottom = line.bottom
    return out


class _Glyphs:
    """A page's glyphs that are not grey hints, sorted by the middle of their box, so a
    cell's are found by bisection instead of a pass over the page for every cell."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        rows = [((c["top"] + c["bottom"]) / 2, n, c) for n, c in enumerate(chars)]
        # a NaN middle is inside no cell (every comparison is false): it is left out here
        rows = sorted((r for r in rows if r[0] == r[0] and not hint_grey(r[2])), key=_first_two)
        self.mids = [r[0] for r in rows]
        self.rows = rows
        # the cells of a table row share their band of lines: each band sorted once by x
        self.bands: dict[tuple[int, int], tuple[list[float], list[tuple[int, Any]]]] = {}

    def inside(self, bbox: Any) -> list[dict[str, Any]]:
        """The glyphs whose middle is in ``bbox`` (edges included), in drawing order."""
        x0, top, x1, bottom = bbox
        if x0 != x0 or top != top or x1 != x1 or bottom != bottom:
            return []  # a NaN edge holds nothing (every comparison with it is false)
        span = bisect_left(self.mids, top), bisect_right(self.mids, bottom)
        if span not in self.bands:
            band = [((c["x0"] + c["x1"]) / 2, n, c) for _, n, c in self.rows[span[0] : span[1]]]
            # a NaN middle is in no cell (and would spoil the sort); (x, n) is unique, so the
            # dictionaries are never compared
            across = sorted(r for r in band if r[0] == r[0])
            self.bands[span] = ([r[0] for r in across], [(r[1], r[2]) for r in across])
        xs, items = self.bands[span]
        picked = items[bisect_left(xs, x0) : bisect_right(xs, x1)]
        return [c for _, c in sorted(picked, key=_first)]


def _first_two(row: tuple[float, int, Any]) -> tuple[float, int]:
    return row[0], row[1]


def _first(item: tuple[int, Any]) -> int:
    return item[0]


def _norm(text: str) -> str:
    return "".join(text.split())


def read_text(page: Page, pdf: Any) -> ParsedForm:
    """Read ``pdf`` as ``page`` by text position (method ``text``)."""
    reader = _Reader(page)
    reader.unwrap = (pdf.metadata or {}).get("Producer") != "fupin-forms"
    rows: list[tuple[Any, list[Any]]] = []
    first_top: float | None = None
    for p in pdf.pages:
        for table in p.find_tables():
            if first_top is None and p.page_number == 1:
                first_top = float(table.bbox[1])
            rows += [(p, [c for c in row.cells if c is not None]) for row in table.rows]
    first = pdf.pages[0]
    head_chars = [c for c in first.chars if first_top is None or c["bottom"] <= first_top]
    head_lines = [line.text for line in lines_of(head_chars)]
    for para in page.head:
        src = FieldSource("text", 0.9, 1, where="表格上方")
        if not any(reader.put_match(para, line, None, src) for line in head_lines):
            reader.out.warnings.append(
                f"表格上方找不到“{_norm(''.join(i.text for i in para.items if isinstance(i, Text)))}”"
            )

    glyphs: dict[int, _Glyphs] = {}

    def texts(p: Any, bbox: Any) -> list[dict[str, Any]]:
        if p.page_number not in glyphs:
            glyphs[p.page_number] = _Glyphs(p.chars)
        return glyphs[p.page_number].inside(bbox)

    def read_row(row: Row, pdf_row: tuple[Any, list[Any]], index: int | None, n: int) -> None:
        p, cells = pdf_row
        wanted = [c for c in row.cells if c.vmerge != "continue"]
        if len(cells) > len(wanted) and row.cells[0].vmerge == "continue":
            cells = cells[len(cells) - len(wanted) :]  # a merged label's box on a new page
        for k, (cell, bbox) in enumerate(zip(wanted, cells, strict=False)):
            src = FieldSource(
                "text",
                0.9,
                p.page_number,
                (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])),
                f"第{p.page_number}页 表格第{n + 1}行第{k + 1}格",
            )
            reader.cell(cell, texts(p, bbox), index, src)

    def row_text(pdf_row: tuple[Any, list[Any]]) -> str:
        p, cells = pdf_row
        return _norm("".join(c["text"] for c in texts(p, cells[0]))) if cells else ""

    cursor = 0
    items = list(page.rows)
    headers = {
        _norm("".join(c.text for c in r.cells)) for r in items if isinstance(r, Row) and r.header
    }
    for k, item in enumerate(items):
        if isinstance(item, Row):
            if cursor < len(rows):
                read_row(item, rows[cursor], None, cursor)
            cursor += 1
            continue
        assert isinstance(item, Repeat)
        nxt = next((r for r in items[k + 1 :] if isinstance(r, Row)), None)
        anchor = _norm(nxt.anchor or "") if nxt is not None else None
        index = 0
        while cursor < len(rows) and (not anchor or row_text(rows[cursor]) != anchor):
            p, cells = rows[cursor]
            whole = _norm("".join(c["text"] for bbox in cells for c in texts(p, bbox)))
            if whole not in headers:
                read_row(item.row, rows[cursor], index, cursor)
                index += 1
            cursor += 1
    return reader.out.finish("text")
