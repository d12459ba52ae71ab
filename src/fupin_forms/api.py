"""The public operations behind the command line: check, parse, generate.

Each works on paths and returns data; nothing here prints or exits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._names import FORMATS
from .errors import FupinFormsError, ParseError, UsageError
from .feed import error_record, file_sha256, make_record, shown_path, source_of
from .models import FormModel, model_for, resolve_form_id
from .parse import ParsedForm
from .parse.reader import input_files, iter_input_files, read_forms
from .records import ValidatedRecord, validate_parsed
from .rules import Issue, stage_index

__all__ = [
    "FORMATS",
    "CheckResult",
    "DataRecord",
    "check_paths",
    "load_data_records",
    "parse_paths",
    "render_form",
    "render_many",
]



@dataclass
class CheckResult:
    """One form checked: where it came from, and what is missing or wrong."""

    path: str
    where: str = ""
    form: str | None = None
    status: str = "error"
    issues: list[Issue] = field(default_factory=list)
    error: str | None = None
    locations: dict[str, str] = field(default_factory=dict)  # issue path → "专家!H4", "第1页"
    bug: bool = False  # the error is a fault of ours, not of the file (CLI exit 3)

    @property
    def ready(self) -> bool:
        return self.error is None and not any(i.severity == "error" for i in self.issues)


def _checked_stage(stage: str) -> str:
    stage_index(stage)  # UsageError naming the stages if unknown
    return stage


def check_paths(paths: list[str | Path], stage: str = "applicant") -> Iterator[CheckResult]:
    """Is each form under ``paths`` ready for ``stage``? Goes on past unreadable files."""
    stage = _checked_stage(stage)
    for path in iter_input_files(paths):
        try:
            results = list(_check_one(path, stage))
        except FupinFormsError as exc:
            yield CheckResult(str(path), error=_reason(exc))
            continue
        except Exception as exc:  # a bug of ours must not stop the batch: reported, exit 3
            yield CheckResult(
                str(path), error=f"内部错误（请报告）：{type(exc).__name__}", bug=True
            )
            continue
        yield from results


def _check_one(path: Path, stage: str) -> Iterator[CheckResult]:
    for parsed in read_forms(path):
        checked = validate_parsed(parsed, stage)
        where = next((s.where for s in parsed.fields.values() if s.where), "") or ""
        locations = {i.path: loc for i in checked.issues if (loc := _location(parsed, i.path))}
        yield CheckResult(
            str(path), where, checked.form, checked.status, checked.issues, None, locations
        )


def parse_paths(
    paths: list[str | Path], stage: str = "applicant", anchor: str | Path | None = None
) -> Iterator[dict[str, Any]]:
    """One feed record per form found; a file that cannot be read yields an error record.

    ``source.path`` is relative: to ``anchor`` (the feed's folder; default the working
    folder) if the file is under it, else to the folder it was named from."""
    stage = _checked_stage(stage)
    for path, root in input_files(paths):
        shown = shown_path(path, root, anchor)
        try:
            source = source_of(path, file_sha256(path), shown)
        except OSError as exc:
            yield error_record({"path": shown, "sha256": "0" * 64, "format": "json"},
                               f"无法读取文件：{exc.strerror}")  # fmt: skip
            continue
        try:
            forms = read_forms(path)
        except FupinFormsError as exc:
            yield error_record(source, _reason(exc))
            continue
        for parsed in forms:
            yield make_record(parsed, source, stage)[0]


def _location(parsed: ParsedForm, path: str) -> str | None:
    """Where in the file the value at ``path`` (or its row) was read, if the parser said."""
    while path:
        source = parsed.fields.get(path)
        if source is not None and source.method != "json" and (source.where or source.page):
            return source.where or f"第{source.page}页"
        path = path.rpartition(".")[0] if "." in path else path.rpartition("[")[0]
    return None


def _reason(exc: FupinFormsError) -> str:
    if isinstance(exc, ParseError):
        return exc.message + (f"（{exc.where}）" if exc.where else "")
    return str(exc)


@dataclass
class DataRecord:
    """A record from a data file, validated; ``where`` says which object or line it was."""

    where: str
    checked: ValidatedRecord
    locations: dict[str, str] = field(default_factory=dict)  # issue path → "专家!H4"

    @property
    def model(self) -> FormModel:
        return self.checked.model

    @property
    def invalid_issues(self) -> list[Issue]:
        return [i for i in self.checked.errors if i.code not in _INCOMPLETE_OK]


_INCOMPLETE_OK = {"missing", "not_stamped", "not_signed", "no_village", "no_entry"}


def load_data_records(form: str, path: str | Path) -> list[DataRecord]:
    """Records of ``form`` from a JSON / JSON Lines file or an Excel roster (for prefilling).

    A roster holds experts and units on separate sheets: rows of other forms are left out.
    """
    form = resolve_form_id(form)
    is_workbook = Path(path).suffix.lower() in (".xlsx", ".xlsm")
    out = []
    for parsed in read_forms(path):
        if parsed.form != form:
            if is_workbook:
                continue
            where = next((s.where for s in parsed.fields.values() if s.where), None)
            raise ParseError(f"数据是 {parsed.form} 的，不是 {form} 的", str(path), where)
        checked = validate_parsed(parsed, "applicant")
        locations = {i.path: loc for i in checked.issues if (loc := _location(parsed, i.path))}
        out.append(DataRecord(_row_of(parsed), checked, locations))
    return out


def _row_of(parsed: ParsedForm) -> str:
    """``专家!C7`` → ``专家 第7行``; a JSON record's own ``第2行`` / ``第3个对象``."""
    where = next((s.where for s in parsed.fields.values() if s.where), "") or ""
    match = re.fullmatch(r"(.+)!\$?[A-Z]+\$?(\d+)", where)
    return f"{match.group(1)} 第{match.group(2)}行" if match else where


