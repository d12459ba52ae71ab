"""Feed data flattened to field paths, as the scoring tool counts fields (shared by the tests
that score readers against hand-written expected records)."""

from __future__ import annotations

from typing import Any

__all__ = ["flat"]


def flat(obj: Any, prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": [1]}}`` → ``{"a.b[0]": 1}``; keys starting ``_`` (notes, alternatives) are
    not fields."""
    if isinstance(obj, dict):
        out: dict[str, Any] = {}
        for k, v in obj.items():
            if not k.startswith("_"):
                out.update(flat(v, f"{prefix}.{k}" if prefix else k))
        return out
    if isinstance(obj, list):
        out = {}
        for n, v in enumerate(obj):
            out.update(flat(v, f"{prefix}[{n}]"))
        return out
    return {prefix: obj}
