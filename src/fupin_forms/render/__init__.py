"""Writing the forms: Word (``docx``), PDF (``pdf``), Excel (``xlsx``), print marks.

Exported here for the other packages: what each field of a layout shows for a record
(``field_values``, ``counts_of``, ``lookup``; the scan reader's synthetic pages and the review
page use it) and the Word form with print marks (``render_docx_marked``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._pdf_values import counts_of, field_values, lookup

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["counts_of", "field_values", "lookup", "render_docx_marked"]


def render_docx_marked(form_id: str, record: BaseModel | dict[str, Any] | None = None) -> bytes:
    """The Word form with print marks (corner markers, QR code) for reading a printed copy
    back from a scan; the marks' code (numpy, Pillow, segno) loads only when asked for."""
    from ._docx_marks import render_docx_marked as marked

    return marked(form_id, record)
