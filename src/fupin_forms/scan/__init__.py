"""Reading printed annexes back from scans and phone photos (see ``parse_scan``).

Pages printed with our marks (``generate -f pdf --marks``): the QR code names the form and
page, the corner markers register the page, the shared geometry says where each field is.
Pages without them (the annex printed from Word, WPS or elsewhere, or our Word form whose
layout the word processor decides): the table is found by its ruling lines and each cell by
its printed label (``_unmarked``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ParseError
from ..layout import page_for
from ..parse._pdf_data import Collector
from ..parse._result import ParsedForm
from ._images import IMAGE_SUFFIXES, load_pages
from ._read import REVIEW_THRESHOLD, collect, read_page
from ._register import register
from ._unmarked import read_unmarked

__all__ = ["IMAGE_SUFFIXES", "REVIEW_THRESHOLD", "parse_scan"]


def parse_scan(path: str | Path) -> list[ParsedForm]:
    """One ``ParsedForm`` per form in the scan at ``path`` (image, multi-page TIFF or PDF);
    the pages of a multi-page ledger are joined. Fields come with ``method="ocr"``, a
    confidence, the page and a bbox in PDF points; doubtful ones are named in ``warnings``."""
    pages = load_pages(path)
    forms: list[ParsedForm] = []
    current: tuple[str, str | None, int] | None = None
    out: Collector | None = None
    unmarked: ParsedForm | None = None  # the last page read without marks (ledgers run on)
    for n, image in enumerate(pages, 1):
        reg = register(image)
        if reg is None:
            page = _unmarked_page(path, n, image, unmarked)
            if unmarked is not None and page is unmarked:
                continue  # a ledger's next page, joined onto the first
            if out is not None:
                forms.append(out.finish("ocr"))
                out, current = None, None
            forms.append(page)
            unmarked = page
            continue
        unmarked = None
        key = (reg.info.form, reg.info.record, reg.info.pages)
        if out is None or key != current or reg.info.page == 1:
            if out is not None:
                forms.append(out.finish("ocr"))
            out = Collector(page_for(reg.info.form))
            current = key
        if reg.markers_found < 4:
            out.warnings.append(
                f"第{n}页只找到 {reg.markers_found} 个定位标记，按二维码定位，请核对"
            )
        collect(out, read_page(reg))
    if out is not None:
        forms.append(out.finish("ocr"))
    return forms


def _unmarked_page(path: str | Path, n: int, image: Any, previous: ParsedForm | None) -> ParsedForm:
    """A page without our QR: the annex printed from Word, WPS or elsewhere, read by its
    ruling lines and labels. A ledger page with no header continues the ledger before it."""
    hint = "annex5" if previous is not None and previous.form == "annex5" else None
    try:
        page = read_unmarked(image, hint if hint else None)
    except ParseError as exc:
        if hint is not None:
            try:
                page = read_unmarked(image)
            except ParseError:
                raise exc from None
        else:
            raise ParseError(
                f"没有本系统的二维码，也认不出附件3/4/5 的表格（{exc.message}）；"
                "请上传 Word/PDF 原件，或用带标记的打印稿扫描",
                str(path),
                f"第{n}页",
            ) from None
    _renumber(page, n)
    if (
        previous is not None
        and hint
        and not page.data.get("county")
        and not page.data.get("expert")
    ):
        _join_ledger(previous, page)
        return previous
    return page


def _renumber(page: ParsedForm, n: int) -> None:
    """The unmarked reader numbers its page 1; this was page ``n`` of the file."""
    for key, source in list(page.fields.items()):
        page.fields[key] = replace(source, page=n)


def _join_ledger(first: ParsedForm, more: ParsedForm) -> None:
    offset = len(first.data.get("entries") or [])
    first.data.setdefault("entries", []).extend(more.data.get("entries") or [])
    for key, source in more.fields.items():
        match = re.match(r"entries\[(\d+)\](.*)", key)
        if match:
            first.fields[f"entries[{int(match.group(1)) + offset}]{match.group(2)}"] = source
    first.warnings.extend(more.warnings)
