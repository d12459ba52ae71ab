"""Fillable PDF forms (AcroForm) of 附件3–5, drawn from the same layout as the Word forms.

How Chinese shows everywhere, in a file well under 1 MB:

* static text and every prefilled value use one embedded *subset* of Noto Sans SC (only the
  characters this document uses, typically 30–60 KB), so poppler, MuPDF and PDFium render
  them with no CJK system font and no poppler-data;
* each prefilled field carries its own appearance stream (``/AP``) drawn with that subset, so
  readers show the value without regenerating anything (no ``NeedAppearances``);
* what a user *types* later cannot come from a subset, so the fields' ``/DA`` names
  ``/STSong``, a non-embedded ``STSong-Light`` with ``UniGB-UCS2-H`` in the form's ``/DR``:
  the standard Adobe CJK font that Acrobat, Foxit and WPS map to their own Song font and that
  pdf.js replaces with a browser font when it redraws an edited field.

``flatten=True`` draws the values into the page and leaves no fields: a print-ready copy
whose values :func:`fupin_forms.parse.pdf.parse_pdf` reads back by text position.

``marks=True`` adds the print marks (corner markers, QR code; see ``_pdf_marks``) and lays the
page out with the fixed geometry of :func:`print_geometry`, which the scan reader rebuilds.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..layout import Field, page_for
from ._pdf_draw import check_ops, text_ops
from ._pdf_font import FontSubset
from ._pdf_geometry import ApprovalBox, PageGeometry, Zone, print_geometry
from ._pdf_layout import PAGE_H, PAGE_W, SIZE, Sheet, Slot, lay_out
from ._pdf_marks import LAYOUT_VERSION, MarkInfo, marks_ops, parse_payload, record_id
from ._pdf_values import counts_of, field_values
from ._pdf_writer import Name, PdfWriter, Ref, Stream

__all__ = [
    "TYPING_FONT",
    "ApprovalBox",
    "MarkInfo",
    "PageGeometry",
    "Zone",
    "parse_payload",
    "print_geometry",
    "render_pdf",
]

TYPING_FONT = "STSong"  # the /DR font name a reader uses for what the user types
_EMBEDDED = "F1"  # the embedded subset, in page content and appearance streams
_MULTILINE = 1 << 12


# A blank date on a page for handwriting: full-width gaps leave room to write the digits.
_WRITABLE_DATE = "\u3000\u3000年\u3000月\u3000日"


def render_pdf(
    form: str, record: BaseModel | dict[str, Any] | None = None, *, flatten: bool = False,
    marks: bool = False,
) -> bytes:  # fmt: skip
    """``annex3``/``annex4``/``annex5`` as PDF bytes; prefilled from ``record`` (a model or its
    JSON dump) if given; ``flatten`` draws the values as page content instead of fields;
    ``marks`` adds corner markers and a QR code for reading a printed copy back from a scan."""
    page = page_for(form)
    data = record.model_dump(mode="json") if isinstance(record, BaseModel) else (record or {})
    values = field_values(page, data)
    font = FontSubset()
    counts = counts_of(page, data)
    sheet = lay_out(page, values, counts, font.width, uniform=marks)
    doc = _Document(page.title, sheet, values, font, flatten)
    if marks:
        repeat = page.repeats()[0]
        rows = max(counts[repeat.list_path], repeat.min_rows)
        rec = record_id(data) if any(values.values()) else None
        doc.marks = [
            marks_ops(MarkInfo(form, LAYOUT_VERSION, n + 1, sheet.pages, rows, rec))
            for n in range(sheet.pages)
        ]
    return doc.build()


class _Document:
    def __init__(
        self, title: str, sheet: Sheet, values: dict[str, str | bool], font: FontSubset,
        flatten: bool,
    ) -> None:  # fmt: skip
        self.title = title
        self.sheet = sheet
        self.values = values
        self.font = font
        self.flatten = flatten
        self.marks: list[bytes] = []
        self.w = PdfWriter()
        self.font_ref = self.w.reserve()
        self.pages_ref = self.w.reserve()

    def build(self) -> bytes:
        w = self.w
        page_refs = [w.reserve() for _ in range(self.sheet.pages)]
        annots: list[list[Ref]] = [[] for _ in page_refs]
        content: list[list[bytes]] = [[b"0.6 w 0 G"] for _ in page_refs]
        for p, x0, y0, x1, y1 in self.sheet.boxes:
            content[p].append(f"{x0:.2f} {y0:.2f} {x1 - x0:.2f} {y1 - y0:.2f} re S".encode())
        for run in self.sheet.runs:
            content[run.page].append(
                f"BT /{_EMBEDDED} {run.size:g} Tf 0 g 1 0 0 1 {run.x:.2f} {run.y:.2f} Tm ".encode()
                + self.font.encode(run.text)
                + b" Tj ET"
            )
        for n, ops in enumerate(self.marks):
            content[n].append(ops)
        tree = _FieldTree()
        for slot in self.sheet.slots:
            if self.flatten:
                content[slot.page].append(self._ops(slot, slot.rect))
            else:
                ref, widget = self.w.reserve(), self._widget(slot, page_refs[slot.page])
                annots[slot.page].append(ref)
                tree.add(slot.field.key, ref, widget)
        resources = {"Font": {_EMBEDDED: self.font_ref}}
        for n, ref in enumerate(page_refs):
            stream = w.add(Stream({}, b"\n".join(content[n])))
            page: dict[str, Any] = {
                "Type": Name("Page"),
                "Parent": self.pages_ref,
                "MediaBox": [0, 0, PAGE_W, PAGE_H],
                "Resources": resources,
                "Contents": stream,
            }
            if annots[n]:
                page["Annots"] = annots[n]
            w.set(ref, page)
        w.set(self.pages_ref, {"Type": Name("Pages"), "Kids": page_refs, "Count": len(page_refs)})
        catalog: dict[str, Any] = {"Type": Name("Catalog"), "Pages": self.pages_ref, "Lang": "zh-CN"}
        if not self.flatten:
            catalog["AcroForm"] = {
                "Fields": tree.write(w),
                "DA": f"/{TYPING_FONT} {SIZE:g} Tf 0 g",
                "DR": {"Font": {TYPING_FONT: w.add(_stsong(w)), "ZaDb": w.add(_zadb())}},
            }
        root = w.add(catalog)
        info = w.add({"Title": self.title, "Producer": "fupin-forms", "Creator": "fupin-forms"})
        self.font.write(w, self.font_ref)  # last: every character is known by now
        return w.tobytes(root, info)

    def _ops(self, slot: Slot, rect: tuple[float, float, float, float]) -> bytes:
        f = slot.field
        value = self.values.get(f.key)
        if f.kind in ("check", "option"):
            return check_ops(self.font, _EMBEDDED, value is True, rect)
        if not isinstance(value, str) or not value:
            if f.kind != "date" or not f.hint.strip():
                return b""
            value = _WRITABLE_DATE if self.marks else f.hint  # the 年 月 日 of a blank date
        multiline = f.kind == "multiline"
        return text_ops(self.font, _EMBEDDED, value, rect, slot.align, multiline, slot.inline)

    def _appearance(self, slot: Slot, ops: bytes) -> Ref:
        x0, y0, x1, y1 = slot.rect
        body = b"/Tx BMC q\n" + ops + b"\nQ EMC" if slot.field.kind not in ("check", "option") else ops
        return self.w.add(
            Stream(
                {
                    "Type": Name("XObject"),
                    "Subtype": Name("Form"),
                    "BBox": [0, 0, round(x1 - x0, 2), round(y1 - y0, 2)],
                    "Resources": {"Font": {_EMBEDDED: self.font_ref}},
                },
                body,
            )
        )

    def _widget(self, slot: Slot, page: Ref) -> dict[str, Any]:
        f = slot.field
        x0, y0, x1, y1 = slot.rect
        local = (0.0, 0.0, x1 - x0, y1 - y0)
        value = self.values.get(f.key)
        widget: dict[str, Any] = {
            "Type": Name("Annot"),
            "Subtype": Name("Widget"),
            "Rect": [round(v, 2) for v in slot.rect],
            "F": 4,
            "P": page,
            "TU": _tooltip(f),
        }
        if f.kind in ("check", "option"):
            on = Name("Yes")
            state = on if value is True else Name("Off")
            widget |= {"FT": Name("Btn"), "V": state, "AS": state, "DA": "/ZaDb 0 Tf 0 g"}
            widget["MK"] = {"CA": "4"}
            widget["AP"] = {
                "N": {
                    "Yes": self._appearance(slot, check_ops(self.font, _EMBEDDED, True, local)),
                    "Off": self._appearance(slot, check_ops(self.font, _EMBEDDED, False, local)),
                }
            }
            return widget
        widget |= {"FT": Name("Tx"), "DA": f"/{TYPING_FONT} {SIZE:g} Tf 0 g"}
        if f.kind == "multiline":
            widget["Ff"] = _MULTILINE
        if slot.align == "center":
            widget["Q"] = 1
        if isinstance(value, str) and value:
            widget["V"] = value
        ops = self._ops(slot, local)
        if ops:
            widget["AP"] = {"N": self._appearance(slot, ops)}
        return widget


def _tooltip(f: Field) -> str:
    return f.shown


class _FieldTree:
    """Field names are JSON paths: ``reviews.unit.opinion`` becomes the field ``opinion`` under
    ``unit`` under ``reviews``, as PDF's dotted names require, so every tool reports the full
    path back."""

    def __init__(self) -> None:
        self.kids: dict[str, Any] = {}

    def add(self, key: str, ref: Ref, widget: dict[str, Any]) -> None:
        node = self.kids
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = (ref, widget)

    def write(self, w: PdfWriter) -> list[Ref]:
        return self._write(w, self.kids, None)

    def _write(self, w: PdfWriter, node: dict[str, Any], parent: Ref | None) -> list[Ref]:
        refs = []
        for name, child in node.items():
            if isinstance(child, tuple):
                ref, obj = child
            else:
                ref = w.reserve()
                obj = {"Kids": self._write(w, child, ref)}
            obj["T"] = name
            if parent is not None:
                obj["Parent"] = parent
            w.set(ref, obj)
            refs.append(ref)
        return refs


def _stsong(w: PdfWriter) -> dict[str, Any]:
    descriptor = w.add(
        {
            "Type": Name("FontDescriptor"),
            "FontName": Name("STSong-Light"),
            "Flags": 6,
            "FontBBox": [-25, -254, 1000, 880],
            "ItalicAngle": 0,
            "Ascent": 880,
            "Descent": -120,
            "CapHeight": 880,
            "StemV": 93,
        }
    )
    cid = w.add(
        {
            "Type": Name("Font"),
            "Subtype": Name("CIDFontType0"),
            "BaseFont": Name("STSong-Light"),
            "CIDSystemInfo": {"Registry": b"Adobe", "Ordering": b"GB1", "Supplement": 2},
            "FontDescriptor": descriptor,
            "DW": 1000,
            "W": [1, 95, 500],
        }
    )
    return {
        "Type": Name("Font"),
        "Subtype": Name("Type0"),
        "BaseFont": Name("STSong-Light"),
        "Encoding": Name("UniGB-UCS2-H"),
        "DescendantFonts": [cid],
    }


def _zadb() -> dict[str, Any]:
    return {"Type": Name("Font"), "Subtype": Name("Type1"), "BaseFont": Name("ZapfDingbats")}
