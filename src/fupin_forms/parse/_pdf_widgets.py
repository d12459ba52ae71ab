"""A fillable PDF's field values through PDFium: the fast path of ``parse_pdf``.

pdfminer parses every widget dictionary token by token in Python, which was most of the time
spent reading one of our fillable forms; PDFium (pypdfium2, already a dependency for scans)
does the same in C. The answer has the shape of ``pdf._acroform``: full field name → (value,
page number, rect). ``None`` means "use the pdfminer path": PDFium cannot open the file, the
file has too many pages, no widget carries a field name, or a widget's stored value and
what a viewer shows disagree (a check box whose /V and /AS differ, a text value that is not
a plain string): the pdfminer path shows the viewer's value and names the disagreement. The pdfminer path stays the
reference; tests check both give the same record for our forms and for forms other tools
filled.
"""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as c  # type: ignore[import-untyped]

__all__ = ["Widgets", "read_widgets"]

Widgets = dict[str, tuple[str | bool | None, int | None, Any]]

_BUTTONS = (c.FPDF_FORMFIELD_CHECKBOX, c.FPDF_FORMFIELD_RADIOBUTTON)


class _Disagree(Exception):
    """Stored value and shown state differ: the reference path decides and says so."""


def read_widgets(source: str | Path | bytes, max_pages: int) -> Widgets | None:
    """Every named widget's value, page and /Rect; None when the pdfminer path must decide."""
    try:
        doc = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    except (pdfium.PdfiumError, OSError, ValueError):
        return None
    try:
        if not 0 < len(doc) <= max_pages:
            return None
        doc.init_forms()
        form = doc.formenv.raw if doc.formenv is not None else None
        if form is None:
            return None
        out: Widgets = {}
        buffer = _Buffer()
        for number in range(1, len(doc) + 1):
            page = doc[number - 1]
            try:
                _read_page(form, page.raw, number, out, buffer)
            finally:
                page.close()
        return out or None
    except (pdfium.PdfiumError, _Disagree):
        return None
    finally:
        doc.close()


def _read_page(form: Any, page: Any, number: int, out: Widgets, text: _Buffer) -> None:
    for index in range(c.FPDFPage_GetAnnotCount(page)):
        annot = c.FPDFPage_GetAnnot(page, index)
        if not annot:
            continue
        try:
            if c.FPDFAnnot_GetSubtype(annot) != c.FPDF_ANNOT_WIDGET:
                continue
            name = text(c.FPDFAnnot_GetFormFieldName, form, annot)
            if not name or name in out:  # a field's first widget gives its page and place
                continue
            value: str | bool | None
            if c.FPDFAnnot_GetFormFieldType(form, annot) in _BUTTONS:
                value = _checked(form, annot, text)
            else:
                value = text(c.FPDFAnnot_GetFormFieldValue, form, annot)
                own = text(c.FPDFAnnot_GetStringValue, annot, b"V")
                if own and own != value:
                    raise _Disagree
            out[name] = (value, number, _rect(annot))
        finally:
            c.FPDFPage_CloseAnnot(annot)


def _checked(form: Any, annot: Any, text: _Buffer) -> bool:
    """The state a viewer shows (/AS); a stored /V that says otherwise is a disagreement."""
    shown = text(c.FPDFAnnot_GetStringValue, annot, b"AS") not in ("", "Off")
    stored = text(c.FPDFAnnot_GetStringValue, annot, b"V") or text(
        c.FPDFAnnot_GetFormFieldValue, form, annot
    )  # the widget's own /V, else its field's
    if stored and (stored != "Off") != shown:
        raise _Disagree
    if bool(c.FPDFAnnot_IsChecked(form, annot)) != shown:  # /AS names no drawn appearance
        raise _Disagree
    return shown


def _rect(annot: Any) -> list[float] | None:
    """The /Rect, or None when it is unreadable (PDFium then gives zeros: no bbox is better
    than a wrong one)."""
    rect = c.FS_RECTF()
    if not c.FPDFAnnot_GetRect(annot, rect):
        return None
    box = [round(v, 3) for v in (rect.left, rect.bottom, rect.right, rect.top)]  # 422.74, not
    return box if box[0] != box[2] and box[1] != box[3] else None  # 422.739990234375


class _Buffer:
    """PDFium's UTF-16LE string getters, through one buffer per document: one call per string
    when it fits (the usual case), a second with a buffer of the size asked for otherwise."""

    def __init__(self, size: int = 8192) -> None:
        self.size = size
        self.raw = ctypes.create_string_buffer(size)
        self.pointer = ctypes.cast(self.raw, ctypes.POINTER(c.FPDF_WCHAR))

    def __call__(self, function: Any, *args: Any) -> str:
        size = function(*args, self.pointer, self.size)
        if size <= 2:
            return ""
        if size <= self.size:
            data = ctypes.string_at(self.raw, size - 2)
        else:
            big = ctypes.create_string_buffer(size)
            function(*args, ctypes.cast(big, ctypes.POINTER(c.FPDF_WCHAR)), size)
            data = big.raw[: size - 2]
        return data.decode("utf-16-le", "replace")
