"""fupin-forms: the forms of the Shandong 科协 precision poverty-alleviation expert service action.

Generate blank and prefilled forms (附件3–5), read the forms that come back, check them before
each office stamps them, and turn them into validated JSON feeds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # the names below load lazily: ``fupin-forms --help`` needs none of them
    from .api import CheckResult, check_paths, load_data_records, parse_paths, render_form
    from .errors import (
        FormValidationError,
        FupinFormsError,
        ParseError,
        TemplateError,
        UsageError,
    )
    from .models import (
        Annex2,
        Annex3,
        Annex4,
        Annex5,
        Category,
        LedgerEntry,
        Review,
        Reviews,
        Village,
        load_quota,
        resolve_form_id,
    )
    from .records import ValidatedRecord, detect_form, validate_record
    from .rules import STAGES, Issue, check_plan_rules, check_stage

_HOMES = {
    "api": ("CheckResult", "check_paths", "load_data_records", "parse_paths", "render_form"),
    "errors": (
        "FormValidationError", "FupinFormsError", "ParseError", "TemplateError", "UsageError",
    ),
    "models": (
        "Annex2", "Annex3", "Annex4", "Annex5", "Category", "LedgerEntry", "Review", "Reviews",
        "Village", "load_quota", "resolve_form_id",
    ),
    "records": ("ValidatedRecord", "detect_form", "validate_record"),
    "rules": ("STAGES", "Issue", "check_plan_rules", "check_stage"),
}
_WHERE = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    """The public names, imported on first use (PEP 562)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'fupin_forms' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "STAGES",
    "Annex2",
    "Annex3",
    "Annex4",
    "Annex5",
    "Category",
    "CheckResult",
    "FormValidationError",
    "FupinFormsError",
    "Issue",
    "LedgerEntry",
    "ParseError",
    "Review",
    "Reviews",
    "TemplateError",
    "UsageError",
    "ValidatedRecord",
    "Village",
    "__version__",
    "check_paths",
    "check_plan_rules",
    "check_stage",
    "detect_form",
    "load_data_records",
    "load_quota",
    "parse_paths",
    "render_form",
    "resolve_form_id",
    "validate_record",
]
