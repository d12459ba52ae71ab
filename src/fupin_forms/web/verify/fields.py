"""The rows of the verification view: every field read or needed, doubtful ones first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...models import model_for
from ...review import REVIEW_THRESHOLD, field_crops
from ...rules import label_of
from ..intake.models import Form
from ..intake.paths import get_path, split_path
from ..intake.store import stored_path


@dataclass
class Row:
    path: str
    label: str
    value: str
    confidence: float
    where: str
    crop: str | None
    problems: list[str]
    checked: bool
    why: str = ""  # the reader's reason for its doubt

    @property
    def multiline(self) -> bool:
        return "\n" in self.value or len(self.value) > 60

    @property
    def doubtful(self) -> bool:
        # a later office's missing stamp is that office's business, not a reading to check
        wrong = bool(self.problems) and not self.path.startswith("reviews.")
        return not self.checked and (self.confidence < REVIEW_THRESHOLD or wrong)


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict | list):
        return ""
    return str(value)


def rows_for(form: Form, data: dict[str, Any], corrected: set[str]) -> list[Row]:
    model = model_for(form.form)
    problems: dict[str, list[str]] = {}
    for issue in form.issues:
        if issue.get("path"):
            problems.setdefault(issue["path"], []).append(str(issue.get("message", "")))
    crops = _crops(form) if form.file.suffix not in (".json", ".jsonl") else {}
    seen: dict[str, Row] = {}
    for raw, src in (form.fields or {}).items():
        path = raw.partition("=")[0]
        value = get_path(data, path)
        if isinstance(value, dict | list):
            continue
        conf = float(src.get("confidence", 1.0))
        row = seen.get(path)
        if row is None or conf < row.confidence:
            where = src.get("where") or (f"第{src['page']}页" if src.get("page") else "")
            seen[path] = Row(
                path,
                _label(model, path),
                shown(value),
                conf,
                where,
                crops.get(raw),
                problems.get(path, []),
                path in corrected,
                str(src.get("why") or ""),
            )
    for path, notes in problems.items():  # missing or wrong values nobody read: to be filled in
        if (
            path not in seen
            and split_path(path)
            and not isinstance(get_path(data, path), dict | list)
        ):
            seen[path] = Row(
                path,
                _label(model, path),
                shown(get_path(data, path)),
                0.0,
                "",
                None,
                notes,
                path in corrected,
            )
    rows = list(seen.values())
    rows.sort(key=lambda r: (not r.doubtful, r.confidence if r.doubtful else 0))
    return rows


def _label(model: Any, path: str) -> str:
    try:
        return label_of(model, path) or path
    except Exception:  # a path the model does not know: show it as is
        return path


def _crops(form: Form) -> dict[str, str]:
    path = stored_path(form.file.sha256, form.file.suffix)
    if not path.is_file():
        return {}
    return field_crops(path, {"form": form.form, "fields": form.fields})
