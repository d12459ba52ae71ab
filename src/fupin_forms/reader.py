"""Read any supported file into ``ParsedForm`` objects, choosing the parser by content type.

JSON files are read here; each office-document format has its parser in ``parse/``.
"""

from __future__ import annotations

from pathlib import Path

from ._preflight import check_file
from .errors import ParseError
from .models import resolve_form_id
from .parse._result import FieldSource, ParsedForm

__all__ = ["SUPPORTED_SUFFIXES", "iter_input_files", "read_forms"]

SUPPORTED_SUFFIXES = (".json", ".jsonl", ".docx", ".doc", ".wps", ".pdf")


def iter_input_files(paths: list[str | Path]) -> list[Path]:
    """Files as given, and the supported files under any folder (recursive, sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith(("~$", ".")) and not p.name.endswith(".expected.json")
            )  # fmt: skip
        else:
            out.append(path)
    return out


def read_forms(path: str | Path) -> list[ParsedForm]:
    """Every form in the file at ``path``; ``ParseError`` with a one-line reason otherwise."""
    p = Path(path)
    if not p.is_file():
        raise ParseError("文件不存在", str(p))
    suffix = p.suffix.lower()
    check_file(p)
    if suffix in (".json", ".jsonl"):
        return _read_json(p)
    if suffix in (".docx", ".doc", ".wps"):
        from .parse.docx import parse_docx

        return [parse_docx(p)]
    if suffix == ".pdf":
        from .parse.pdf import parse_pdf

        return [parse_pdf(p)]
    raise ParseError(
        f"不支持的文件类型 {suffix or '（无扩展名）'}；可读：{'、'.join(SUPPORTED_SUFFIXES)}",
        str(p),
    )


def _read_json(path: Path) -> list[ParsedForm]:
    from ._jsonio import load_json_items

    forms = []
    for item in load_json_items(path):
        if item.form is None:
            raise ParseError(
                "无法判断是哪一个附件（附件3/4/5）的数据", str(path), item.where or None
            )
        try:
            form = resolve_form_id(item.form)
        except ValueError as exc:
            raise ParseError(str(exc), str(path), item.where or None) from None
        source = FieldSource("json", 1.0, where=item.where or None)
        fields = {key: source for key, value in item.data.items() if value not in (None, "", [])}
        forms.append(ParsedForm(form, item.data, fields))
    return forms
