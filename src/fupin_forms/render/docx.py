"""Word forms from the docxtpl templates in ``templates/annex/``.

``DocxRenderer`` compiles a template once (docxtpl's own XML patching, then one Jinja
template for the whole ``word/document.xml``) and per record only renders that string and
appends it to a pre-zipped copy of the template's other parts. That is what docxtpl's
``render`` + ``save`` do, minus re-reading, re-patching and re-serialising everything each
time, which is where the naive loop spends its 50 ms.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from pydantic import BaseModel

from .._resources import resource_dir
from ..errors import TemplateError, UsageError
from ..layout import page_for
from ..models import resolve_form_id
from ._docx_context import build_context
from ._docx_zip import ZipWithOnePart

__all__ = ["DocxRenderer", "render_docx", "template_path"]

_DOCUMENT = "word/document.xml"
_LISTING_CHARS = re.compile(r"[\n\t]")


def template_path(form_id: str) -> Path:
    """``templates/annex/<form_id>.docx`` (packaged copy first, else the checkout's)."""
    try:
        path = resource_dir("templates") / "annex" / f"{form_id}.docx"
    except FileNotFoundError as exc:
        raise TemplateError(str(exc)) from exc
    if not path.is_file():
        # a user's install is broken; in a checkout, CONTRIBUTING.md says how to rebuild them
        raise TemplateError(
            f"找不到模板 {path}：安装不完整，请重新安装 fupin-forms"
            "（pip install --force-reinstall fupin-forms） / template missing: reinstall"
        )
    return path


class DocxRenderer:
    """Render many records of one annex from its docxtpl template, compiled once."""

    def __init__(self, form_id: str, template: str | Path | None = None) -> None:
        self.form_id = resolve_form_id(form_id)
        self.page = page_for(self.form_id)
        path = Path(template) if template else template_path(form_id)
        raw = path.read_bytes()
        self._docxtpl = DocxTemplate(io.BytesIO(raw))
        with zipfile.ZipFile(io.BytesIO(raw)) as src:
            source = src.read(_DOCUMENT).decode("utf-8")
        self._zip = ZipWithOnePart(raw, _DOCUMENT)
        env = jinja2.Environment(autoescape=True)
        try:
            self._template = env.from_string(self._docxtpl.patch_xml(source))
        except jinja2.TemplateError as exc:
            raise TemplateError(f"模板 {path.name} 无法编译：{exc}") from exc

    def context(self, record: BaseModel | dict[str, Any] | None) -> dict[str, Any]:
        """The Jinja context for ``record`` (a model, its JSON dump, or None for a blank)."""
        if isinstance(record, BaseModel):
            other = getattr(record, "form_id", self.form_id)
            if other != self.form_id:
                raise UsageError(f"{other} 的数据不能填入 {self.form_id} 表格")
        data = record.model_dump(mode="json") if isinstance(record, BaseModel) else record
        return build_context(self.page, data)

    def render_xml(self, record: BaseModel | dict[str, Any] | None) -> str:
        """The rendered ``word/document.xml``."""
        context = self.context(record)
        xml = self._template.render(context)
        if _needs_listing(context):
            # newlines and tabs in values become <w:br/> and <w:tab/>, exactly as docxtpl does
            xml = self._docxtpl.resolve_listing(xml)
        return xml

    def render(self, record: BaseModel | dict[str, Any] | None) -> bytes:
        """One filled (or, for None, blank) form as .docx bytes."""
        return self._zip.build(self.render_xml(record).encode("utf-8"))


def _needs_listing(context: dict[str, Any]) -> bool:
    stack: list[Any] = [context]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _LISTING_CHARS.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, SimpleNamespace):
            stack.extend(vars(item).values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


@cache
def _renderer(form_id: str) -> DocxRenderer:
    return DocxRenderer(form_id)


def render_docx(form_id: str, record: BaseModel | dict[str, Any] | None = None) -> bytes:
    """``annex3``/``annex4``/``annex5`` as .docx bytes, prefilled from ``record`` if given."""
    return _renderer(resolve_form_id(form_id)).render(record)
