"""What every parser returns: raw values in the JSON shape of the model, and where each came from.

Parsers never validate; ``fupin_forms.records`` turns a ``ParsedForm`` into a validated record
with located issues.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ..rules import Issue

__all__ = ["FieldSource", "Method", "ParsedForm"]

Method = Literal["sdt", "label", "acroform", "text", "ocr", "cell", "json"]


@dataclass(frozen=True)
class FieldSource:
    """How one value was read: ``method``, ``confidence`` 0–1, and where on the page if known."""

    method: Method
    confidence: float = 1.0
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    where: str | None = None  # e.g. "表格1 第5行第2列" or "专家!C7"
    why: str | None = None  # why a person must look (字迹写到格子边缘…), when confidence is low

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"method": self.method, "confidence": round(self.confidence, 3)}
        if self.page is not None:
            out["page"] = self.page
        if self.bbox is not None:
            out["bbox"] = [round(v, 2) for v in self.bbox]
        if self.where is not None:
            out["where"] = self.where
        if self.why:
            out["why"] = self.why
        return out

    def doubt(self, cap: float, why: str) -> FieldSource:
        """This source capped at ``cap``, with the reason; the first reason given is kept
        (it is the one that lowered the value most, or the first found)."""
        return replace(self, confidence=min(self.confidence, cap), why=self.why or why)

    def review_note(self, label: str) -> str:
        """The one-line "check this" note of a doubtful value: its label, confidence and why."""
        why = f"，{self.why}" if self.why else ""
        return f"需人工核对：{label}（置信度 {self.confidence:.2f}{why}）"


@dataclass
class ParsedForm:
    """One form read from a file. ``data`` uses the model's JSON field names; ``fields`` is
    keyed by JSON path (``villages[0].phone``); ``warnings`` are one-line Chinese notes;
    ``issues`` are the reader's own findings about one path (two boxes ticked, a date that is
    no date, a stamp seen only as a picture), kept beside the validator's."""

    form: str
    data: dict[str, Any]
    fields: dict[str, FieldSource] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    pages_missing: list[int] = field(default_factory=list)  # pages of a multi-page form absent
