"""Reading one annex from a docx by its layout: find each row by its label, each value by its
cell, and inside the cell prefer a content control tagged with the field's path.

Tags are gone after LibreOffice or WPS saved the file and controls are gone when someone typed
straight into the cells, so every cell can also be read from its text against the layout's
printed words (``（盖章）☒已盖章 2016年3月5日``). Placeholder hints (flag or hint style) read as
empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..layout import Field, Page, Para, Repeat, Row, Text
from ..models import blank_date
from ._docx_xml import CHECKED, CellRef, Control, Paragraph, Table
from ._result import FieldSource, Method

__all__ = ["Reader", "undoubled_text"]

_BOX = f"[{CHECKED}☐□○◯]"
# Runs before 年/月/日 are bounded and cannot hold the marker that ends them: the old
# ``\S*\s*年`` was quadratic on 16,000 × 年 (issue 13).
_DATE = (
    r"(?:[^\s年]{0,12}\s*年\s*[^\s月]{0,8}\s*月\s*[^\s日]{0,8}\s*日|"
    r"\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}|"
    r"\d{4}-\d{2}-\d{2}T[\d:]+Z?)"
)
_DIGIT = re.compile(r"[\d〇○零一二三四五六七八九十]")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def _pattern(para: Para) -> re.Pattern[str]:
    """A regex for a paragraph that mixes printed words and values."""
    out = [r"^\s*"]
    for item in para.items:
        if isinstance(item, Text):
            words = item.text.strip()
            if words:
                out.append(r"\s*".join(re.escape(c) for c in words) + r"\s*")
        elif isinstance(item, Field):
            if item.kind in ("check", "option"):
                out.append(rf"({_BOX}?)\s*")
            elif item.kind == "date":
                out.append(rf"({_DATE}?)\s*")
            else:
                out.append(r"(.*?)\s*")
    out.append(r"$")
    return re.compile("".join(out), re.DOTALL)


def _undouble(texts: list[str]) -> str:
    """LibreOffice 7.4 can turn one control into several, one holding the text twice: keep
    each distinct text once, a doubled copy counting as its single self."""
    found = [t for t in texts if t.strip()]
    out: list[str] = []
    for text in found:
        half = len(text) // 2
        doubled = len(text) % 2 == 0 and text[:half] == text[half:]
        if doubled and (text[:half] in found or len(found) == 1):
            text = text[:half]
        if text not in out:
            out.append(text)
    return "".join(out)


def undoubled_text(para: Paragraph) -> str:
    """The paragraph's text with each run of adjacent controls read as one value."""
    out: list[str] = []
    group: list[Control] = []
    for part in [*para.parts, None]:
        if isinstance(part, Control):
            group.append(part)
            continue
        if part == "" and group:
            continue
        if group:
            shown = [c.shown for c in group]
            boxes = [c for c in group if c.checked is not None]
            out.append(shown[0] if boxes or len(group) == 1 else _undouble(shown))
            group = []
        if part is not None:
            out.append(part)
    return "".join(out)


