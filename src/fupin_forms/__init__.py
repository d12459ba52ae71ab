"""fupin-forms: the forms of the Shandong 科协 precision poverty-alleviation expert service action.

Generate blank and prefilled forms (附件3–5), read the forms that come back, check them before
each office stamps them, and turn them into validated JSON feeds.

The names below load on first use (PEP 562), so ``import fupin_forms.cli`` — and with it
``fupin-forms --help`` — does not pay for pydantic and the models until a command needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import CheckResult, check_paths, load_data_records, parse_paths, render_form
    from .errors import (
        FormValidationError,
        FupinFormsError,
        NotAFormError,
        ParseError,
        RenderError,
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
    "NotAFormError",
    "ParseError",
    "RenderError",
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

_EXPORTS = {
    "api": "CheckResult check_paths load_data_records parse_paths render_form",
    "errors": "FormValidationError FupinFormsError NotAFormError ParseError RenderError "
    "TemplateError UsageError",
    "models": "Annex2 Annex3 Annex4 Annex5 Category LedgerEntry Review Reviews Village "
    "load_quota resolve_form_id",
    "records": "ValidatedRecord detect_form validate_record",
    "rules": "STAGES Issue check_plan_rules check_stage",
}
_HOME = {name: module for module, names in _EXPORTS.items() for name in names.split()}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'fupin_forms' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
