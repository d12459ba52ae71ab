"""Collecting values by field key into the model's JSON shape, for both PDF methods.

Blank repeated rows (the three printed village rows, the seven ledger rows) are dropped, and
a date that is only the printed ``年 月 日`` counts as blank, as in the Word parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..layout import Field, Page
from ..models import blank_date
from ._result import FieldSource, Method, ParsedForm

__all__ = ["Collector"]

_INDEX = re.compile(r"^(\w+)\[(\d+)\]\.(.+)$")


_YES = frozenset(
    [
        "是",
        "有",
        "对",
        "√",
        "✓",
        "✔",
        "☑",
        "☒",
        "■",
        "x",
        "X",
        "yes",
        "Yes",
        "YES",
        "true",
        "True",
        "TRUE",
        "on",
        "On",
        "ON",
        "1",
        "已签字",
        "已签名",
        "已盖章",
    ]
)
_NO = frozenset(
    [
        "否",
        "无",
        "不",
        "没有",
        "未",
        "☐",
        "□",
        "no",
        "No",
        "NO",
        "false",
        "False",
        "FALSE",
        "off",
        "Off",
        "OFF",
        "0",
        "未签字",
        "未签名",
        "未盖章",
    ]
)


def _yes_no(text: str) -> bool | None:
    """A check box's state typed as text: True, False, or None if it says neither."""
    word = text.strip(" \t\r\n\u3000")
    if not word or word in _NO:
        return False
    return True if word in _YES else None


@dataclass
class Collector:
    page: Page
    data: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, FieldSource] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def put(self, f: Field, raw: str | bool | None, source: FieldSource) -> None:
        """Store ``raw`` for the concrete field ``f`` (its path has an index, not ``{i}``)."""
        value: Any = raw
        if f.kind in ("check", "option") and isinstance(raw, str):
            value = _yes_no(raw)  # a text field named like a check box: 否 is not a tick
            if value is None and raw.strip():
                self.warnings.append(
                    f"{source.where or f.key}：“{raw[:20]}”不是勾选/未勾选，未读入"
                )
            value = value or None
        elif f.kind in ("check", "option"):
            value = True if raw else None
        elif isinstance(raw, str):
            value = raw.strip(" \t\r\n\u3000") or None
            if value is not None and f.kind == "date" and blank_date(value):
                value = None
        m = _INDEX.match(f.path)
        target = self.data
        if m:
            items = target.setdefault(m.group(1), [])
            index = int(m.group(2))
            while len(items) <= index:
                items.append({})
            target = items[index]
            steps = m.group(3).split(".")
        else:
            steps = f.path.split(".")
        for step in steps[:-1]:
            target = target.setdefault(step, {})
        if f.kind == "option":
            if value:
                if target.get(steps[-1]) not in (None, f.option):
                    previous = target[steps[-1]]
                    target[steps[-1]] = [
                        *(previous if isinstance(previous, list) else [previous]),
                        f.option,
                    ]
                else:
                    target[steps[-1]] = f.option
            else:
                target.setdefault(steps[-1], None)
        else:
            target[steps[-1]] = value
        self.fields[f.key] = source

    def finish(self, method: Method) -> ParsedForm:
        for repeat in self.page.repeats():
            items = self.data.get(repeat.list_path)
            if not isinstance(items, list):
                self.data[repeat.list_path] = []
                continue
            kept = []
            for n, item in enumerate(items):
                if any(v is not None for v in item.values()):
                    kept.append(item)
                else:
                    prefix = f"{repeat.list_path}[{n}]."
                    for key in [k for k in self.fields if k.startswith(prefix)]:
                        del self.fields[key]
            self.data[repeat.list_path] = kept
            if len(kept) != len(items):
                self._renumber(repeat.list_path, items, kept)
        return ParsedForm(self.page.form_id, self.data, self.fields, self.warnings)

    def _renumber(self, list_path: str, items: list[Any], kept: list[Any]) -> None:
        """Sources follow their item when blank rows in between are dropped."""
        ids = {id(item): n for n, item in enumerate(kept)}
        moved = {}
        for key in [k for k in self.fields if k.startswith(list_path + "[")]:
            m = _INDEX.match(key)
            if m is None:
                continue
            old = int(m.group(2))
            new = ids.get(id(items[old])) if old < len(items) else None
            source = self.fields.pop(key)
            if new is not None:
                moved[f"{list_path}[{new}].{m.group(3)}"] = source
        self.fields.update(moved)
