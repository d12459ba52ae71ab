"""Reading and writing a value at a feed path (``villages[0].phone``) in a record's data."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(path: str) -> list[str | int]:
    """``villages[0].phone`` → ``["villages", 0, "phone"]``; an option suffix ``=x`` is dropped."""
    path = path.partition("=")[0]
    return [int(i) if i else name for name, i in _PART.findall(path)]


def get_path(data: Any, path: str) -> Any:
    node = data
    for key in split_path(path):
        if isinstance(key, int):
            if not isinstance(node, list) or key >= len(node):
                return None
            node = node[key]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(key)
    return node


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at ``path``, making the dicts and list rows on the way."""
    keys = split_path(path)
    if not keys:
        raise ValueError("空的字段路径")
    node: Any = data
    for key, nxt in pairwise(keys):
        empty: Any = [] if isinstance(nxt, int) else {}
        if isinstance(key, int):
            while len(node) <= key:
                node.append({} if not isinstance(nxt, int) else [])
            if not isinstance(node[key], dict | list):
                node[key] = empty
            node = node[key]
        else:
            if not isinstance(node.get(key), dict | list):
                node[key] = empty
            node = node[key]
    last = keys[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def coerce(text: str, old: Any) -> Any:
    """What a typed text means, given the value it replaces: 是/否 for booleans, numbers for
    numbers, empty for nothing; anything else stays text (validation says if it is wrong)."""
    text = text.strip()
    if text == "":
        return None
    if isinstance(old, bool) or text in ("是", "否"):
        return {"是": True, "否": False, "true": True, "false": False}.get(text, text)
    if isinstance(old, int) and text.isdigit():
        return int(text)
    return text
