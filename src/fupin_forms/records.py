"""From raw values to a validated record: pydantic for wrong values, the rules for the rest.

A wrong value (a phone that is not one) makes a record *invalid*; a missing one makes it
*incomplete*. Both are reported as located ``Issue`` records; the wrong value is set aside so
the rest of the record can still be checked.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from .models import Category, FormModel, model_for
from .rules import MISSING_CODES, Issue, check_plan_rules, check_stage, join_path, label_of

if TYPE_CHECKING:  # a type only: records sit below the readers
    from .parse import ParsedForm

__all__ = [
    "Status",
    "ValidatedRecord",
    "detect_form",
    "status_of",
    "validate_parsed",
    "validate_record",
]

Status = Literal["complete", "incomplete", "invalid"]
_MAX_PASSES = 50


@dataclass
class ValidatedRecord:
    form: str
    model: FormModel
    issues: list[Issue] = field(default_factory=list)

    @property
    def status(self) -> Status:
        return status_of(self.issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]


def status_of(issues: list[Issue]) -> Status:
    errors = [i for i in issues if i.severity == "error"]
    if any(i.code not in MISSING_CODES for i in errors):
        return "invalid"
    return "incomplete" if errors else "complete"


def detect_form(data: dict[str, Any]) -> str | None:
    """Which annex a bare data object is, from its keys (a feed record says so itself)."""
    if isinstance(data.get("form"), str):
        return str(data["form"])
    keys = set(data)
    if keys & {"entries", "county", "expert"}:
        return "annex5"
    if keys & {"unit_name", "unit_head", "contact_person"}:
        return "annex3"
    if keys & {"applicant_name", "employer", "specialty", "title", "category", "expert_signed"}:
        return "annex4"
    return None


def validate_record(form: str, data: dict[str, Any], stage: str = "applicant") -> ValidatedRecord:
    """Validate ``data`` as ``form``; every problem becomes an Issue, nothing is raised."""
    model_cls = model_for(form)
    data = copy.deepcopy(data)
    issues = _pre_rules(model_cls.form_id, data)  # type: ignore[attr-defined]
    model: FormModel | None = None
    for _ in range(_MAX_PASSES):
        try:
            model = model_cls.model_validate(data)
            break
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            issues += [_issue_from_error(model_cls, err) for err in errors]
            if not all(_drop(data, err["loc"]) for err in errors):
                break
    if model is None:
        model = model_cls()
    invalid_paths = {i.path for i in issues}
    for issue in check_stage(model, stage) + check_plan_rules(model):
        if issue.path not in invalid_paths:
            issues.append(issue)
    return ValidatedRecord(model_cls.form_id, model, issues)  # type: ignore[attr-defined]


def validate_parsed(parsed: ParsedForm, stage: str = "applicant") -> ValidatedRecord:
    """Validate what a reader read: the reader's own issues (two boxes ticked, a date that
    is no date, a stamp seen only as a picture) come first, the validator's after."""
    checked = validate_record(parsed.form, parsed.data, stage)
    if parsed.issues:
        checked.issues[:0] = parsed.issues
    return checked


def _pre_rules(form: str, data: dict[str, Any]) -> list[Issue]:
    """Rules that need the raw data: several categories ticked, a unit with a category."""
    issues = []
    category = data.get("category")
    if form == "annex4" and isinstance(category, list | tuple):
        ticked = [c for c in category if c]
        if len(ticked) == 1:
            data["category"] = ticked[0]
        elif len(ticked) > 1:
            issues.append(
                Issue(
                    "category_multiple",
                    "category",
                    "error",
                    f"项目类别只能选一项，实选 {len(ticked)} 项：{'、'.join(map(str, ticked))}",
                    "tick exactly one project category",
                )
            )
            data["category"] = None
        else:
            data["category"] = None
    if form == "annex3" and "category" in data:
        if data["category"] not in (None, "", Category.SCIENCE_EDUCATION.value):
            issues.append(
                Issue(
                    "unit_category",
                    "category",
                    "error",
                    f"单位只申报科普教育类项目，不能申报 {data['category']}（附件3 备注）",
                    "a unit may apply only for 科普教育类 projects",
                )
            )
        del data["category"]
    return issues


def _issue_from_error(model_cls: type[FormModel], err: Any) -> Issue:
    path = join_path(*err["loc"])
    ctx_error = (err.get("ctx") or {}).get("error")
    if err["type"] == "extra_forbidden":
        return Issue("unknown_field", path, "error", f"未知字段：{path}", f"unknown field {path}")
    message = str(ctx_error) if ctx_error else _PYDANTIC_CN.get(err["type"], err["msg"])
    if "{" in message:
        message = message.format(**(err.get("ctx") or {}))
    label = label_of(model_cls, path) or "记录"
    return Issue("invalid", path, "error", f"{label}：{message}", f"{path}: {err['msg']}")


def _drop(data: Any, loc: tuple[Any, ...]) -> bool:
    """Remove the value at ``loc`` so the next pass validates the rest; False if it can't."""
    if not loc:
        return False
    parent = data
    for key in loc[:-1]:
        try:
            parent = parent[key]
        except (KeyError, IndexError, TypeError):
            return False
    last = loc[-1]
    if isinstance(parent, dict) and last in parent:
        if last in _LIST_KEYS and not isinstance(parent[last], list):
            parent[last] = []
        else:
            del parent[last]
        return True
    if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        if parent[last] == {}:
            return False
        parent[last] = {}
        return True
    return False


_LIST_KEYS = {"villages", "entries"}
_PYDANTIC_CN = {
    "greater_than_equal": "不能小于 {ge}",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 是/否（true/false）",
    "bool_type": "应为 是/否（true/false）",
    "list_type": "应为列表",
    "string_type": "应为文字",
    "model_type": "应为对象 {{…}}",
    "model_attributes_type": "应为对象 {{…}}",
    "dict_type": "应为对象 {{…}}",
    "enum": "应为以下之一：{expected}",
    "date_type": "应为日期",
}
