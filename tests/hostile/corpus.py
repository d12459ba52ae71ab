"""A corpus of hostile and broken inputs, generated on demand (issue 8).

``build_corpus(folder)`` writes every case and returns ``{file name: what it is}``. Nothing is
checked in: each file is made in a few milliseconds from code that says what it is.
Run as a script to write the corpus somewhere for manual poking:

    python -m tests.hostile.corpus OUT_DIR
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

Case = Callable[[Path], None]


def _docx_bytes() -> bytes:
    from fupin_forms.api import render_form

    return render_form("annex4", None, "docx")


def _pdf_bytes() -> bytes:
    from fupin_forms.api import render_form

    return render_form("annex4", None, "pdf")


def _write(data: bytes) -> Case:
    return lambda path: path.write_bytes(data)


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _zip_bomb(path: Path) -> None:
    path.write_bytes(
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (64 << 20)})
    )


def _dtd(entity: bytes) -> Case:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE w ['
        + entity
        + b']><w:document xmlns:w="x">&e;</w:document>'
    )
    return _write(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": xml}))


LAUGHS = (
    b'<!ENTITY l0 "lol">'
    + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
    + b'<!ENTITY e "&l9;">'
)


def _pdf_encrypted(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes())))
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(path, "wb") as handle:
        writer.write(handle)


def _pdf_pages(n: int, javascript: bool = False) -> Case:
    def make(path: Path) -> None:
        from pypdf import PdfWriter

        writer = PdfWriter()
        for _ in range(n):
            writer.add_blank_page(595, 842)
        if javascript:
            from pypdf.generic import DictionaryObject, NameObject, TextStringObject

            action = DictionaryObject({
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hi');"),
            })  # fmt: skip
            writer._root_object[NameObject("/OpenAction")] = action
        with open(path, "wb") as handle:
            writer.write(handle)

    return make


CIRCULAR_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Pages /Kids [2 0 R] /Parent 3 0 R /Count 1 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def _image(kind: str) -> Case:
    def make(path: Path) -> None:
        from PIL import Image

        if kind == "bomb":
            Image.new("1", (40000, 40000)).save(path, optimize=True)
        elif kind == "tiny":
            Image.new("RGB", (1, 1), "white").save(path)
        elif kind == "cmyk":
            Image.new("CMYK", (200, 280), (0, 0, 0, 0)).save(path, "JPEG")
        elif kind == "16bit":
            Image.new("I;16", (200, 280), 40000).save(path)
        elif kind == "multipage":
            pages = [Image.new("L", (200, 280), 255) for _ in range(3)]
            pages[0].save(path, save_all=True, append_images=pages[1:])

    return make


def _wrong_docx(path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("会议通知：请各单位于周五前报送材料。")
    doc.save(str(path))


def _wrong_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["品名", "单价", "数量"])
    ws.append(["苹果", 3.5, 10])
    wb.save(path)


CASES: dict[str, tuple[str, Case]] = {
    "empty.docx": ("empty Word file", _write(b"")),
    "empty.xlsx": ("empty Excel file", _write(b"")),
    "empty.pdf": ("empty PDF", _write(b"")),
    "empty.json": ("empty JSON", _write(b"")),
    "empty.png": ("empty image", _write(b"")),
    "truncated.docx": (
        "a real form cut in half",
        lambda p: p.write_bytes(_docx_bytes()[: len(_docx_bytes()) // 2]),
    ),
    "truncated.pdf": (
        "a real PDF cut in half",
        lambda p: p.write_bytes(_pdf_bytes()[: len(_pdf_bytes()) // 2]),
    ),
    "truncated.json": ("JSON cut off", _write(b'{"applicant_name": "\xe5\xad\x9f')),
    "corrupt-zip.docx": ("PK header then garbage", _write(b"PK\x03\x04" + bytes(range(256)) * 8)),
    "corrupt-zip.xlsx": (
        "PK header then garbage",
        _write(b"PK\x03\x04" + bytes(range(255, -1, -1)) * 8),
    ),
    "zip-bomb.docx": ("kilobytes on disk, 64 MB of zeros unpacked", _zip_bomb),
    "zip-bomb.xlsx": ("kilobytes on disk, 64 MB of zeros unpacked", _zip_bomb),
    "dtd.docx": ("XML with a DTD", _dtd(b'<!ENTITY e "x">')),
    "billion-laughs.xlsx": ("entity expansion", _dtd(LAUGHS)),
    "xxe.docx": (
        "external entity to a local file",
        _dtd(b'<!ENTITY e SYSTEM "file:///etc/passwd">'),
    ),
    "encrypted.pdf": ("needs a password", _pdf_encrypted),
    "circular.pdf": ("page tree that points at itself", _write(CIRCULAR_PDF)),
    "pages-10000.pdf": ("10,000 blank pages", _pdf_pages(10_000)),
    "javascript.pdf": ("a PDF with JavaScript", _pdf_pages(1, javascript=True)),
    "bomb.png": ("40000×40000 pixels in a small file", _image("bomb")),
    "tiny.png": ("1×1 pixel", _image("tiny")),
    "cmyk.jpg": ("CMYK JPEG", _image("cmyk")),
    "16bit.png": ("16-bit greyscale", _image("16bit")),
    "multipage.tif": ("three blank pages", _image("multipage")),
    "meeting-notice.docx": ("a real .docx that is no annex", _wrong_docx),
    "price-list.xlsx": ("a spreadsheet with no ledger", _wrong_xlsx),
    "gbk.json": (
        "JSON not in UTF-8",
        _write(json.dumps({"applicant_name": "孟庆华"}, ensure_ascii=False).encode("gbk")),
    ),
    "deep.json": ("nested 100,000 deep", _write(b"[" * 100_000 + b"]" * 100_000)),
    "huge-number.json": ("a 5,000-digit number", _write(b'{"postcode": ' + b"9" * 5000 + b"}")),
    "not-an-object.json": ("a JSON string", _write(b'"hello"')),
    "wrong-types.json": (
        "fields of the wrong type",
        _write(json.dumps({"applicant_name": ["x"], "villages": "x"}).encode()),
    ),
}


def build_corpus(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (_what, make) in CASES.items():
        make(folder / name)
    return {name: what for name, (what, _make) in CASES.items()}


if __name__ == "__main__":
    for name, what in build_corpus(Path(sys.argv[1])).items():
        print(f"{name}: {what}")
