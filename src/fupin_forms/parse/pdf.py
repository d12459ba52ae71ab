"""Read a filled annex back from a PDF: form fields first, else text by position.

* ``acroform``: a fillable PDF (ours, or one filled by pdftk, pypdf, Acrobat …) has its
  values in the fields, named by JSON path; check boxes count as ticked unless ``/Off``.
* ``text``: a flattened or printed-to-PDF copy has only text. The table's ruling lines give
  the cells (``_pdf_grid``) and the reading core finds values by their labels, whatever the
  layout. Our own flattened PDFs (producer ``fupin-forms``) keep the exact positional reader
  (``_pdf_text``); a PDF with no ruled table at all falls back to it at low confidence.

The form is recognised by its printed title (附件3/4/5), its field names, or its labels.
Field values are read by walking the form-field tree once under the object budget: a faster
PDFium path was tried and dropped, since PDFium's own walk of a field tree whose kids share
objects (a 3 KB file) does not end (tests/test_hostile_round2.py, kids-cycle). Speed comes
instead from two quick readers that fall back to pdfminer on anything unexpected and give
what it gives: ``_pdf_objects`` (the field dictionaries) and ``_pdf_own`` (our flattened
pages without pdfminer's layout).
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdftypes import PDFObjRef
from pdfminer.psparser import PSLiteral

from ..budgets import Budgets, budgets
from ..errors import NotAFormError, ParseError
from ..layout import PAGES, Field, Page
from ._pdf_data import Collector
from ._pdf_fields import field_value, text_of
from ._pdf_grid import pdf_sheet
from ._pdf_guard import ObjectWalk, check_content, count_pages
from ._pdf_objects import ObjectReader
from ._pdf_own import own_pdf
from ._pdf_text import page_lines, read_text
from ._result import FieldSource, ParsedForm
from .core import POSITION, detect_sheet, detect_title, read_sheet

__all__ = ["MAX_PAGES", "parse_pdf"]

Source = str | Path | bytes | IO[bytes]


def parse_pdf(source: Source) -> ParsedForm:
    """Values of the annex in ``source`` (a path, bytes or a binary file object)."""
    name = str(source) if isinstance(source, str | Path) else None
    stream: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        pdf = pdfplumber.open(stream)
    except Exception as exc:
        raise ParseError(_open_error(exc), name) from exc
    limits = budgets()
    try:
        count_pages(pdf.doc, limits, name)  # walked, before pdfminer builds any page
    except BaseException:
        if not pdf.stream_is_external:  # not pdf.close(): that builds every page in the tree
            pdf.stream.close()
        raise
    with pdf:
        if not pdf.pages:
            raise ParseError("PDF 没有页面", name)
        check_content(pdf.pages, limits, name)
        fields, notes = _acroform(pdf, ObjectWalk(limits, name), ObjectReader(pdf.doc, pdf.stream))
        # Our own field names say which annex it is; only otherwise lay out page 1's text
        # (pdfminer's layout analysis is most of the time spent on a fillable form).
        page = _detect([], fields) if fields else None
        if page is not None and any(_known(page, key) for key in fields):
            return _from_fields(page, fields, notes)
        ours = (pdf.metadata or {}).get("Producer") == "fupin-forms"
        # our flattened pages hold only what our writer draws: read without pdfminer's
        # layout when every page is made of those operators alone (_pdf_own)
        view = (own_pdf(pdf) or pdf) if ours else pdf
        if page is None and ours:
            page = _detect(page_lines(view.pages[0]), fields)
        if page is not None and ours:
            return read_text(page, view)
        sheet = pdf_sheet(pdf)
        form = detect_title("\n".join(sheet.paragraphs[:12])) or detect_sheet(sheet)
        if form is None:
            raise NotAFormError("无法识别表格：找不到附件3/4/5 的标题、栏目或表单字段", name, "第1页")
        if sheet.position_only:
            return _low(read_text(PAGES[form], pdf))
        return read_sheet(form, sheet, "text")


def _low(parsed: ParsedForm) -> ParsedForm:
    """Values placed by position alone, with no ruled cell to confirm them: for review."""
    for key, src in parsed.fields.items():
        parsed.fields[key] = FieldSource(src.method, min(src.confidence, POSITION), src.page,
                                         src.bbox, src.where)  # fmt: skip
    parsed.warnings.append("PDF 中找不到表格线，按文字位置读取，请逐项核对")
    return parsed


MAX_PAGES = Budgets().pdf_pages  # a ledger of 60 entries is a few pages; thousands is no form


def _open_error(exc: Exception) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, PDFPasswordIncorrect):
            return "PDF 已加密，需要打开密码；请先用密码打开并另存为不加密的 PDF 再读取"
        cause = cause.__cause__ or (
            cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        )
    return f"无法打开 PDF：{exc}"


def _detect(lines: list[str], fields: dict[str, Any]) -> Page | None:
    text = "".join("".join(line.split()) for line in lines)
    for page in PAGES.values():
        if page.title in text:
            return page
    keys = {k.split("[")[0].split(".")[0].split("=")[0] for k in fields}
    if keys & {"unit_name", "unit_head", "contact_person"}:
        return PAGES["annex3"]
    if keys & {"applicant_name", "category", "expert_signed", "specialty"}:
        return PAGES["annex4"]
    if keys & {"entries", "county", "expert"}:
        return PAGES["annex5"]
    return None


# -- AcroForm ------------------------------------------------------------------------------


Fields = dict[str, tuple[str | bool | None, int | None, Any]]


def _acroform(pdf: Any, walk: ObjectWalk, objects: ObjectReader) -> tuple[Fields, dict[str, str]]:
    """Full field name → (value, page number, rect) for every terminal field.

    Kids are walked once each (a kid pointing back at its parent is a cycle, not a hang),
    every object visited is counted against ``pdf_objects``. What a value means is decided
    by ``_pdf_values.field_value``: the appearance a viewer shows wins over ``/V``. Objects
    are resolved by ``objects`` (plain dictionaries without pdfminer's tokenizer)."""
    resolve = objects.resolve
    catalog = pdf.doc.catalog
    acro = resolve(catalog.get("AcroForm")) if catalog else None
    if not isinstance(acro, dict):
        return {}, {}
    pages = {p.page_obj.pageid: p.page_number for p in pdf.pages}
    out: Fields = {}
    notes: dict[str, str] = {}
    stack: list[tuple[Any, str, Any]] = [
        (ref, "", None) for ref in reversed(_list(resolve(acro.get("Fields"))))
    ]
    while stack:
        ref, prefix, ft = stack.pop()
        if not walk.first(ref):
            continue
        obj = resolve(ref)
        if not isinstance(obj, dict):
            continue
        t = obj.get("T")
        name = prefix
        if t is not None:
            part = text_of(resolve(t))
            name = f"{prefix}.{part}" if prefix else part
        ft = obj.get("FT", ft)
        kid_refs = _list(resolve(obj.get("Kids")))
        kids = []
        for k in kid_refs:
            walk.step()
            kids.append(resolve(k))
        if any(isinstance(k, dict) and "T" in k for k in kids):
            stack.extend((kid, name, ft) for kid in reversed(kid_refs))
            continue
        widgets = [k for k in kids if isinstance(k, dict)] or [obj]
        first = widgets[0]
        page_ref = first.get("P")
        page = pages.get(page_ref.objid) if isinstance(page_ref, PDFObjRef) else None
        value, note = field_value(_literal(resolve(ft)), obj, widgets)
        if note:
            notes[name] = note
        out[name] = (value, page, resolve(first.get("Rect")))
    return out, notes


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _literal(value: Any) -> str | None:
    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)
    return None