@dataclass
class Reader:
    """Collects raw values (JSON shape) and where each came from."""

    page: Page
    where_prefix: str = "表格1"
    data: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, FieldSource] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    # -- values -------------------------------------------------------------------------
    def _clean(self, f: Field, raw: Any) -> Any:
        if f.kind in ("check", "option"):
            return raw
        text = str(raw).strip() if raw is not None else ""
        if not text:  # hints are known by the file's marks (_docx_xml), never by wording
            return None
        if f.kind == "date" and blank_date(text):
            return None  # other text is kept: the model reports it with the input
        return text

    def put(self, f: Field, index: int | None, raw: Any, method: Method, where: str) -> None:
        value = self._clean(f, raw)
        path = f.path if index is None else f.at(index).path
        target = self.data
        if index is not None:
            head, rel = path.split("[", 1)[0], f.relative
            items = target.setdefault(head, [])
            while len(items) <= index:
                items.append({})
            target = items[index]
            steps = rel.split(".")
        else:
            steps = path.split(".")
        for step in steps[:-1]:
            target = target.setdefault(step, {})
        if f.kind == "option":
            if value:
                target[steps[-1]] = f.option
            else:
                target.setdefault(steps[-1], None)
        else:
            target[steps[-1]] = value
        key = path  # a JSON path: the three 项目类别 boxes all report as "category"
        if f.kind == "option" and not value and key in self.fields:
            return
        self.fields[key] = FieldSource(method, 1.0 if method == "sdt" else 0.9, where=where)

    # -- one paragraph / one cell ---------------------------------------------------------
    def read_paras(
        self, paras: tuple[Para, ...], found: list[Paragraph], index: int | None, where: str
    ) -> None:
        used: set[int] = set()
        free: Para | None = None
        for para in paras:
            if not para.fields:
                continue
            if len(para.items) == 1:
                free = para
                continue
            for n, actual in enumerate(found):
                if n not in used and self._read_pattern(para, actual, index, where):
                    used.add(n)
                    break
            else:
                for f in para.fields:
                    self.put(f, index, None, "label", where)
        if free is not None:
            rest = [p for n, p in enumerate(found) if n not in used]
            self._read_free(free.fields[0], rest, index, where)

    def _tagged(self, f: Field, controls: list[Control], index: int | None) -> Control | None:
        want = re.sub(r"\[\{i\}\]", "[]", f.key)
        for c in controls:
            if c.tag and re.sub(r"\[\d+\]", "[]", c.tag) == want:
                return c
        return None

    def _control_value(self, f: Field, c: Control) -> Any:
        if f.kind in ("check", "option"):
            return True if c.checked else None
        if f.kind == "date" and c.placeholder is False and not _DIGIT.search(c.text):
            return c.full_date[:10] if c.full_date else c.shown
        return c.shown

    def _read_free(self, f: Field, found: list[Paragraph], index: int | None, where: str) -> None:
        controls = [c for p in found for c in p.controls]
        tagged = self._tagged(f, controls, index)
        if tagged is not None:
            self.put(f, index, self._control_value(f, tagged), "sdt", where)
        elif len(controls) > 1:
            self.put(f, index, _undouble([c.shown for c in controls]), "label", where)
        else:
            self.put(f, index, "\n".join(p.text for p in found), "label", where)

    def _read_pattern(self, para: Para, actual: Paragraph, index: int | None, where: str) -> bool:
        controls = actual.controls
        tagged = [self._tagged(f, controls, index) for f in para.fields]
        if all(c is not None for c in tagged):
            for f, c in zip(para.fields, tagged, strict=True):
                assert c is not None
                self.put(f, index, self._control_value(f, c), "sdt", where)
            return True
        m = _pattern(para).match(undoubled_text(actual))
        if m is None:
            return False
        for f, group, c in zip(para.fields, m.groups(), tagged, strict=True):
            if c is not None:
                self.put(f, index, self._control_value(f, c), "sdt", where)
            elif f.kind in ("check", "option"):
                self.put(f, index, True if group and group in CHECKED else None, "label", where)
            else:
                self.put(f, index, group, "label", where)
        return True

    def read_cells(self, row: Row, cells: list[CellRef], index: int | None, rn: int) -> None:
        for n, cell in enumerate(row.cells):
            if not cell.fields:
                continue
            where = f"{self.where_prefix} 第{rn + 1}行第{n + 1}列"
            actual = cells[n].paras if n < len(cells) else []
            self.read_paras(cell.paras, actual, index, where)

    # -- the table -------------------------------------------------------------------------
    def read_table(self, table: Table) -> None:
        rows = table.rows
        cursor = 0
        layout = self.page.rows
        for li, lrow in enumerate(layout):
            if isinstance(lrow, Repeat):
                end = self._find_next(rows, cursor, layout[li + 1 :])
                self._read_repeat(lrow, rows, cursor, end)
                cursor = end
                continue
            if lrow.anchor is not None:
                found = self._find(rows, cursor, lrow.anchor)
                if found is None:
                    self.warnings.append(f"找不到“{_norm(lrow.anchor)}”一行")
                    continue
                cursor = found
            if cursor >= len(rows):
                continue
            self.read_cells(lrow, rows[cursor], None, cursor)
            cursor += 1

    @staticmethod
    def _find(rows: list[list[CellRef]], start: int, anchor: str) -> int | None:
        want = _norm(anchor)
        for n in range(start, len(rows)):
            if rows[n] and rows[n][0].vmerge != "continue" and rows[n][0].key == want:
                return n
        return None

    def _find_next(
        self, rows: list[list[CellRef]], start: int, after: tuple[Row | Repeat, ...]
    ) -> int:
        for lrow in after:
            if isinstance(lrow, Row) and lrow.anchor is not None:
                found = self._find(rows, start, lrow.anchor)
                if found is not None:
                    return found
        return len(rows)

    def _read_repeat(self, rep: Repeat, rows: list[list[CellRef]], start: int, end: int) -> None:
        for count, rn in enumerate(range(start, end)):
            self.read_cells(rep.row, rows[rn], count, rn)
        items = self.data.setdefault(rep.list_path, [])
        kept = len(items)
        while kept and not any(v not in (None, "") for v in items[kept - 1].values()):
            kept -= 1
        if kept < len(items):  # one pass over the fields, not one per dropped row (issue 13)
            del items[kept:]
            prefix = f"{rep.list_path}["
            for key in [k for k in self.fields if k.startswith(prefix)]:
                index = key[len(prefix) :].partition("]")[0]
                if index.isdigit() and int(index) >= kept:
                    del self.fields[key]
