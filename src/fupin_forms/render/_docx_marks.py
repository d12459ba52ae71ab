"""Print marks for the Word forms: four corner markers and a QR code in the page header.

Why the header: a header prints on every page (a ledger runs to several) and lives outside
the body, so the table does not move by a line; the images are anchored to the *page* (not
the paragraph) and wrap-less, so they sit 7–14 mm from the paper's edges like the PDF's marks
and nothing reflows around them. The .docx is post-processed: ``render_docx``'s output is
untouched unless marks are asked for.

The QR text is ``_pdf_marks.payload``'s with ``FPW`` for ``FPF``: the reader must know the
page came from Word, whose geometry is Word's (or WPS's, or LibreOffice's), not the PDF's,
so it finds fields by the table (``scan._table``) and uses the marks only to register the
page. Word prints the same header on every page, so the page number is ``0/0`` (unknown).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import numpy as np
import segno
from PIL import Image
from pydantic import BaseModel

from ._pdf_layout import PAGE_H
from ._pdf_marks import (
    LAYOUT_VERSION,
    MARK_CENTRES,
    MARK_SIZE,
    QR_RECT,
    MarkInfo,
    payload,
    record_id,
)

__all__ = ["WORD_PREFIX", "add_marks", "render_docx_marked", "word_payload"]

WORD_PREFIX = "FPW"
_EMU = 12700  # per point
_HEADER = "word/header_fpw.xml"
_REL_ID = "rIdFpwHeader"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


def word_payload(info: MarkInfo) -> str:
    """``FPW:4:1:0/0:3[:RECORD]``: the PDF payload with the Word flag (see module doc)."""
    return WORD_PREFIX + payload(info)[3:]


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def _marker_png(unit: int = 12) -> bytes:
    """Nested squares like ``_pdf_marks``: black ring, white ring, black core (7 units)."""
    cells = np.zeros((7, 7), dtype=np.uint8)
    cells[1:6, 1:6] = 255
    cells[2:5, 2:5] = 0
    return _png(Image.fromarray(np.kron(cells, np.ones((unit, unit), dtype=np.uint8)), "L"))


def _qr_png(text: str) -> bytes:
    buf = io.BytesIO()
    segno.make(text, error="m", micro=False, boost_error=False).save(
        buf, kind="png", scale=8, border=0
    )
    return buf.getvalue()


def _anchor(n: int, rel: str, x: float, y: float, side: float) -> str:
    """A picture anchored to the page at (x, y) points from its top-left, ``side`` wide."""
    ex, ey, es = round(x * _EMU), round(y * _EMU), round(side * _EMU)
    return (
        f'<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{251660000 + n}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>{ex}</wp:posOffset>'
        f'</wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>{ey}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{es}" cy="{es}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{9000 + n}" name="FPW mark {n}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_PIC}"><pic:pic><pic:nvPicPr>'
        f'<pic:cNvPr id="{9000 + n}" name="fpw{n}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{es}" cy="{es}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
        f"</a:graphic></wp:anchor></w:drawing></w:r>"
    )


def _header_xml() -> str:
    runs = []
    for n, (cx, cy) in enumerate(MARK_CENTRES):  # PDF points, origin bottom-left
        runs.append(
            _anchor(n, "rIdFpwMark", cx - MARK_SIZE / 2, PAGE_H - cy - MARK_SIZE / 2, MARK_SIZE)
        )
    x0, _, x1, top = QR_RECT
    runs.append(_anchor(len(runs), "rIdFpwQr", x0, PAGE_H - top, x1 - x0))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:hdr xmlns:w="{_W}" xmlns:r="{_R}" xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:pic="{_PIC}">'
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr>'
        f"{''.join(runs)}</w:p></w:hdr>"
    )


def _header_rels() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdFpwMark" Type="{_IMAGE_REL}" Target="media/fpw_marker.png"/>'
        f'<Relationship Id="rIdFpwQr" Type="{_IMAGE_REL}" Target="media/fpw_qr.png"/>'
        "</Relationships>"
    )


def _with_header_ref(document: str) -> str:
    """Every section's default header becomes ours (the annex templates have none)."""
    document = re.sub(r'<w:headerReference w:type="default"[^>]*/>', "", document)
    ref = f'<w:headerReference w:type="default" r:id="{_REL_ID}"/>'
    document = re.sub(r"(<w:sectPr\b[^>]*>)", lambda m: m.group(1) + ref, document)
    if 'xmlns:r="' not in document[:2000]:
        document = document.replace("<w:document ", f'<w:document xmlns:r="{_R}" ', 1)
    return document


def add_marks(docx: bytes, info: MarkInfo) -> bytes:
    """``docx`` with the corner markers and ``info``'s QR code in the header of every page."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = _with_header_ref(data.decode("utf-8")).encode("utf-8")
            elif item.filename == "word/_rels/document.xml.rels":
                rel = f'<Relationship Id="{_REL_ID}" Type="{_HEADER_REL}" Target="header_fpw.xml"/>'
                data = (
                    data.decode("utf-8")
                    .replace("</Relationships>", rel + "</Relationships>")
                    .encode("utf-8")
                )
            elif item.filename == "[Content_Types].xml":
                text = data.decode("utf-8")
                if 'Extension="png"' not in text:
                    text = text.replace(
                        "<Override ",
                        '<Default Extension="png" ContentType="image/png"/><Override ',
                        1,
                    )
                over = f'<Override PartName="/{_HEADER}" ContentType="{_HEADER_CT}"/>'
                data = text.replace("</Types>", over + "</Types>").encode("utf-8")
            dst.writestr(item, data)
        dst.writestr(_HEADER, _header_xml())
        dst.writestr("word/_rels/header_fpw.xml.rels", _header_rels())
        dst.writestr("word/media/fpw_marker.png", _marker_png())
        dst.writestr("word/media/fpw_qr.png", _qr_png(word_payload(info)))
    return out.getvalue()


def render_docx_marked(form_id: str, record: BaseModel | dict[str, Any] | None = None) -> bytes:
    """``render_docx(form_id, record)`` with print marks; the QR names the form, the layout
    version, the repeated rows printed and, when prefilled, the record's id."""
    from ..layout import page_for
    from ..models import resolve_form_id
    from .docx import render_docx

    form = resolve_form_id(form_id)
    data = record.model_dump(mode="json") if isinstance(record, BaseModel) else (record or {})
    repeat = page_for(form).repeats()[0]
    rows = max(len(data.get(repeat.list_path) or []), repeat.min_rows)
    rec = record_id(data) if _filled(data) else None
    info = MarkInfo(form, LAYOUT_VERSION, 0, 0, rows, rec)
    return add_marks(render_docx(form, record), info)


def _filled(value: Any) -> bool:
    """Any value anywhere (a blank model still dumps keys, ``[]`` and nested ``None``s)."""
    if isinstance(value, dict):
        return any(_filled(v) for v in value.values())
    if isinstance(value, list):
        return any(_filled(v) for v in value)
    return value not in (None, "", False)
