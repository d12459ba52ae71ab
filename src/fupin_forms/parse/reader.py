"""Read any supported file into ``ParsedForm`` objects, choosing the parser by content type.

JSON files are read here; each office-document format has its parser in ``parse/``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..budgets import BudgetExceeded
from ..errors import FupinFormsError, NotAFormError, ParseError, UsageError
from ..models import resolve_form_id
from ._preflight import check_file
from ._result import FieldSource, ParsedForm

__all__ = ["SUPPORTED_SUFFIXES", "input_files", "iter_input_files", "read_forms"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
SUPPORTED_SUFFIXES = (
    ".json",
    ".jsonl",
    ".docx",
    ".doc",
    ".wps",
    ".pdf",
    ".xlsx",
    ".xlsm",
    *IMAGE_SUFFIXES,
)


def iter_input_files(paths: list[str | Path]) -> list[Path]:
    """Files as given, and the supported files under any folder (recursive, sorted)."""
    return [file for file, _root in input_files(paths)]


def input_files(paths: list[str | Path]) -> list[tuple[Path, Path]]:
    """Each input file with the folder it was named from on the command line: the folder
    given, or a file's own folder. Feeds store paths relative to it (see ``feed.shown_path``)."""
    out: list[tuple[Path, Path]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += [(p, path) for p in sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith(("~$", ".")) and not p.name.endswith(".expected.json")
            )]  # fmt: skip
        else:
            out.append((path, path.parent))
    return out


def read_forms(path: str | Path) -> list[ParsedForm]:
    """Every form in the file at ``path``; ``ParseError`` with a one-line reason otherwise.

    A broken file makes third-party parsers (zlib, zipfile, lxml, pdfminer, openpyxl …) raise
    all kinds of exceptions from deep inside; those become a ParseError naming the file as
    damaged. An exception raised in our own code is a bug and is not hidden.
    """
    try:
        return _read_forms(Path(path))
    except FupinFormsError:
        raise
    except (MemoryError, RecursionError):
        raise ParseError("文件结构异常（过大或嵌套过深），拒绝读取", str(path)) from None
    except Exception as exc:
        if _raised_in_our_code(exc):
            raise
        raise ParseError(
            f"文件已损坏或格式异常，无法读取（{type(exc).__name__}）", str(path)
        ) from None


def _raised_in_our_code(exc: BaseException) -> bool:
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    return last is not None and _PACKAGE_DIR in Path(last).resolve().parents


_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # fupin_forms/, not parse/
for _noisy in ("pdfminer", "pypdf"):  # they log every repair of a damaged PDF to stderr
    logging.getLogger(_noisy).setLevel(logging.ERROR)


def _read_forms(p: Path) -> list[ParsedForm]:
    if not p.is_file():
        raise ParseError("文件不存在", str(p))
    suffix = p.suffix.lower()
    check_file(p)
    if suffix in (".json", ".jsonl"):
        return _read_json(p)
    if suffix in (".docx", ".doc", ".wps"):
        from .docx import parse_docx

        return [parse_docx(p)]
    if suffix == ".pdf":
        from .pdf import parse_pdf

        try:
            return [parse_pdf(p)]
        except NotAFormError as exc:
            return _scan(p, exc)  # an image-only PDF: a scan of a printed form
    if suffix in IMAGE_SUFFIXES:
        return _scan(p, None)
    if suffix in (".xlsx", ".xlsm"):
        from .xlsx import parse_xlsx

        return parse_xlsx(p)
    raise ParseError(
        f"不支持的文件类型 {suffix or '（无扩展名）'}；可读：{'、'.join(SUPPORTED_SUFFIXES)}",
        str(p),
    )


def _scan(path: Path, pdf_error: ParseError | None) -> list[ParsedForm]:
    from ..scan import parse_scan

    try:
        return parse_scan(path)
    except BudgetExceeded:
        raise  # a spent budget is the reason, whatever the PDF reader said first
    except ParseError:
        if pdf_error is not None:
            raise pdf_error from None  # a digital PDF that is no annex: say that, not "no QR"
        raise


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
        except UsageError as exc:  # the name is in the file: the file is wrong, not the call
            raise ParseError(str(exc), str(path), item.where or None) from None
        source = FieldSource("json", 1.0, where=item.where or None)
        fields = {key: source for key, value in item.data.items() if value not in (None, "", [])}
        forms.append(ParsedForm(form, item.data, fields))
    return forms
