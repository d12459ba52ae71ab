"""The one exception tree of fupin-forms.

    FupinFormsError              anything this package raises on purpose
     ├── UsageError              a bad option or form name (CLI exit 2)
     ├── TemplateError           a template is missing or broken
     ├── ParseError              a file could not be read (path, where)
     └── FormValidationError     data has problems (carries the issues)

Messages are in Chinese, one line, and quote the bad value and where it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rules import Issue

__all__ = ["FormValidationError", "FupinFormsError", "ParseError", "TemplateError", "UsageError"]


class FupinFormsError(Exception):
    """Base class: every error this package raises on purpose."""


class UsageError(FupinFormsError):
    """A bad option, form name or argument."""


class TemplateError(FupinFormsError):
    """A template is missing or cannot be rendered."""


class ParseError(FupinFormsError):
    """A file could not be read. ``path`` is the file; ``where`` the place in it, if known."""

    def __init__(self, message: str, path: str | None = None, where: str | None = None) -> None:
        message = " ".join(message.split())  # one line, whatever a library's error text held
        if len(message) > 300:
            message = message[:300] + "…"
        self.message = message
        self.path = path
        self.where = where
        parts = [p for p in (path, where) if p]
        super().__init__(f"{'：'.join(parts)}：{message}" if parts else message)


class FormValidationError(FupinFormsError):
    """The data has problems; ``issues`` lists them, located."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        first = issues[0].message if issues else ""
        super().__init__(f"{len(issues)} 个问题：{first}")
