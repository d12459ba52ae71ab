"""Where everything sits on a printed page with marks: the one truth the scan reader shares.

The renderer draws a marked page from ``lay_out(..., uniform=True)``; the scan reader calls
:func:`print_geometry` with what the QR code told it (form, row count) and gets the same
rectangles: markers, every field zone, every check box, and per approval box the areas where
a stamp and a signature go. All in PDF points, origin bottom-left, as in the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..layout import Field, FieldKind, page_for
from ._pdf_font import FontSubset
from ._pdf_layout import PAGE_H, PAGE_W, lay_out
from ._pdf_marks import MARK_CENTRES, MARK_SIZE, QR_RECT

__all__ = ["ApprovalBox", "PageGeometry", "Rect", "Zone", "print_geometry"]

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Zone:
    """One field on one page: the concrete layout field (``villages[0].phone``) and its
    rectangle."""

    field: Field
    rect: Rect

    @property
    def key(self) -> str:
        return self.field.key

    @property
    def path(self) -> str:
        return self.field.path

    @property
    def kind(self) -> FieldKind:
        return self.field.kind


@dataclass(frozen=True)
class ApprovalBox:
    """An approval row (``reviews.<name>``) or the expert's signature row (``name`` =
    ``expert``): the whole cell, where a stamp is expected, where a signature goes."""

    name: str
    cell: Rect
    stamp: Rect
    signature: Rect


@dataclass(frozen=True)
class PageGeometry:
    form: str
    page: int  # 1-based
    pages: int
    rows: int
    size: tuple[float, float]
    markers: tuple[tuple[float, float], ...]  # TL, TR, BR, BL centres
    marker_size: float
    qr: Rect
    zones: tuple[Zone, ...]
    approvals: tuple[ApprovalBox, ...]


def _inside(inner: Rect, outer: Rect) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def print_geometry(form: str, rows: int | None = None) -> list[PageGeometry]:
    """Every page of ``form`` printed with marks and ``rows`` repeated rows (villages for
    附件3/4, entries for 附件5; None = the blank form's count)."""
    page = page_for(form)
    repeat = page.repeats()[0]
    count = repeat.min_rows if rows is None else max(rows, repeat.min_rows)
    sheet = lay_out(page, {}, {repeat.list_path: count}, FontSubset().width, uniform=True)
    out = []
    for n in range(sheet.pages):
        zones = tuple(
            Zone(s.field, s.rect)
            for s in sheet.slots
            if s.page == n
        )
        boxes = [b[1:] for b in sheet.boxes if b[0] == n]
        approvals = []
        for z in zones:
            if z.path.startswith("reviews.") and z.path.endswith(".opinion"):
                cell = next(b for b in boxes if _inside(z.rect, b))
                x0, y0, x1, y1 = cell
                mid = (x0 + x1) / 2
                stamp = (mid - 20, y0, x1, y1)  # a 4 cm seal lands over 盖章 and the date
                signature = (x0, y0, mid - 20, y0 + 16)  # the blank left of （盖章）
                approvals.append(ApprovalBox(z.path.split(".")[1], cell, stamp, signature))
            if z.path == "expert_signed":
                cell = next(b for b in boxes if _inside(z.rect, b))
                sig = (z.rect[2] + 36, cell[1] + 1, cell[2] - 2, cell[3] - 1)
                approvals.append(ApprovalBox("expert", cell, sig, sig))
        out.append(
            PageGeometry(
                form, n + 1, sheet.pages, count, (PAGE_W, PAGE_H), MARK_CENTRES, MARK_SIZE,
                QR_RECT, zones, tuple(approvals),
            )
        )
    return out