def render_many(form: str, records: list[FormModel], fmt: str) -> bytes:
    """Several records in one file: a ledger workbook (sheet per expert) or a roster."""
    form = resolve_form_id(form)
    if fmt != "xlsx":
        raise UsageError("多条记录合为一个文件只用于 Excel（-f xlsx）")
    from .models import Annex3, Annex4, Annex5
    from .render.xlsx import render_ledger_xlsx
    from .render.xlsx_roster import render_roster

    if form == "annex5":
        return render_ledger_xlsx([r for r in records if isinstance(r, Annex5)])
    experts = [r for r in records if isinstance(r, Annex4)]
    units = [r for r in records if isinstance(r, Annex3)]
    return render_roster(experts=experts, units=units)


def render_form(
    form: str,
    record: FormModel | None,
    fmt: str = "docx",
    *,
    flatten: bool = False,
    marks: bool = False,
) -> bytes:
    """A blank (``record=None``) or prefilled form as file bytes; ``flatten``: PDF with no fields."""
    form = resolve_form_id(form)
    if record is None:
        record = model_for(form)()
    if flatten and fmt != "pdf":
        raise UsageError("--flatten 只用于 PDF（-f pdf）")
    if marks and fmt not in ("pdf", "docx"):
        raise UsageError("--marks 只用于 PDF 和 Word（-f pdf / -f docx）")
    if fmt == "docx":
        if marks:
            from .render import render_docx_marked

            return render_docx_marked(form, record)
        from .render.docx import render_docx

        return render_docx(form, record)
    if fmt == "pdf":
        from .render.pdf import render_pdf

        return render_pdf(form, record, flatten=flatten, marks=marks)
    if fmt == "xlsx":
        return render_many(form, [record], "xlsx")
    raise UsageError(f"暂不支持的格式：{fmt}；可用：{'、'.join(FORMATS)}")
