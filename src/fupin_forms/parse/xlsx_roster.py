"""Reading application rosters: one row per expert (sheet 专家, 附件4) or unit (单位, 附件3).

Each non-blank row becomes one ``ParsedForm`` in the model's JSON shape, every value tagged
with its cell (``专家!H4``), so a bad row is reported by cell and the others go on. Columns
are found by their labels (the forms' labels); village groups ``贫困村N名称/联系人/联系电话``
may repeat any number of times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ..errors import ParseError
from ..labels import VILLAGE_COLUMNS, title
from ..layout.xlsx import (
    ROSTER_KEYS,
    ROSTER_SEQ_LABEL,
    ROSTER_SHEETS,
    norm_label,
    roster_columns,
)
from ..models import resolve_form_id
from ._result import FieldSource, ParsedForm
from ._xlsx_book import Sheet, Value, read_book
from ._xlsx_values import apply_merges, cell_ref, raw_text, to_date
from .core import field_label

__all__ = ["RosterHeader", "find_roster_header", "read_roster", "roster_rows"]

_HEADER_SCAN_ROWS = 30
# 贫困村N + a village column's label without its 贫困村 (贫困村2联系电话, 贫困村2电话)
_VILLAGE_KEY = {
    norm_label(text).removeprefix("贫困村"): s.path
    for s in VILLAGE_COLUMNS
    for text in s.all
    if norm_label(text).removeprefix("贫困村")
}
_VILLAGE = re.compile(
    rf"贫困村(\d+)({'|'.join(map(re.escape, sorted(_VILLAGE_KEY, key=len, reverse=True)))})"
)
_KEY_FIELDS = {form: title(form, path) for form, path in ROSTER_KEYS.items()}


@dataclass
class RosterHeader:
    """Where a roster's header is and which column holds which JSON path."""

    form: str
    row: int
    columns: dict[int, str]  # column → JSON path (``villages[1].phone`` uses the group number)
    extra: dict[int, str]  # column → header text not known as a roster label
    tiers: dict[int, float] | None = None  # column → confidence, when found by a variant


def _labels(form: str) -> dict[str, str]:
    """Normalised label → JSON path for the non-village columns of ``form``."""
    return {norm_label(c.label): c.key for c in roster_columns(form, 0)}


def find_roster_header(sheet: Sheet) -> RosterHeader | None:
    """The header row of a roster sheet, recognised by its key label (申报人姓名/申报单位)."""
    for row in sorted(sheet.cells)[:_HEADER_SCAN_ROWS]:
        texts = {c: norm_label(raw_text(v)) for c, v in sheet.cells[row].items()}
        for form, key_label in _KEY_FIELDS.items():
            key_path = _labels(form)[norm_label(key_label)]
            known = {c: field_label(t, form) for c, t in texts.items()}
            if norm_label(key_label) not in texts.values() and not any(
                hit and hit[0] == key_path for hit in known.values()
            ):
                continue
            labels = _labels(form)
            columns: dict[int, str] = {}
            extra: dict[int, str] = {}
            tiers: dict[int, float] = {}
            for col, text in texts.items():
                village = _VILLAGE.fullmatch(text)
                hit = known[col]
                if text in labels and labels[text] not in columns.values():
                    columns[col] = labels[text]
                elif hit and hit[0] in labels.values() and hit[0] not in columns.values():
                    columns[col], tiers[col] = hit  # a spelling from fupin_forms.labels (姓名, 邮编)
                elif village:
                    group = int(village.group(1))
                    columns[col] = f"villages[{group}].{_VILLAGE_KEY[village.group(2)]}"
                elif text and text != ROSTER_SEQ_LABEL:
                    extra[col] = raw_text(sheet.cells[row][col])
            if len(columns) >= 3:
                return RosterHeader(form, row, columns, extra, tiers)
    return None


def roster_rows(sheet: Sheet, header: RosterHeader) -> list[ParsedForm]:
    """One ParsedForm per row below the header that has any value in a known column."""
    filled = apply_merges(sheet, header.row + 1)
    warnings = [
        f"工作表「{sheet.name}」第 {get_column_letter(col)} 列「{text}」不是{'专家' if header.form == 'annex4' else '单位'}名册的栏目，未读入"
        for col, text in sorted(header.extra.items())
    ]
    out: list[ParsedForm] = []
    for row in sorted(r for r in sheet.cells if r > header.row):
        cells = sheet.cells[row]
        own = [c for c in cells if c in header.columns and (row, c) not in filled]
        if not own:
            continue
        data: dict[str, Any] = {}
        fields: dict[str, FieldSource] = {}
        groups: dict[int, dict[str, tuple[Value, str]]] = {}
        for col, path in header.columns.items():
            if col not in cells:
                continue
            src_row, src_col = filled.get((row, col), (row, col))
            where = cell_ref(sheet.name, src_row, src_col)
            value = cells[col]
            if path.startswith("villages["):
                group = int(path[len("villages[") : path.index("]")])
                groups.setdefault(group, {})[path.rpartition(".")[2]] = (value, where)
                continue
            data[path] = to_date(value) if path == "filled_on" else raw_text(value)
            fields[path] = FieldSource("cell", (header.tiers or {}).get(col, 1.0), where=where)
        villages: list[dict[str, str]] = []
        for group in sorted(groups):
            index = len(villages)
            village: dict[str, str] = {}
            for key, (value, where) in groups[group].items():
                village[key] = raw_text(value)
                fields[f"villages[{index}].{key}"] = FieldSource("cell", where=where)
            villages.append(village)
        data["villages"] = villages
        out.append(ParsedForm(header.form, data, fields, warnings if not out else []))
    return out


def read_roster(path: str | Path, form: str) -> list[ParsedForm]:
    """Rows of the ``form`` roster (``annex4`` → sheet 专家, ``annex3`` → 单位) in ``path``.

    The sheet is found by its name, or else by its header; ParseError if there is none."""
    form = resolve_form_id(form)  # UsageError: the caller named no form
    if form not in ROSTER_SHEETS:
        raise ParseError(f"{form} 没有申报名册；名册只有专家（附件4）和单位（附件3）", str(path))
    book = read_book(path)
    wanted = ROSTER_SHEETS[form]
    ordered = sorted(book.sheets, key=lambda s: s.name != wanted)
    for sheet in ordered:
        header = find_roster_header(sheet)
        if header is not None and header.form == form:
            return roster_rows(sheet, header)
    raise ParseError(
        f"没有找到{wanted}名册：需要一个表头含“{_KEY_FIELDS[form]}”的工作表", str(path)
    )
