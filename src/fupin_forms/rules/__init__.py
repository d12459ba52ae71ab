"""Rules as pure functions: a record in, a list of located ``Issue`` records out."""

from __future__ import annotations

from ._issue import MISSING_CODES, Issue, Severity, join_path
from ._labels import label_of
from .annex1 import PLAN_YEARS, check_plan_rules
from .completeness import STAGES, check_stage, stage_index

__all__ = [
    "MISSING_CODES",
    "PLAN_YEARS",
    "STAGES",
    "Issue",
    "Severity",
    "check_plan_rules",
    "check_stage",
    "join_path",
    "label_of",
    "stage_index",
]
