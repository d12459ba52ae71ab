"""A minimal PDF object writer: the few object types our forms need, serialised by hand.

Why not a library: reportlab's AcroForm cannot use an embedded CJK font, and building the
file directly keeps a prefilled form under our time budget and the output deterministic
(no timestamps; the file ID is a hash of the content), so equal input gives equal bytes.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Name", "PdfWriter", "Ref", "Stream", "text_string"]


class Name(str):
    """A PDF name (``/Font``); the str is the name without the slash."""


@dataclass(frozen=True)
class Ref:
    num: int


@dataclass
class Stream:
    dict: dict[str, Any]
    data: bytes
    compress: bool = field(default=True)


def text_string(value: str) -> bytes:
    """A PDF text string: literal for ASCII, UTF-16BE with BOM (hex) for anything else."""
    if value.isascii():
        esc = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        esc = esc.replace("\r", "\\r").replace("\n", "\\n")
        return b"(" + esc.encode("latin-1") + b")"
    return b"<feff" + value.encode("utf-16-be").hex().encode("ascii") + b">"


def _name(value: str) -> bytes:
    out = bytearray(b"/")
    for b in value.encode("utf-8"):
        if 0x21 <= b <= 0x7E and b not in b"#()<>[]{}/%":
            out.append(b)
        else:
            out += f"#{b:02X}".encode("ascii")
    return bytes(out)


def serialize(obj: Any) -> bytes:
    if isinstance(obj, Name):
        return _name(obj)
    if isinstance(obj, Ref):
        return b"%d 0 R" % obj.num
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, int):
        return b"%d" % obj
    if isinstance(obj, float):
        text = f"{obj:.3f}".rstrip("0").rstrip(".")
        return (text if text not in ("", "-0") else "0").encode("ascii")
    if isinstance(obj, str):
        return text_string(obj)
    if isinstance(obj, bytes):  # a literal byte string, ASCII only (Registry, Ordering)
        return b"(" + obj + b")"
    if isinstance(obj, list | tuple):
        return b"[" + b" ".join(serialize(v) for v in obj) + b"]"
    if isinstance(obj, dict):
        parts = [_name(k) + b" " + serialize(v) for k, v in obj.items()]
        return b"<<" + b" ".join(parts) + b">>"
    if obj is None:
        return b"null"
    raise TypeError(f"cannot write {type(obj).__name__} to PDF")


class PdfWriter:
    """Collects numbered objects; ``reserve`` a number first for objects that refer back."""

    def __init__(self) -> None:
        self._objects: list[bytes | None] = []

    def reserve(self) -> Ref:
        self._objects.append(None)
        return Ref(len(self._objects))

    def add(self, obj: Any) -> Ref:
        ref = self.reserve()
        self.set(ref, obj)
        return ref

    def set(self, ref: Ref, obj: Any) -> None:
        if isinstance(obj, Stream):
            data = obj.data
            head = dict(obj.dict)
            if obj.compress:
                data = zlib.compress(data, 6)
                head["Filter"] = Name("FlateDecode")
            head["Length"] = len(data)
            body = serialize(head) + b"\nstream\n" + data + b"\nendstream"
        else:
            body = serialize(obj)
        self._objects[ref.num - 1] = body

    def tobytes(self, root: Ref, info: Ref | None = None) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        digest = hashlib.md5(usedforsecurity=False)
        for num, body in enumerate(self._objects, 1):
            if body is None:
                raise ValueError(f"PDF object {num} reserved but never written")
            offsets.append(len(out))
            out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
            digest.update(body)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
        out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
        file_id = b"<" + digest.hexdigest().encode("ascii") + b">"
        trailer: dict[str, Any] = {"Size": len(offsets) + 1, "Root": root}
        if info is not None:
            trailer["Info"] = info
        out += b"trailer\n" + serialize(trailer)[:-2] + b" /ID [" + file_id + b" " + file_id
        out += b"]>>\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)
