"""Reading a filled annex back from a Word file, whichever suite last saved it.

A form we generated still has its content controls tagged with JSON paths: those are read
exactly, cell by cell (``_docx_layout``). Anything else (our form after another suite dropped
the tags, the province's own annex, a county's re-typed copy) goes to the reading core as a
grid of cells (``_docx_grid`` → ``core``), which finds values by the layout's labels.
``.doc`` and ``.wps`` files are turned into .docx by LibreOffice first.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import IO

from lxml import etree  # type: ignore[import-untyped]  # no stubs; see pyproject

from ..errors import NotAFormError, ParseError
from ..layout import PAGES, Page
from ._docx_grid import docx_sheet
from ._docx_layout import Reader
from ._docx_xml import Paragraph, Table, W, body_blocks, document_notes, read_table
from ._result import ParsedForm
from .core import (
    POSITION,
    detect_sheet,
    detect_title,
    fill_from_text,
    lines_sheet,
    read_sheet,
)

__all__ = ["LEGACY_SUFFIXES", "convert_to_docx", "detect_annex", "parse_docx"]

LEGACY_SUFFIXES = (".doc", ".wps", ".wpt", ".dot", ".rtf", ".odt")
_OLE = b"\xd0\xcf\x11\xe0"
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False)


def detect_annex(text: str) -> str | None:
    """``annex3``/``annex4``/``annex5`` from the title text, None if it is none of them."""
    return detect_title(text)


def convert_to_docx(path: str | Path, outdir: str | Path) -> Path:
    """Convert .doc/.wps/… to .docx with LibreOffice (``soffice``) into ``outdir``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    src = Path(path)
    if soffice is None:
        raise ParseError(
            f"无法读取 {src.suffix} 文件：需要安装 LibreOffice（soffice），"
            "如 apt-get install libreoffice-writer-nogui，或先用 Word/WPS 另存为 .docx",
            path=str(src),
        )
    profile = Path(outdir) / "lo-profile"
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--convert-to",
        "docx",
        "--outdir",
        str(outdir),
        str(src),
    ]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=180, env=os.environ.copy())
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise ParseError(f"LibreOffice 转换失败：{exc}", path=str(src)) from exc
    out = Path(outdir) / (src.stem + ".docx")
    if not out.is_file():
        raise ParseError("LibreOffice 没有生成 .docx 文件", path=str(src))
    return out


def _read_source(source: str | Path | bytes | IO[bytes]) -> tuple[bytes, str | None]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), None
    if not isinstance(source, str | Path):
        return source.read(), getattr(source, "name", None)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"无法打开文件：{exc.strerror}", path=str(path)) from exc
    if path.suffix.lower() in LEGACY_SUFFIXES or data[:4] == _OLE:
        with tempfile.TemporaryDirectory(prefix="fupin-") as tmp:
            data = convert_to_docx(path, tmp).read_bytes()
    return data, str(path)


def parse_docx(source: str | Path | bytes | IO[bytes]) -> ParsedForm:
    """Read an annex form from a .docx (or .doc/.wps via LibreOffice) file, path or bytes."""
    data, name = _read_source(source)
    if data[:4] == _OLE:
        with tempfile.TemporaryDirectory(prefix="fupin-") as tmp:
            legacy = Path(tmp) / "form.doc"
            legacy.write_bytes(data)
            data = convert_to_docx(legacy, tmp).read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ParseError("不是有效的 Word .docx 文件", path=name) from exc
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"word/document.xml 无法解析：{exc}", path=name) from exc
    blocks = body_blocks(root)
    before = _until_table(blocks)
    tables = [b for b in blocks if not isinstance(b, Paragraph)]
    sheet = docx_sheet(blocks)
    form_id = (
        detect_annex("\n".join(p.text for p in before))
        or detect_annex("\n".join(b.text for b in blocks if isinstance(b, Paragraph)))
        or detect_sheet(sheet)
    )
    if form_id is None:
        raise NotAFormError("无法识别表格类型：找不到附件3/4/5 的标题或栏目", path=name)
    if not tables:
        if form_id == "annex5":  # a ledger's cells run together leave no row to rebuild
            raise ParseError("文件中没有表格", path=name, where=PAGES[form_id].title)
        texts = [b.text for b in blocks if isinstance(b, Paragraph)]
        parsed = read_sheet(form_id, lines_sheet(form_id, texts), "text")
        for key, src in parsed.fields.items():  # no cell confirms any of them: for review
            parsed.fields[key] = replace(src, confidence=min(src.confidence, POSITION))
        parsed.warnings.append(
            "文件中没有表格（如 LibreOffice 另存的 .doc 丢失了表格），按文字中的栏目名读取，"
            "请逐项核对 (no table in the file: read by the labels in its text, check each value)"
        )
        return parsed
    if _tagged(PAGES[form_id], tables[0]):
        parsed = _read(PAGES[form_id], before, read_table(tables[0]))
    else:
        parsed = read_sheet(form_id, sheet, "label")
        if form_id != "annex5":
            _text_after_tables(parsed, blocks, tables[0])
    parsed.warnings += document_notes(root)  # hidden text, glyph vs flag, duplicate tags
    return parsed


def _text_after_tables(
    parsed: ParsedForm, blocks: list[Paragraph | etree._Element], first: etree._Element
) -> None:
    """Part of a form's table lost (a LibreOffice .doc export) leaves its rows as running
    text after the tables: fields still empty are read from it by their labels, for review."""
    at = blocks.index(first)
    texts = [b.text for b in blocks[at:] if isinstance(b, Paragraph)]
    side = read_sheet(parsed.form, lines_sheet(parsed.form, texts), "text")
    if fill_from_text(parsed, side):
        parsed.warnings.append(
            "表格外的文字中有栏目（表格可能在转换中丢失），已按栏目名读取，请逐项核对 "
            "(labels in the text outside the tables read for review)"
        )


def _tagged(page: Page, table: etree._Element) -> bool:
    """Our own form with its content controls' tags intact: the exact fast path."""
    keys = {f.key.replace("{i}", "") for f in page.fields()}
    for el in table.iter(W + "tag"):
        tag = re.sub(r"\[\d+\]", "[]", el.get(W + "val") or "")
        if tag in keys:
            return True
    return False


def _until_table(blocks: list[Paragraph | etree._Element]) -> list[Paragraph]:
    out = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            break
        out.append(block)
    return out


def _read(page: Page, head: list[Paragraph], table: Table) -> ParsedForm:
    reader = Reader(page)
    reader.read_paras(page.head, head, None, "表头")
    reader.read_table(table)
    for repeat in page.repeats():
        reader.data.setdefault(repeat.list_path, [])
    return ParsedForm(page.form_id, reader.data, reader.fields, reader.warnings)
