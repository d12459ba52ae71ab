"""Reading JSON data files: one object, an array of objects, or JSON Lines.

Each object is a bare record (``{"applicant_name": …}``) or a feed record
(``{"form": "annex4", "data": {…}}``). Malformed JSON is a ``ParseError`` naming line and
column, never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ParseError
from ..records import detect_form

__all__ = ["JsonItem", "load_json_items", "parse_json_text"]

_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class JsonItem:
    form: str | None
    data: dict[str, Any]
    where: str  # "第3行" / "第2个对象" / ""


def parse_json_text(text: str, path: str) -> list[tuple[Any, str]]:
    """The JSON values in ``text`` with where each came from."""
    text = text.removeprefix("\ufeff")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise _decode_error(exc, path) from None
        return _json_lines(text, path)
    except RecursionError:
        raise ParseError("JSON 嵌套层数过深", path) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python will convert
        raise ParseError(f"JSON 中有无法处理的数值：{str(exc)[:80]}", path) from None
    if isinstance(value, list):
        return [(v, f"第{i + 1}个对象") for i, v in enumerate(value)]
    return [(value, "")]


def _json_lines(text: str, path: str) -> list[tuple[Any, str]]:
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append((json.loads(line), f"第{number}行"))
        except RecursionError:
            raise ParseError("JSON 嵌套层数过深", path, f"第{number}行") from None
        except json.JSONDecodeError as exc:
            raise ParseError(
                f"JSON 格式错误：{_msg(exc)}（第 {number} 行第 {exc.colno} 列）", path
            ) from None
        except ValueError as exc:
            raise ParseError(
                f"JSON 中有无法处理的数值：{str(exc)[:80]}", path, f"第{number}行"
            ) from None
    return out


def _decode_error(exc: json.JSONDecodeError, path: str) -> ParseError:
    return ParseError(f"JSON 格式错误：{_msg(exc)}（第 {exc.lineno} 行第 {exc.colno} 列）", path)


_MESSAGES = {
    "Expecting value": "此处缺少值",
    "Expecting property name enclosed in double quotes": "属性名须用英文双引号",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Unterminated string starting at": "字符串没有结束引号",
    "Invalid control character at": "字符串中有控制字符",
}


def _msg(exc: json.JSONDecodeError) -> str:
    return f"{_MESSAGES.get(exc.msg, exc.msg)} ({exc.msg})"


def load_json_items(path: str | Path) -> list[JsonItem]:
    """Every record in a JSON / JSON Lines file, with its form recognised from its keys."""
    p = Path(path)
    try:
        if p.stat().st_size > _MAX_BYTES:
            raise ParseError("文件过大（超过 64 MB）", str(p))
        raw = p.read_bytes()
    except OSError as exc:
        raise ParseError(f"无法读取文件：{exc.strerror}", str(p)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError("文件不是 UTF-8 编码的 JSON（请另存为 UTF-8）", str(p)) from None
    items = []
    for value, where in parse_json_text(text, str(p)):
        if not isinstance(value, dict):
            raise ParseError("每条记录应为 JSON 对象 {…}", str(p), where or None)
        if isinstance(value.get("data"), dict) and "form" in value:
            items.append(JsonItem(str(value["form"]), value["data"], where))
        else:
            items.append(JsonItem(detect_form(value), value, where))
    return items
