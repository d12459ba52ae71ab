"""JSON Schemas (draft 2020-12) generated from the models, and the feed record's schema.

``schemas/`` holds the checked-in copies; ``fupin-forms schema -o schemas/`` regenerates them
and a test fails when they drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ._atomic import atomic_write_text
from .models import FORMS

__all__ = ["FEED_RECORD_SCHEMA", "all_schemas", "form_schema", "schema_text", "write_schemas"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def form_schema(form: str) -> dict[str, Any]:
    model = FORMS[form]
    schema = model.model_json_schema(mode="serialization")
    return {"$schema": DIALECT, "$id": f"urn:fupin-forms:schema:{form}", **schema}


FEED_RECORD_SCHEMA: dict[str, Any] = {
    "$schema": DIALECT,
    "$id": "urn:fupin-forms:schema:feed-record",
    "title": "fupin-forms feed record",
    "description": "One form read from one file: one JSON object per line of a feed.",
    "type": "object",
    "required": ["form", "source", "status", "data", "issues", "fields"],
    "properties": {
        "form": {"enum": ["annex3", "annex4", "annex5", None]},
        "source": {
            "type": "object",
            "required": ["path", "sha256", "format"],
            "properties": {
                "path": {"type": "string"},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "format": {"enum": ["docx", "pdf", "xlsx", "image", "json"]},
            },
        },
        "status": {"enum": ["complete", "incomplete", "invalid", "error"]},
        "stage": {"type": "string"},
        "data": {"type": ["object", "null"]},
        "issues": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "path", "severity", "message"],
                "properties": {
                    "code": {"type": "string"},
                    "path": {"type": "string"},
                    "severity": {"enum": ["error", "warning"]},
                    "message": {"type": "string"},
                    "message_en": {"type": "string"},
                },
            },
        },
        "fields": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["method", "confidence"],
                "properties": {
                    "method": {"enum": ["sdt", "label", "acroform", "text", "ocr", "cell", "json"]},
                    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                    "page": {"type": "integer"},
                    "bbox": {"type": "array", "items": {"type": "number"}},
                    "where": {"type": "string"},
                    "why": {
                        "type": "string",
                        "description": "Why a person must check this value (e.g. 字迹写到格子边缘，可能没读全); set with a low confidence.",
                    },
                },
            },
        },
        "error": {"type": "string"},
        "superseded_by": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
            "description": "The file at this path was read again with this sha256; not counted.",
        },
        "corrections": {
            "description": "Corrections made in the workbench, oldest first: the data carries the new values.",
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "old", "new", "at"],
                "properties": {
                    "path": {"type": "string"},
                    "old": {},
                    "new": {},
                    "by": {"type": ["string", "null"]},
                    "office": {"type": "string"},
                    "at": {"type": "string", "format": "date-time"},
                },
            },
        },
    },
}


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every form and the feed record."""
    out = {f"{form}.schema.json": form_schema(form) for form in FORMS}
    out["feed-record.schema.json"] = FEED_RECORD_SCHEMA
    return out


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(directory: str | Path) -> list[Path]:
    """Write every schema into ``directory`` (created if needed); returns the paths."""
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = out_dir / name
        atomic_write_text(path, schema_text(schema))
        written.append(path)
    return written
