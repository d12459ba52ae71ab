"""Where the core puts what it read: values in the model's JSON shape, each with its source,
issues naming a path, and one-line warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...rules import Issue, Severity
from .._result import FieldSource, Method, ParsedForm
from .grid import GridCell
from .tiers import INFERRED

__all__ = ["Out"]

# How people write a phone extension that the phone value type rewrites as ``-806``.
_EXTENSION = re.compile(r"\d\s*(?:转|分机|ext\.?|x)\s*\d", re.IGNORECASE)

_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


@dataclass
class Out:
    form: str
    method: Method = "label"
    data: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, FieldSource] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def source(self, cell: GridCell | None, tier: float) -> FieldSource:
        if cell is None:
            return FieldSource(self.method, tier)
        return FieldSource(self.method, tier, cell.page, cell.bbox, cell.where or None)

    def put(self, path: str, value: Any, cell: GridCell | None, tier: float) -> None:
        target: Any = self.data
        steps = path.split(".")
        for n, step in enumerate(steps):
            m = _STEP.fullmatch(step)
            assert m is not None, path
            name, index = m.group(1), m.group(2)
            last = n == len(steps) - 1
            if index is not None:
                items = target.setdefault(name, [])
                while len(items) <= int(index):
                    items.append({})
                if last:
                    items[int(index)] = value
                else:
                    target = items[int(index)]
            elif last:
                target[name] = value
            else:
                target = target.setdefault(name, {})
        self.fields[path] = self.source(cell, tier)
        if path.endswith("phone") and isinstance(value, str) and _EXTENSION.search(value):
            self.issue(
                "normalised", path,
                f"电话“{value}”中的分机写法（转/分机）按“-分机号”读取，请核对",
                "warning", f"{path}: extension in {value!r} written as '-ext'",
            )  # fmt: skip

    def has(self, path: str) -> bool:
        return path in self.fields

    def issue(self, code: str, path: str, message: str, severity: Severity = "warning",
              en: str = "") -> None:  # fmt: skip
        self.issues.append(Issue(code, path, severity, message, en))

    def lower(self, path: str, tier: float) -> None:
        src = self.fields.get(path)
        if src is not None and src.confidence > tier:
            self.fields[path] = FieldSource(src.method, tier, src.page, src.bbox, src.where)

    def put_date(self, path: str, d: Any, cell: GridCell | None, tier: float,
                 what: str = "") -> bool:  # fmt: skip
        """A ``DateRead`` stored the one way for every date field: a full date as read, a
        two-digit year as 20yy below the review line with a warning, anything else None with
        an ``invalid`` issue quoting the text. False for ``no_year`` (the caller infers it)."""
        if d.status == "no_year":
            return False
        self.put(path, d.value if d.status in ("ok", "short_year", "range") else None, cell,
                 tier)  # fmt: skip
        if d.status == "range":
            self.issue(
                "date_range", path, f"{what}“{d.raw}”是一段时间，按第一天 {d.value} 读取，请核对",
                "warning", f"{path}: a range {d.raw!r}, read as its first day {d.value}",
            )  # fmt: skip
        elif d.status == "short_year":
            self.lower(path, INFERRED)
            self.issue(
                "date_year", path, f"{what}日期“{d.raw}”只写了两位年份，读作 {d.value}，请核对",
                "warning", f"{path}: two-digit year in {d.raw!r}, read as {d.value}",
            )  # fmt: skip
        elif d.status == "invalid":
            self.issue(
                "invalid", path, f"{what}无法识别的日期：“{d.raw}”（应如 2016年3月5日）",
                "error", f"{path}: not a date: {d.raw!r}",
            )  # fmt: skip
        return True

    def finish(self) -> ParsedForm:
        return ParsedForm(self.form, self.data, self.fields, self.warnings, self.issues)
