"""Feed records: one JSON object per form read, with provenance (DESIGN.md contract)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .parse import ParsedForm
from .records import ValidatedRecord, validate_parsed

__all__ = [
    "error_record", "feed_line", "file_sha256", "make_record", "shown_path", "source_of",
]  # fmt: skip

_FORMATS = {
    ".docx": "docx", ".doc": "docx", ".wps": "docx", ".pdf": "pdf", ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".json": "json", ".jsonl": "json", ".png": "image", ".jpg": "image", ".jpeg": "image",
    ".tif": "image", ".tiff": "image", ".bmp": "image", ".webp": "image",
}  # fmt: skip


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def shown_path(path: str | Path, root: str | Path, anchor: str | Path | None = None) -> str:
    """The path a feed stores for ``path``: never absolute, never with ``..``.

    Relative to ``anchor`` (the feed's folder, else the working folder) when the file lies
    under it, so ``review`` finds it beside the feed; otherwise relative to ``root``, the
    folder it was named from on the command line."""
    file = Path(os.path.abspath(path))
    for base in (Path(os.path.abspath(anchor or os.getcwd())), Path(os.path.abspath(root))):
        if base == file.parent or base in file.parents:
            return file.relative_to(base).as_posix()
    return file.name


def source_of(
    path: str | Path, sha256: str | None = None, shown: str | None = None
) -> dict[str, str]:
    p = Path(path)
    return {
        "path": shown if shown is not None else str(p),
        "sha256": sha256 or file_sha256(p),
        "format": _FORMATS.get(p.suffix.lower(), "json"),
    }


def make_record(
    parsed: ParsedForm, source: dict[str, str], stage: str = "applicant"
) -> tuple[dict[str, Any], ValidatedRecord]:
    """Validate a parsed form and wrap it as a feed record."""
    checked = validate_parsed(parsed, stage)
    issues = [_located(i.to_json(), parsed) for i in checked.issues]
    issues += [
        {"code": "parse", "path": "", "severity": "warning", "message": w} for w in parsed.warnings
    ]
    status = checked.status
    if parsed.pages_missing:  # a record is complete only with every page of it
        issues.append({"code": "pages_missing", "path": "", "severity": "error",
                       "message": f"缺第{'、'.join(map(str, parsed.pages_missing))}页"})  # fmt: skip
        status = "incomplete" if status == "complete" else status
    record = {
        "form": checked.form,
        "source": source,
        "status": status,
        "stage": stage,
        "data": checked.model.model_dump(mode="json"),
        "issues": issues,
        "fields": {path: src.to_json() for path, src in sorted(parsed.fields.items())},
    }
    return record, checked


def _located(issue: dict[str, Any], parsed: ParsedForm) -> dict[str, Any]:
    source = parsed.fields.get(issue["path"])
    if source is not None and source.where and source.method != "json":
        issue["where"] = source.where
    return issue


def error_record(source: dict[str, str], message: str) -> dict[str, Any]:
    """A file that could not be read: status ``error`` and a one-line reason."""
    return {
        "form": None,
        "source": source,
        "status": "error",
        "data": None,
        "issues": [{"code": "unreadable", "path": "", "severity": "error", "message": message}],
        "fields": {},
        "error": message,
    }


def feed_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"
