"""Plain indirect dictionaries read with one regular expression instead of pdfminer's
byte-at-a-time tokenizer: the form-field dictionaries a fillable PDF is made of (~280 µs each
in pdfminer, most of the time a fillable form takes to read).

Only a strict subset is read here: ``N G obj << … >> endobj`` at the offset the
cross-reference table gives, holding names, numbers, references, strings with no escape or
line break, hex strings of whole bytes, booleans, null, arrays and dictionaries, nested at
most 32 deep. The result is made of pdfminer's own types, built as pdfminer builds them (a
null value leaves its key out, ``12 0 R`` is ``PDFObjRef(doc, 12)``, a number with a point is
a float). Anything else (a comment, an escape, ``#`` in a name, a stream, an object inside an
object stream, an encrypted file, an object longer than the window) is left to pdfminer, so
a value is pdfminer's either way (tests/test_pdf_objects.py reads every object of the test
corpus both ways and compares).
"""

from __future__ import annotations

import re
from typing import IO, Any

from pdfminer.pdftypes import PDFObjRef
from pdfminer.psparser import LIT, PSLiteral

__all__ = ["ObjectReader"]

_WINDOW = 16_384  # bytes read at an object's offset; a longer object is pdfminer's
_DEPTH = 32
_DELIM = rb"(?=[\s/\[\]<>()]|\Z)"
_HEAD = re.compile(rb"\s*(\d+)\s+\d+\s+obj" + _DELIM)
_TOKEN = re.compile(
    rb"\s*(?:"
    rb"(?P<ref>\d+)\s+\d+\s+R" + _DELIM + rb"|/(?P<name>[A-Za-z0-9_.+-]+)"
    rb"|(?P<num>[-+]?(?:\d+(?:\.\d*)?|\.\d+))" + _DELIM + rb"|\((?P<str>[^()\\\r\n]*)\)"
    rb"|(?P<open><<|\[)|(?P<close>>>|\])|<(?P<hex>(?:[0-9A-Fa-f]{2})*)>"
    rb"|(?P<kw>true|false|null)" + _DELIM + rb")"
)
_END = re.compile(rb"\s*endobj(?=\s|\Z)")
_MISS = object()
_KEYWORDS = {b"true": True, b"false": False, b"null": None}


class ObjectReader:
    """Resolves references of one open PDF, plain dictionaries the quick way."""

    def __init__(self, doc: Any, stream: IO[bytes]) -> None:
        self.doc, self.stream = doc, stream
        self.cache: dict[int, Any] = {}
        self.quick = not getattr(doc, "decipher", None)  # encrypted: every object is pdfminer's

    def resolve(self, value: Any) -> Any:
        """As pdfminer's ``resolve1``."""
        while isinstance(value, PDFObjRef):
            got = self._read(value.objid) if value.doc is self.doc else _MISS
            value = value.resolve() if got is _MISS else got
        return value

    def _read(self, objid: int) -> Any:
        if objid in self.cache:
            return self.cache[objid]
        got = _MISS
        if self.quick:
            pos = self._offset(objid)
            if pos is not None:
                got = self._parse(pos, objid)
        if got is not _MISS:
            self.cache[objid] = got
        return got

    def _offset(self, objid: int) -> int | None:
        """The byte offset pdfminer would parse ``objid`` at; None inside an object stream."""
        for xref in self.doc.xrefs:
            try:
                strmid, index, _genno = xref.get_pos(objid)
            except KeyError:
                continue
            return index if strmid is None and isinstance(index, int) else None
        return None

    def _parse(self, pos: int, objid: int) -> Any:
        where = self.stream.tell()
        try:
            self.stream.seek(pos)
            data = self.stream.read(_WINDOW)
        finally:
            self.stream.seek(where)
        head = _HEAD.match(data)
        if head is None or int(head.group(1)) != objid:
            return _MISS
        return _value(data, head.end(), self.doc)


def _value(data: bytes, pos: int, doc: Any) -> Any:
    """The dictionary at ``pos`` followed by ``endobj``, or _MISS."""
    stack: list[list[Any]] = []
    kinds: list[bytes] = []
    done: Any = _MISS
    while done is _MISS:
        m = _TOKEN.match(data, pos)
        if m is None:
            return _MISS
        pos = m.end()
        kind = m.lastgroup
        if kind == "open":
            if len(stack) >= _DEPTH or (not stack and m.group("open") != b"<<"):
                return _MISS
            stack.append([])
            kinds.append(m.group("open"))
            continue
        if not stack:
            return _MISS  # only a dictionary is read here
        if kind == "close":
            items, opened = stack.pop(), kinds.pop()
            if (opened == b"<<") != (m.group("close") == b">>"):
                return _MISS
            value: Any = items
            if opened == b"<<":
                if len(items) % 2 or not all(isinstance(k, PSLiteral) for k in items[::2]):
                    return _MISS
                value = {k.name: v for k, v in zip(items[::2], items[1::2], strict=True) if v is not None}
            if not stack:
                done = value
                continue
        elif kind == "ref":
            value = PDFObjRef(doc, int(m.group("ref")))
        elif kind == "name":
            value = LIT(m.group("name").decode("ascii"))
        elif kind == "num":
            text = m.group("num")
            value = float(text) if b"." in text else int(text)
        elif kind == "str":
            value = m.group("str")
        elif kind == "hex":
            value = bytes.fromhex(m.group("hex").decode("ascii"))
        else:
            value = _KEYWORDS[m.group("kw")]
        stack[-1].append(value)
    return done if _END.match(data, pos) else _MISS
