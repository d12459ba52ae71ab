"""Chinese labels for JSON paths, taken from the models' field titles (one truth)."""

from __future__ import annotations

import re

from pydantic import BaseModel

__all__ = ["label_of"]

_PART = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def label_of(model: type[BaseModel], path: str) -> str:
    """``villages[1].phone`` → ``联系帮扶贫困村情况 第2行 联系电话``."""
    words: list[str] = []
    current: type[BaseModel] | None = model
    for name, index in _PART.findall(path):
        if index:
            words.append(f"第{int(index) + 1}行")
            continue
        if current is None or name not in current.model_fields:
            words.append(name)
            current = None
            continue
        info = current.model_fields[name]
        words.append(info.title or name)
        current = _inner_model(info.annotation)
    return " ".join(words)


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
