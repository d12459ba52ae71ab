"""A scan file's pages → forms: pages belong together by what they say, not by file order.

Marked pages carry form, record, page number and page count in their QR code: pages of one
record are gathered wherever they sit in the file and read in page order, and a record
lacking a page is never ``complete`` (``ParsedForm.pages_missing``). Unmarked pages say
less: a page whose title names an annex starts a form; a page without a title continues the
file's annex 3/4 form when read as that annex it adds to it (``_annex_join``), else it is read
as a ledger and joined to the ledger whose 序号 it continues, in 序号 order, also when it
came first (``_ledger_join``). A page that cannot be read at all is named in a
warning of the other forms of the file; only a file with nothing readable is refused.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ParseError
from ..layout import page_for
from ..parse import Collector, ParsedForm
from ._annex_join import continues, join
from ._approval_text import split_stamp_lines
from ._images import load_pages
from ._ledger_fit import remember
from ._ledger_join import join_ledgers
from ._misread import doubt_misread
from ._plausible import doubt_implausible
from ._read import collect, read_page
from ._register import Registered, register
from ._rows import doubt_unnumbered_rows
from ._unmarked import read_unmarked

__all__ = ["parse_scan"]


def parse_scan(path: str | Path) -> list[ParsedForm]:
    """One ``ParsedForm`` per form in the scan at ``path`` (image, multi-page TIFF or PDF);
    the pages of a multi-page record are joined. Fields come with ``method="ocr"``, a
    confidence, the page and a bbox in PDF points; doubtful ones are named in ``warnings``."""
    pages = load_pages(path)
    marked: dict[tuple[str, str | None, int, int], list[tuple[int, int, Registered]]] = {}
    plain: list[tuple[int, Any]] = []
    for n, image in enumerate(pages, 1):
        reg = register(image)
        if reg is None:
            plain.append((n, image))
            continue
        key = (reg.info.form, reg.info.record, reg.info.pages, 0)
        while reg.info.record is None and any(p == reg.info.page for p, _, _ in marked.get(key, [])):
            key = (*key[:3], key[3] + 1)  # a blank print's page again: another sheet of it
        marked.setdefault(key, []).append((reg.info.page, n, reg))
    forms = _sheets_joined([(group[0][1], _marked_form(key[:3], group)) for key, group in marked.items()])
    forms += _unmarked_forms(path, plain, forms)
    for form in forms:
        doubt_unnumbered_rows(form)
        split_stamp_lines(form)
        doubt_implausible(form)
        doubt_misread(form)
    return forms


def _sheets_joined(read: list[tuple[int, ParsedForm]]) -> list[ParsedForm]:
    """Forms read by their QR codes, from their first file page. The same page of a form
    printed blank (no record in its QR) found twice in a file is two sheets, not the page
    scanned twice: a clerk whose ledger outgrew one sheet prints another and numbers on
    (序号 8–10 on the second sheet, QR "page 1 of 1" on both). Whole ledger sheets are
    joined as unmarked pages are (``join_ledgers``: by a repeated header and 序号 that go
    on, a sheet without header by its 序号, a guess said); other forms stay as read."""
    sheets = [(n, f) for n, f in read if f.form == "annex5" and not f.pages_missing]
    if len(sheets) < 2:
        return [f for _, f in read]
    kept = {id(f) for f in join_ledgers(sheets)}
    return [f for n, f in read if f.form != "annex5" or f.pages_missing or id(f) in kept]


def _marked_form(
    key: tuple[str, str | None, int], group: list[tuple[int, int, Registered]]
) -> ParsedForm:
    form, _record, total = key
    out = Collector(page_for(form))
    seen: set[int] = set()
    for page, n, reg in sorted(group, key=lambda g: (g[0], g[1])):
        if page in seen:
            out.warnings.append(f"第{n}页与前面的第{page}页重复，未读取")
            continue
        seen.add(page)
        if reg.markers_found < 4:
            out.warnings.append(
                f"第{n}页只找到 {reg.markers_found} 个定位标记，按二维码和表格线定位"
            )
        if reg.fit < 0.9:
            out.warnings.append(f"第{n}页的表格线与版式对不齐（{reg.fit:.0%}），各项均需人工核对")
        collect(out, read_page(reg))
    parsed = out.finish("ocr")
    missing = [p for p in range(1, total + 1) if p not in seen]
    if missing:
        parsed.pages_missing = missing
        parsed.warnings.append(
            f"本表共 {total} 页，缺第{'、'.join(map(str, missing))}页；缺页上的内容未读取"
        )
    return parsed


def _unmarked_forms(
    path: str | Path, plain: list[tuple[int, Any]], others: list[ParsedForm]
) -> list[ParsedForm]:
    """Pages without our QR: each read by its table; ledger continuations joined (also to
    a marked ledger of ``others`` that lacks the page)."""
    read: list[tuple[int, ParsedForm]] = []
    failed: list[tuple[int, Any, ParseError]] = []
    unreadable: list[tuple[int, ParseError]] = []
    with remember() as memory:  # a ledger's header columns, for its pages without one
        headless: list[tuple[int, Any]] = []
        for n, image in plain:
            missed = memory.missed
            try:
                read.append((n, _renumber(read_unmarked(image), n)))
            except ParseError as exc:
                failed.append((n, image, exc))
            if memory.missed > missed:
                headless.append((n, image))
        for n, image, first in failed:  # a page with no title: a form's or a ledger's continuation?
            if _continued(read, n, image):
                continue
            missed = memory.missed
            try:
                read.append((n, _renumber(read_unmarked(image, "annex5"), n)))
            except ParseError:
                unreadable.append((n, first))
            if memory.missed > missed:
                headless.append((n, image))
        if memory.headers and headless:
            # a continuation before its first page: read again with the header seen since
            again = {n for n, _ in headless}
            read = [r for r in read if r[0] not in again]
            unreadable = [u for u in unreadable if u[0] not in again]
            for n, image in headless:
                try:
                    read.append((n, _renumber(read_unmarked(image, "annex5"), n)))
                except ParseError as exc:
                    unreadable.append((n, exc))
    if unreadable and not read and not others:
        n, why = unreadable[0]
        raise ParseError(
            f"没有本系统的二维码，也认不出附件3/4/5 的表格（{why.message}）；"
            "请上传 Word/PDF 原件，或用带标记的打印稿扫描",
            str(path),
            f"第{n}页",
        )
    forms = join_ledgers(sorted(read, key=lambda r: r[0]), others)
    for n, why in unreadable:
        note = f"第{n}页认不出表格，未读取（{why.message}）"
        for form in forms:
            form.warnings.append(note)
    return forms


def _continued(read: list[tuple[int, ParsedForm]], n: int, image: Any) -> bool:
    """Page ``n`` (no title) read as the file's one annex 3/4 form and joined to it when it
    adds a value that form lacks (``_annex_join``); never in a file holding a ledger."""
    forms = [f for _, f in read if f.form in ("annex3", "annex4")]
    if len(forms) != 1 or any(f.form == "annex5" for _, f in read):
        return False
    try:
        page = _renumber(read_unmarked(image, forms[0].form), n)
    except ParseError:
        return False
    if not continues(forms[0], page):
        return False
    join(forms[0], page, n)
    return True


def _renumber(page: ParsedForm, n: int) -> ParsedForm:
    """The unmarked reader numbers its page 1; this was page ``n`` of the file."""
    for key, source in list(page.fields.items()):
        page.fields[key] = replace(source, page=n)
    return page
