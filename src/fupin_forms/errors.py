"""The one exception tree of fupin-forms.

Every error this package raises on purpose is a ``FupinFormsError``; anything else that
escapes a public function is a bug (the command line reports it with exit code 3)::

    FupinFormsError              anything this package raises on purpose
     ├── UsageError              a bad option, form or stage name (CLI exit 2; also a ValueError)
     ├── TemplateError           a template is missing or broken
     ├── RenderError             a value cannot be written into the file format (where)
     ├── ParseError              a file could not be read (path, where)
     │    └── NotAFormError      the file reads, but holds no annex we know (no title, no fields)
     └── FormValidationError     data has problems (carries the issues)

Exit codes of the ``fupin-forms`` command: 0 all is well; 1 the data has problems (a file
could not be read, a form is not ready, a record was skipped); 2 usage error (bad option,
unknown form name, nothing to read); 3 internal error (a bug: please report it).

Messages are in Chinese, one line, and quote the bad value and where it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rules import Issue

__all__ = [
    "FormValidationError",
    "FupinFormsError",
    "NotAFormError",
    "ParseError",
    "RenderError",
    "TemplateError",
    "UsageError",
]


def _one_line(message: str) -> str:
    message = " ".join(message.split())  # one line, whatever a library's error text held
    return message[:300] + "…" if len(message) > 300 else message


class FupinFormsError(Exception):
    """Base class: every error this package raises on purpose."""


class UsageError(FupinFormsError, ValueError):
    """A bad option, form name, stage or argument.

    Also a ``ValueError``: code written when ``resolve_form_id`` raised a bare ValueError
    keeps working."""


class TemplateError(FupinFormsError):
    """A template is missing or cannot be rendered."""


class RenderError(FupinFormsError):
    """A value cannot be written whole into the output format. ``where`` names the place
    (a cell such as ``台帐!C4``, a field), if known."""

    def __init__(self, message: str, where: str | None = None) -> None:
        self.message = _one_line(message)
        self.where = where
        super().__init__(f"{where}：{self.message}" if where else self.message)


class ParseError(FupinFormsError):
    """A file could not be read. ``path`` is the file; ``where`` the place in it, if known."""

    def __init__(self, message: str, path: str | None = None, where: str | None = None) -> None:
        self.message = _one_line(message)
        self.path = path
        self.where = where
        parts = [p for p in (path, where) if p]
        super().__init__(f"{'：'.join(parts)}：{self.message}" if parts else self.message)


class NotAFormError(ParseError):
    """The file is a readable document but no annex we know: no 附件3/4/5 title, no form
    fields. For a PDF this is the sign to try reading it as a scan (an image-only PDF)."""


class FormValidationError(FupinFormsError):
    """The data has problems; ``issues`` lists them, located."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        first = issues[0].message if issues else ""
        super().__init__(f"{len(issues)} 个问题：{first}")
