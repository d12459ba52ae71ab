"""Budgets for a PDF before pdfminer lays anything out: pages counted by walking the tree,
objects visited with cycle detection, content streams decoded only up to their budget.

pdfminer trusts what a file says: it builds every page a tree leads to (a false ``/Count 1``
over 450,000 pages took 88 s), falls back to scanning every object when the tree is broken,
and decodes a content stream whole before looking at it (1 MB of deflated spaces became
1 GB). These walks count instead, and stop at the first budget spent.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral

from ..budgets import BudgetExceeded, Budgets

__all__ = ["ObjectWalk", "check_content", "count_pages", "page_content_bytes"]

_MAX_RATIO = 3000  # the most a non-Flate filter (LZW) can expand one byte, roughly


class ObjectWalk:
    """Objects visited in one PDF, against ``pdf_objects``; ``first`` says if an indirect
    object is new (a cycle or a shared kid is visited once)."""

    def __init__(self, limits: Budgets, path: str | None) -> None:
        self.limits, self.path = limits, path
        self.visited = 0
        self.seen: set[int] = set()

    def step(self) -> None:
        self.visited += 1
        if self.visited > self.limits.pdf_objects:
            raise BudgetExceeded("pdf_objects", self.limits.pdf_objects, self.path)

    def first(self, ref: Any) -> bool:
        """Count a visit; False if ``ref`` is an indirect object already seen."""
        self.step()
        if isinstance(ref, PDFObjRef):
            if ref.objid in self.seen:
                return False
            self.seen.add(ref.objid)
        return True


def _name(value: Any) -> str | None:
    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)
    return None


def count_pages(doc: Any, limits: Budgets, path: str | None) -> int:
    """Leaves of the page tree, walked (never ``/Count``); refuses past ``pdf_pages``.

    Objects are counted against ``pdf_objects`` first (with no usable tree pdfminer would
    scan every one of them for pages)."""
    # Objects first, from the cross-reference table pdfminer has already read: a tree of
    # 450,000 pages is refused before its /Kids array (1.35 million tokens) is parsed.
    limits.check("pdf_objects", sum(len(list(x.get_objids())) for x in doc.xrefs), path)
    walk = ObjectWalk(limits, path)
    pages = 0
    catalog = doc.catalog or {}
    stack = [catalog.get("Pages")]
    while stack:
        ref = stack.pop()
        if not walk.first(ref):
            continue
        node = resolve1(ref)
        if not isinstance(node, dict):
            continue
        kind = _name(node.get("Type")) or _name(node.get("type"))
        kids = resolve1(node.get("Kids"))
        if kind == "Pages" and isinstance(kids, list):
            stack.extend(reversed(kids))
        elif kind == "Page":
            pages += 1
            if pages > limits.pdf_pages:
                raise BudgetExceeded("pdf_pages", limits.pdf_pages, path)
    return pages


def _streams(obj: Any, walk: ObjectWalk) -> Iterator[PDFStream]:
    """Content streams of a page's ``/Contents`` and the form XObjects it can draw."""
    stack = [obj]
    while stack:
        ref = stack.pop()
        if not walk.first(ref):
            continue
        item = resolve1(ref)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, PDFStream):
            yield item
            resources = resolve1(item.attrs.get("Resources"))
            if isinstance(resources, dict):
                stack.extend(_form_xobjects(resources))


def _form_xobjects(resources: dict[str, Any]) -> list[Any]:
    xobjects = resolve1(resources.get("XObject"))
    if not isinstance(xobjects, dict):
        return []
    out = []
    for ref in xobjects.values():
        x = resolve1(ref)
        if isinstance(x, PDFStream) and _name(x.attrs.get("Subtype")) == "Form":
            out.append(ref)
    return out


def _inflated_size(data: bytes, room: int) -> int:
    inflater = zlib.decompressobj()
    size = 0
    try:
        while data and size <= room:
            size += len(inflater.decompress(data, 1 << 20))
            data = inflater.unconsumed_tail
    except zlib.error:
        pass  # pdfminer reports a damaged stream its own way
    return size


def _decoded_size(stream: PDFStream, room: int) -> int:
    """Bytes ``stream`` decodes to, counting no more than about ``room + 1`` of them.

    ASCII filters only shrink data and are undone first; Flate and LZW are decoded in bounded
    steps; any other filter (RunLength …) is decoded only when even its worst expansion fits."""
    data = stream.rawdata if stream.rawdata is not None else b""
    names = [_name(f) or str(f) for f, _params in stream.get_filters()]
    while names and names[0] in ("ASCII85Decode", "A85", "ASCIIHexDecode", "AHx"):
        from pdfminer.ascii85 import ascii85decode, asciihexdecode

        name = names.pop(0)
        data = ascii85decode(data) if name in ("ASCII85Decode", "A85") else asciihexdecode(data)
    if not names:
        return len(data)
    if names in (["FlateDecode"], ["Fl"]):
        return _inflated_size(data, room)
    if names in (["LZWDecode"], ["LZW"]):
        return _lzw_size(data, room)
    if len(data) * _MAX_RATIO <= room:
        return len(data) * _MAX_RATIO  # even the worst case fits: no need to decode
    return room + 1


def _lzw_size(data: bytes, room: int) -> int:
    """LZW decoded code by code (pdfminer's decoder is a generator), stopping past ``room``."""
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    size = 0
    try:
        for chunk in LZWDecoder(BytesIO(data)).run():
            size += len(chunk)
            if size > room:
                break
    except Exception:  # pdfminer reports a damaged stream its own way
        pass
    return size


def page_content_bytes(page_obj: Any, limits: Budgets, path: str | None, used: int = 0) -> int:
    """``used`` plus the decoded bytes of one page's content streams (and its form
    XObjects); refused once the total passes ``content_bytes``."""
    walk = ObjectWalk(limits, path)
    attrs = page_obj.attrs if hasattr(page_obj, "attrs") else {}
    roots: list[Any] = [attrs.get("Contents")]
    resources = resolve1(attrs.get("Resources"))
    if isinstance(resources, dict):
        roots += _form_xobjects(resources)
    total = used
    for root in roots:
        for stream in _streams(root, walk):
            total += _decoded_size(stream, limits.content_bytes - total)
            if total > limits.content_bytes:
                raise BudgetExceeded("content_bytes", limits.content_bytes, path)
    return total


def check_content(pages: Any, limits: Budgets, path: str | None) -> None:
    """All pages' content together within ``content_bytes``, before any is laid out:
    pdfminer spends ~80 µs of CPU per byte of text operators (1 MB took 11 s, 400 MB)."""
    used = 0
    for page in pages:
        used = page_content_bytes(page.page_obj, limits, path, used)
