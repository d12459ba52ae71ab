"""What each field of a layout shows for a record: the display string or box state per field key.

Shared by the PDF renderer (to draw and set ``/V``) and its tests. Dates print the way the
forms print them (``2016年3月5日``), which the models read back unchanged.
"""

from __future__ import annotations

from typing import Any

from ..layout import Field, Page
from ..models import cn_date

__all__ = ["counts_of", "display", "field_values", "lookup"]


def lookup(data: Any, path: str) -> Any:
    """``villages[0].phone`` in a ``model_dump(mode="json")`` dict; None where absent."""
    current = data
    for step in path.split("."):
        name, _, rest = step.partition("[")
        if not isinstance(current, dict):
            return None
        current = current.get(name)
        if rest:
            index = int(rest.rstrip("]"))
            if not isinstance(current, list) or index >= len(current):
                return None
            current = current[index]
    return current


def display(field: Field, value: Any) -> str | bool | None:
    if field.kind == "option":
        return bool(value == field.option)
    if field.kind == "check":
        return bool(value)
    if value is None or value == "":
        return None
    if field.kind == "date" and isinstance(value, str):
        try:
            return cn_date(value)
        except ValueError:
            return value
    return str(value)


def counts_of(page: Page, data: dict[str, Any]) -> dict[str, int]:
    return {r.list_path: len(data.get(r.list_path) or []) for r in page.repeats()}


def field_values(page: Page, data: dict[str, Any]) -> dict[str, str | bool]:
    """Every filled field (and every box, ticked or not) by concrete key."""
    out: dict[str, str | bool] = {}
    counts = counts_of(page, data)
    for f in page.fields():
        if "{i}" in f.path:
            repeat = next(r for r in page.repeats() if f in r.fields)
            fields = [f.at(i) for i in range(max(counts[repeat.list_path], repeat.min_rows))]
        else:
            fields = [f]
        for g in fields:
            shown = display(g, lookup(data, g.path))
            if shown is not None:
                out[g.key] = shown
    return out

