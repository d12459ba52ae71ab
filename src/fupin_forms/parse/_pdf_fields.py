"""What an AcroForm field holds, as a viewer shows it: the appearance state wins over ``/V``.

A check box has two records of its state: ``/V`` on the field and ``/AS`` (the appearance
drawn) on its widget. Viewers draw ``/AS``; a file can set them apart, or put ``(Off)``,
``false`` or ``(0)`` in ``/V`` where a name belongs, and the box must then read as what is
shown, with a note. A text field's value must be a text string: arrays, dictionaries and
streams are not values (they used to become Python reprs such as ``[b'\\xfe\\xff…']``).
"""

from __future__ import annotations

from typing import Any

from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

__all__ = ["field_value"]

Value = str | bool | None


def _name(value: Any) -> str | None:
    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)
    return None


def text_of(value: Any) -> str:
    """A PDF text string (PDFDocEncoding, UTF-16 with BOM, or UTF-8 with BOM) as str."""
    if isinstance(value, bytes):
        if value.startswith(b"\xef\xbb\xbf"):
            return value[3:].decode("utf-8", "replace")
        return decode_text(value)
    if isinstance(value, PSLiteral):
        return _name(value) or ""
    return "" if value is None else str(value)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "数组"
    if isinstance(value, dict):
        return "字典"
    if isinstance(value, PDFStream):
        return "数据流"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, int | float):
        return "数字"
    if isinstance(value, bytes):
        return "字符串"
    return type(value).__name__


def _on_states(widgets: list[dict[str, Any]]) -> set[str]:
    states: set[str] = set()
    for widget in widgets:
        ap = resolve1(widget.get("AP"))
        normal = resolve1(ap.get("N")) if isinstance(ap, dict) else None
        if isinstance(normal, dict):
            states |= {str(k) for k in normal if str(k) != "Off"}
    return states


def _button(obj: dict[str, Any], widgets: list[dict[str, Any]]) -> tuple[Value, str | None]:
    on = _on_states(widgets)
    shown = [_name(resolve1(w.get("AS"))) for w in widgets if w.get("AS") is not None]
    raw = resolve1(obj.get("V"))
    v_name = _name(raw)
    stored: bool | None
    note = None
    if raw is None:
        stored = None
    elif v_name is not None:
        stored = v_name != "Off" and (v_name in on if on else True)
        if v_name != "Off" and on and v_name not in on:
            note = f"/V 的值 /{v_name} 不是该复选框的勾选状态（{'、'.join(sorted(on))}）"
    else:
        stored = None
        note = f"/V 的值类型不对（{_kind(raw)}），按未勾选或显示状态处理"
    if shown:
        ticked = any(s is not None and s != "Off" and (s in on if on else True) for s in shown)
        if stored is not None and stored != ticked:
            note = "存储的值与显示的勾选状态不一致，以显示为准"
        return ticked, note
    if stored is None and note is not None:
        return None, note  # no appearance and an invalid /V: not read
    return bool(stored), note


def _text(obj: dict[str, Any], ft: str | None) -> tuple[Value, str | None]:
    raw = resolve1(obj.get("V"))
    if raw is None:
        return None, None
    if isinstance(raw, bytes | PSLiteral):
        return text_of(raw), None
    if ft == "Ch" and isinstance(raw, list):
        items = [resolve1(v) for v in raw]
        if all(isinstance(v, bytes) for v in items):
            return "、".join(text_of(v) for v in items), None
    return None, f"值的类型不对（{_kind(raw)}），未读入"


def field_value(
    ft: str | None, obj: dict[str, Any], widgets: list[dict[str, Any]]
) -> tuple[Value, str | None]:
    """The value of one terminal field as shown, and a note if the file disagrees with it."""
    if ft == "Btn":
        return _button(obj, widgets)
    return _text(obj, ft)
