"""Cheap checks before a parser opens a file from a stranger.

A .docx or .xlsx is a zip of XML: refuse zip bombs (too many members, too many bytes
unpacked, absurd compression ratios) and XML with a DOCTYPE (entity expansion, external
entities) before any XML parser sees it. A PDF must start like one. Each refusal is a
``ParseError`` with a one-line Chinese reason.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import ParseError

__all__ = ["LIMITS", "check_file"]

LIMITS = {
    "file_bytes": 100 * 1024 * 1024,
    "zip_members": 2000,
    "zip_unpacked_bytes": 300 * 1024 * 1024,
    "zip_member_ratio": 200,  # uncompressed / compressed, for members over 1 MB
}
_ZIP_KINDS = {".docx": "Word 文档", ".xlsx": "Excel 工作簿", ".xlsm": "Excel 工作簿"}


def check_file(path: Path) -> None:
    """Raise ParseError if ``path`` is unsafe or plainly not what its suffix says."""
    size = path.stat().st_size
    if size == 0:
        raise ParseError("文件是空的（0 字节）", str(path))
    if size > LIMITS["file_bytes"]:
        raise ParseError(f"文件过大（{size // 1024 // 1024} MB，上限 100 MB）", str(path))
    suffix = path.suffix.lower()
    if suffix in _ZIP_KINDS:
        _check_zip(path, _ZIP_KINDS[suffix])
    elif suffix == ".pdf":
        with open(path, "rb") as handle:
            head = handle.read(1024)
        if b"%PDF-" not in head:
            raise ParseError("不是 PDF 文件（文件头不是 %PDF-）", str(path))


def _check_zip(path: Path, kind: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > LIMITS["zip_members"]:
                raise ParseError(f"{kind}内部文件过多（{len(infos)} 个），疑似恶意文件", str(path))
            total = 0
            for info in infos:
                total += info.file_size
                big = info.file_size > 1024 * 1024
                if big and info.file_size > LIMITS["zip_member_ratio"] * max(info.compress_size, 1):
                    raise ParseError(
                        f"{kind}中 {info.filename} 压缩比异常，疑似压缩炸弹", str(path)
                    )
                if total > LIMITS["zip_unpacked_bytes"]:
                    raise ParseError(f"{kind}解压后超过 300 MB，疑似压缩炸弹", str(path))
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as member:
                        head = member.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise ParseError(
                            f"{kind}中 {info.filename} 含有 DOCTYPE/实体声明，拒绝读取", str(path)
                        )
    except zipfile.BadZipFile:
        raise ParseError(f"文件已损坏，或不是{kind}（无法作为 zip 打开）", str(path)) from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise ParseError(f"文件已损坏，无法读取：{type(exc).__name__}", str(path)) from None
