"""Reading budgets: how much work any one input file may cost, checked while it is read.

A cap on file size is not enough: a 5 KB workbook can merge cells down to row 1,048,576, a
733-byte PDF can ask for five 5000-point pages, a 3 KB PDF can point its form fields back at
themselves. Every reader spends from these budgets as it works and stops with
``BudgetExceeded``, a one-line refusal naming the budget, the moment one runs out.

The defaults fit real forms with a wide margin (a 60-entry ledger, a three-page PDF, a
600-dpi A3 scan) and keep every input under about 10 s and 500 MB on one core. They are
settings that resolve themselves (pdfplumber's ``TableSettings``): ``Budgets.resolve(None)``
is the defaults scaled by ``FUPIN_FORMS_BUDGET_SCALE`` (set by ``fupin-forms
--budget-scale N``), a dict overrides single budgets, an instance is used as is.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

from .errors import ParseError

__all__ = ["ENV_SCALE", "BudgetExceeded", "Budgets", "budgets"]

ENV_SCALE = "FUPIN_FORMS_BUDGET_SCALE"

_NAMES_CN = {
    "file_bytes": "文件大小",
    "zip_members": "压缩包内文件数",
    "part_bytes": "单个部件解压后大小",
    "unpacked_bytes": "解压后总大小",
    "xml_nodes": "XML 节点数",
    "table_rows": "表格行数",
    "word_table_rows": "Word 表格行数",
    "table_cells": "表格单元格数",
    "pdf_objects": "PDF 对象数",
    "pdf_pages": "PDF 页数",
    "content_bytes": "PDF 内容流大小",
    "page_pixels": "每页像素数",
    "scan_pixels": "扫描件总像素数",
    "image_frames": "图像帧数",
    "text_chars": "单段文字长度",
}


@dataclass(frozen=True)
class Budgets:
    """Limits per input file. Counts are per file unless the name says per part/page."""

    file_bytes: int = 100 * 1024 * 1024
    zip_members: int = 2000
    part_bytes: int = 64 * 1024 * 1024  # one XML part, decompressed, as actually read
    unpacked_bytes: int = 300 * 1024 * 1024  # all parts together
    xml_nodes: int = 2_000_000  # start tags in one XML part (a 10,000-row ledger: ~250,000)
    table_rows: int = 50_000  # rows of one sheet (a 10,000-row ledger reads in about 2 s)
    word_table_rows: int = 1_000  # rows of one Word table (a ledger has 60; ~4 ms a row)
    table_cells: int = 500_000  # cells of all tables or sheets in one file
    pdf_objects: int = 50_000  # objects visited walking the page tree and form fields
    pdf_pages: int = 500
    content_bytes: int = 256 * 1024  # decoded content streams of all pages (our form page: <5 KB)
    page_pixels: int = 25_000_000  # a 24-MP photo, a 500-dpi A4 scan; PDF render DPI capped to fit
    scan_pixels: int = 60_000_000  # all pages of one scan (~180 MB as BGR); 15 A4 pages at 200 dpi
    image_frames: int = 50
    text_chars: int = 20_000  # one paragraph or cell matched against label patterns

    @classmethod
    def resolve(cls, value: Budgets | dict[str, Any] | None = None) -> Budgets:
        """Defaults (scaled by the environment), with a dict's entries overriding them."""
        if isinstance(value, Budgets):
            return value
        base = cls().scaled(_env_scale())
        return dataclasses.replace(base, **value) if value else base

    def scaled(self, factor: float) -> Budgets:
        """Every budget multiplied by ``factor`` (at least 1 each)."""
        if factor == 1:
            return self
        return Budgets(
            **{
                f.name: max(1, int(getattr(self, f.name) * factor))
                for f in dataclasses.fields(self)
            }
        )

    def check(self, name: str, used: int, path: str | None = None) -> None:
        """Raise ``BudgetExceeded`` if ``used`` is over the budget ``name``."""
        limit = getattr(self, name)
        if used > limit:
            raise BudgetExceeded(name, limit, path)


def _env_scale() -> float:
    raw = os.environ.get(ENV_SCALE, "").strip()
    try:
        factor = float(raw) if raw else 1.0
    except ValueError:
        return 1.0
    return factor if factor > 0 else 1.0


def budgets() -> Budgets:
    """The budgets in force now."""
    return Budgets.resolve(None)


class BudgetExceeded(ParseError):
    """An input needed more of one budget than it may use: refused, naming the budget."""

    def __init__(self, budget: str, limit: int, path: str | None = None) -> None:
        self.budget = budget
        self.limit = limit
        super().__init__(
            f"超出读取预算 {budget}（{_NAMES_CN.get(budget, budget)}，上限 {limit:,}），"
            "拒绝读取；确属正常文件可加 --budget-scale 放宽",
            path,
        )
