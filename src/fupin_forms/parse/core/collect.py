"""Where the core puts what it read: values in the model's JSON shape, each with its source,
issues naming a path, and one-line warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...rules import Issue, Severity
from .._result import FieldSource, Method, ParsedForm
from .grid import GridCell

__all__ = ["Out"]

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

    def has(self, path: str) -> bool:
        return path in self.fields

    def issue(self, code: str, path: str, message: str, severity: Severity = "warning",
              en: str = "") -> None:  # fmt: skip
        self.issues.append(Issue(code, path, severity, message, en))

    def lower(self, path: str, tier: float) -> None:
        src = self.fields.get(path)
        if src is not None and src.confidence > tier:
            self.fields[path] = FieldSource(src.method, tier, src.page, src.bbox, src.where)

    def finish(self) -> ParsedForm:
        return ParsedForm(self.form, self.data, self.fields, self.warnings, self.issues)
