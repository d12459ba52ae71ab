"""Names the command line offers as choices: review stages, output formats, the file-name
pattern. This module imports nothing, so ``fupin-forms --help`` starts without loading
pydantic and the models; ``rules``, ``api`` and ``naming`` re-export these names."""

from __future__ import annotations

from typing import Final

__all__ = ["DEFAULT_PATTERN", "FORMATS", "STAGES"]

# The review stages in stamping order: the applicant fills in, then each office stamps.
STAGES: Final = (
    "applicant",
    "unit",
    "county-poverty-office",
    "county-cast",
    "city-cast",
    "province",
)
FORMATS: Final = ("docx", "pdf", "xlsx")
DEFAULT_PATTERN: Final = "{city}-{name}-{annex}"
