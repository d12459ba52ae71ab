"""ruff and mypy (strict) stay clean on src/: run as tests so CI keeps them so."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


def test_ruff_clean() -> None:
    pytest.importorskip("ruff", reason="ruff is in the test extra; not installed here")
    paths = [p for p in ("src", "tests", "bench", "tools") if (ROOT / p).is_dir()]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *paths], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_clean() -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra; not installed here")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "src/fupin_forms"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