def _known(page: Page, key: str) -> Field | None:
    """The concrete layout field named ``key`` (``villages[2].phone``), or None."""
    return _field_named(page.form_id, key)


@lru_cache(maxsize=4096)
def _field_named(form_id: str, key: str) -> Field | None:
    page = PAGES[form_id]
    generic = key
    index = None
    if "[" in key:
        head, _, rest = key.partition("[")
        num, _, tail = rest.partition("]")
        if not num.isdigit():
            return None
        index, generic = int(num), f"{head}[{{i}}]{tail}"
    try:
        f = page.field(generic)
    except KeyError:
        return None
    return f.at(index) if index is not None else f


NOTED_CONFIDENCE = 0.5  # a value the file contradicts itself about goes to a person


def _from_fields(page: Page, fields: Fields, notes: dict[str, str]) -> ParsedForm:
    out = Collector(page)
    out.warnings += [f"字段 {key}：{note}" for key, note in notes.items()]
    for key, (value, page_no, rect) in fields.items():
        f = _known(page, key)
        if f is None:
            out.warnings.append(f"未知的表单字段：{key}")
            continue
        bbox = None
        if (
            isinstance(rect, list)
            and len(rect) == 4
            and all(isinstance(v, int | float) for v in rect)
        ):
            x0, y0, x1, y1 = (float(v) for v in rect)  # a damaged /Rect just loses its bbox
            bbox = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        confidence = NOTED_CONFIDENCE if key in notes else 1.0
        out.put(f, value, FieldSource("acroform", confidence, page_no, bbox, where=f"字段 {key}"))
    return out.finish("acroform")
