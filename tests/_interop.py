"""Interop tests must not pass by skipping on CI.

Tests that drive third-party programs (LibreOffice, poppler, qpdf, pdftk, mupdf, chromium,
PostgreSQL) skip cleanly on a machine without them. ``.ci/run`` sets FUPIN_REQUIRE_INTEROP=1
once it has installed those programs; then a skip of such a test is a failure, so a broken
install cannot turn into a green run of skips.

An interop test is one marked ``@pytest.mark.interop`` or whose skip reason names one of the
programs (the safety net for tests written before the marker).
"""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import Any

import pytest

__all__ = ["INTEROP_TOOLS", "pytest_make_collect_report", "pytest_runtest_makereport"]

INTEROP_TOOLS = (
    "libreoffice", "soffice", "poppler", "pdftoppm", "pdftotext", "qpdf", "pdftk", "mupdf",
    "mutool", "chromium", "chromedriver", "postgres", "psql",
)  # fmt: skip
_VARIABLE = "FUPIN_REQUIRE_INTEROP"


def _required() -> bool:
    return os.environ.get(_VARIABLE) == "1"


def _reason(report: pytest.CollectReport | pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


def _is_interop(item: pytest.Item | pytest.Collector, reason: str) -> bool:
    marked = isinstance(item, pytest.Item) and item.get_closest_marker("interop") is not None
    return marked or any(tool in reason.lower() for tool in INTEROP_TOOLS)


def _fail(report: pytest.CollectReport | pytest.TestReport, reason: str) -> None:
    report.outcome = "failed"
    report.longrepr = f"{_VARIABLE}=1 (the tools were installed), but this interop test skipped: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.skipped and _required() and not hasattr(report, "wasxfail"):
        reason = _reason(report)
        if _is_interop(item, reason):
            _fail(report, reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, Any, None]:
    outcome = yield
    report: pytest.CollectReport = outcome.get_result()
    if report.skipped and _required():
        reason = _reason(report)
        if _is_interop(collector, reason):
            _fail(report, reason)
