"""A problem found in a record, as data: what, where, how bad, in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["MISSING_CODES", "Issue", "Severity", "join_path"]

Severity = Literal["error", "warning"]

# Codes that mean "something is not there yet" (incomplete) rather than "something is wrong".
MISSING_CODES = frozenset({"missing", "not_stamped", "not_signed", "no_village", "no_entry"})


@dataclass(frozen=True)
class Issue:
    code: str
    path: str
    severity: Severity
    message: str
    message_en: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "path": self.path,
            "severity": self.severity,
            "message": self.message,
        }
        if self.message_en:
            out["message_en"] = self.message_en
        return out


def join_path(*parts: str | int) -> str:
    """``join_path("villages", 0, "phone")`` → ``villages[0].phone``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
