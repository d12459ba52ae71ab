"""Cheap checks before a parser opens a file from a stranger.

A .docx or .xlsx is a zip of XML: refuse zip bombs (too many members, too many bytes
unpacked, absurd compression ratios) and XML with a DOCTYPE (entity expansion, external
entities) before any XML parser sees it. Every XML part is streamed whole: a DOCTYPE after a
5 KB comment is found as surely as one on the first line, and the part's start tags are
counted against the ``xml_nodes`` budget, so a sheet of a million rows is refused here in a
second instead of being parsed for minutes. A PDF must start like one. Each refusal is a
``ParseError`` with a one-line Chinese reason; a spent budget is a ``BudgetExceeded``.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from ..budgets import Budgets, budgets
from ..errors import ParseError

__all__ = ["LIMITS", "check_file"]

LIMITS = {
    "zip_member_ratio": 200,  # uncompressed / compressed, for members over 1 MB
}
_ZIP_KINDS = {".docx": "Word 文档", ".xlsx": "Excel 工作簿", ".xlsm": "Excel 工作簿"}
_CHUNK = 1 << 20
_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")


def check_file(path: Path, limits: Budgets | None = None) -> None:
    """Raise ParseError if ``path`` is unsafe or plainly not what its suffix says."""
    limits = limits or budgets()
    size = path.stat().st_size
    if size == 0:
        raise ParseError("文件是空的（0 字节）", str(path))
    limits.check("file_bytes", size, str(path))
    suffix = path.suffix.lower()
    if suffix in _ZIP_KINDS:
        _check_zip(path, _ZIP_KINDS[suffix], limits)
    elif suffix == ".pdf":
        with open(path, "rb") as handle:
            head = handle.read(1024)
        if b"%PDF-" not in head:
            raise ParseError("不是 PDF 文件（文件头不是 %PDF-）", str(path))


def _check_zip(path: Path, kind: str, limits: Budgets) -> None:
    where = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            limits.check("zip_members", len(infos), where)
            total = 0
            for info in infos:
                total += info.file_size  # zipfile never reads past a member's declared size
                big = info.file_size > 1024 * 1024
                if big and info.file_size > LIMITS["zip_member_ratio"] * max(info.compress_size, 1):
                    raise ParseError(f"{kind}中 {info.filename} 压缩比异常，疑似压缩炸弹", where)
                limits.check("part_bytes", info.file_size, where)
                limits.check("unpacked_bytes", total, where)
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    _check_xml_part(archive, info, kind, limits, where)
    except zipfile.BadZipFile:
        raise ParseError(f"文件已损坏，或不是{kind}（无法作为 zip 打开）", where) from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise ParseError(f"文件已损坏，无法读取：{type(exc).__name__}", where) from None


def _check_xml_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str, limits: Budgets, where: str
) -> None:
    """Stream one XML part: no DOCTYPE/ENTITY anywhere, start tags within ``xml_nodes``."""
    decoder = None
    tail = b""
    nodes = 0
    with archive.open(info) as member:
        first = True
        while chunk := member.read(_CHUNK):
            if first:
                first = False
                if (
                    chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
                    or chunk[1:2] == b"\0"
                ):
                    decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
            if decoder is not None:  # UTF-16 XML: look at it as UTF-8
                chunk = decoder.decode(chunk).encode("utf-8", "replace")
            window = tail + chunk
            if any(m in window for m in _MARKERS):
                raise ParseError(f"{kind}中 {info.filename} 含有 DOCTYPE/实体声明，拒绝读取", where)
            nodes += chunk.count(b"<") - chunk.count(b"</")
            limits.check("xml_nodes", nodes, where)
            tail = window[-(len(_MARKERS[0]) - 1) :]
