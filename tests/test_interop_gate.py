"""FUPIN_REQUIRE_INTEROP=1 turns skips of interop tests into failures (and only those)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SUITE = '''
import pytest

@pytest.mark.skipif(True, reason="LibreOffice (soffice) is not installed")
def test_soffice_missing():
    pass

@pytest.mark.interop
def test_marked_interop_skips():
    pytest.skip("tool absent")

def test_other_skip():
    pytest.skip("a slow case, skipped on purpose")

@pytest.mark.xfail(reason="pdftk bug", strict=True)
def test_expected_failure():
    assert False
'''


def _run(tmp: Path, required: bool) -> subprocess.CompletedProcess[str]:
    (tmp / "test_suite.py").write_text(SUITE, encoding="utf-8")
    (tmp / "pytest.ini").write_text("[pytest]\nmarkers =\n    interop: x\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FUPIN_REQUIRE_INTEROP"}
    if required:
        env["FUPIN_REQUIRE_INTEROP"] = "1"
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests._interop", "-p", "no:cacheprovider",
         "-rA", str(tmp)],
        cwd=tmp, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_skips_pass_on_a_plain_machine(tmp_path: Path) -> None:
    run = _run(tmp_path, required=False)
    assert run.returncode == 0, run.stdout
    assert "3 skipped, 1 xfailed" in run.stdout, run.stdout


def test_interop_skips_fail_when_the_tools_were_installed(tmp_path: Path) -> None:
    run = _run(tmp_path, required=True)
    assert run.returncode == 1, run.stdout
    # a skipif skips in setup: pytest shows that failure as an error
    assert "1 failed, 1 skipped, 1 xfailed, 1 error" in run.stdout, run.stdout
    assert "ERROR test_suite.py::test_soffice_missing" in run.stdout
    assert "FAILED test_suite.py::test_marked_interop_skips" in run.stdout
