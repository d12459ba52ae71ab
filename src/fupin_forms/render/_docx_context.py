"""The Jinja context for a docx template: display strings keyed by ``_docx_names`` names.

Values go in as context variables (never spliced into template source), so docxtpl's
autoescape keeps ``& < > " '`` and Jinja-looking text literal.
"""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

from ..layout import Field, Page, Repeat
from ..models import cn_date
from ._docx_names import iso_var, repeat_var, var_name

__all__ = ["build_context", "get_path"]

# XML 1.0 forbids most C0 controls; \a and \f would also make docxtpl break the paragraph.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def get_path(data: Any, path: str) -> Any:
    """``reviews.unit.opinion`` in nested dicts; None when any step is missing."""
    for step in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(step)
    return data


def _display(field: Field, value: Any) -> Any:
    if field.kind == "option":
        return value == field.option
    if field.kind == "check":
        return bool(value)
    if value is None:
        return ""
    if field.kind == "date":
        return cn_date(value if isinstance(value, dt.date) else str(value))
    return _ILLEGAL.sub("", str(value))


def _fill(target: dict[str, Any], field: Field, value: Any) -> None:
    target[var_name(field)] = _display(field, value)
    if field.kind == "date":
        target[iso_var(field)] = str(value) if value else ""


_Plan = tuple[tuple[Field, ...], tuple[tuple[Repeat, tuple[Field, ...]], ...]]
_PLANS: dict[int, tuple[Page, _Plan]] = {}


def _plan(page: Page) -> _Plan:
    """The page's fields, listed once (hashing a whole frozen Page per call costs more)."""
    hit = _PLANS.get(id(page))
    if hit is None or hit[0] is not page:
        top = tuple(f for f in page.fields() if "{i}" not in f.path)
        hit = _PLANS[id(page)] = (page, (top, tuple((r, r.fields) for r in page.repeats())))
    return hit[1]


def build_context(page: Page, data: dict[str, Any] | None) -> dict[str, Any]:
    """``data`` is the model's JSON dump (or None for a blank form). Repeated blocks are
    padded with blank rows up to the layout's minimum, as the printed annex shows them.
    Rows are namespaces, not dicts: Jinja's ``f.x`` then needs no failed getattr first."""
    data = data or {}
    top_fields, repeats = _plan(page)
    top: dict[str, Any] = {}
    for field in top_fields:
        _fill(top, field, get_path(data, field.path))
    context: dict[str, Any] = {"f": SimpleNamespace(**top)}
    for repeat, fields in repeats:
        items = data.get(repeat.list_path) or []
        rows = []
        for n in range(max(len(items), repeat.min_rows)):
            item = items[n] if n < len(items) else {}
            row: dict[str, Any] = {}
            for field in fields:
                _fill(row, field, get_path(item, field.relative))
            rows.append(SimpleNamespace(**row))
        context[repeat_var(repeat)] = rows
    return context
