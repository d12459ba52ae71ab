"""Is a feed record shaped as ``parse`` writes it? Checked before ``aggregate``, ``publish`` or
``review`` use one, so a hand-edited or damaged line becomes one reported, skipped record
instead of a ``TypeError`` that stops the whole command.

Only the parts those commands read are checked, and only their types: the values themselves
were judged when the form was parsed.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["record_problem"]

_TEXT_KEYS = (
    "applicant_name", "unit_name", "project_name", "employer", "address", "category",
    "filled_on", "expert", "county",
)  # fmt: skip


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _data_problem(data: dict[str, Any]) -> str | None:
    for key in _TEXT_KEYS:
        if not isinstance(data.get(key), str | None):
            return f"data.{key} 应为文本"
    villages = data.get("villages")
    if villages is not None:
        if not isinstance(villages, list):
            return "data.villages 应为列表"
        for i, village in enumerate(villages):
            if not isinstance(village, dict | None) or not isinstance(
                (village or {}).get("name"), str | None
            ):
                return f"data.villages[{i}] 格式不对"
    reviews = data.get("reviews")
    if reviews is not None and (
        not isinstance(reviews, dict)
        or not all(isinstance(r, dict | None) for r in reviews.values())
    ):
        return "data.reviews 格式不对"
    entries = data.get("entries")
    if entries is not None:
        if not isinstance(entries, list):
            return "data.entries 应为列表"
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict | None) or not isinstance(
                (entry or {}).get("date"), str | None
            ):
                return f"data.entries[{i}] 格式不对"
    return None


def _fields_problem(fields: Any) -> str | None:
    if not isinstance(fields, dict):
        return "fields 应为对象"
    for path, source in fields.items():
        if not isinstance(source, dict):
            return f"fields.{path} 应为对象"
        page, bbox, confidence = source.get("page"), source.get("bbox"), source.get("confidence")
        if page is not None and (not isinstance(page, int) or isinstance(page, bool)):
            return f"fields.{path}.page 应为整数"
        if bbox is not None and (
            not isinstance(bbox, list) or len(bbox) != 4 or not all(_finite(v) for v in bbox)
        ):
            return f"fields.{path}.bbox 应为四个有限数值"
        if confidence is not None and not _finite(confidence):
            return f"fields.{path}.confidence 应为数值"
    return None


def record_problem(record: dict[str, Any]) -> str | None:
    """Why ``record`` cannot be used as a feed record, or None if its shape is right."""
    for key in ("form", "status", "error"):
        if not isinstance(record.get(key), str | None):
            return f"{key} 应为文本"
    source = record.get("source")
    if source is not None and (
        not isinstance(source, dict)
        or not isinstance(source.get("path"), str | None)
        or not isinstance(source.get("sha256"), str | None)
    ):
        return "source 格式不对"
    data = record.get("data")
    if data is not None:
        if not isinstance(data, dict):
            return "data 应为对象"
        problem = _data_problem(data)
        if problem:
            return problem
    if record.get("fields") is not None:
        return _fields_problem(record["fields"])
    return None
