"""Reading printed annexes back from scans and phone photos (see ``parse_scan``).

Pages carry our print marks (``render.pdf`` with ``marks=True``): the QR code names the form
and page, the corner markers register the page, the shared geometry says where each field is.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ParseError
from ..layout import page_for
from ..parse._pdf_data import Collector
from ..parse._result import ParsedForm
from ._images import IMAGE_SUFFIXES, load_pages
from ._read import REVIEW_THRESHOLD, collect, read_page
from ._register import register

__all__ = ["IMAGE_SUFFIXES", "REVIEW_THRESHOLD", "parse_scan"]


def parse_scan(path: str | Path) -> list[ParsedForm]:
    """One ``ParsedForm`` per form in the scan at ``path`` (image, multi-page TIFF or PDF);
    the pages of a multi-page ledger are joined. Fields come with ``method="ocr"``, a
    confidence, the page and a bbox in PDF points; doubtful ones are named in ``warnings``."""
    pages = load_pages(path)
    forms: list[ParsedForm] = []
    current: tuple[str, str | None, int] | None = None
    out: Collector | None = None
    for n, image in enumerate(pages, 1):
        reg = register(image)
        if reg is None:
            raise ParseError(
                "找不到本系统打印的二维码和定位标记；请用本系统生成的带标记打印稿扫描，"
                "或上传 Word/PDF 原件",
                str(path),
                f"第{n}页",
            )
        key = (reg.info.form, reg.info.record, reg.info.pages)
        if out is None or key != current or reg.info.page == 1:
            if out is not None:
                forms.append(out.finish("ocr"))
            out = Collector(page_for(reg.info.form))
            current = key
        if reg.markers_found < 4:
            out.warnings.append(f"第{n}页只找到 {reg.markers_found} 个定位标记，按二维码定位，请核对")
        collect(out, read_page(reg))
    if out is not None:
        forms.append(out.finish("ocr"))
    return forms
