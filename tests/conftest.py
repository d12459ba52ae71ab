from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests._interop import pytest_make_collect_report, pytest_runtest_makereport

__all__ = ["pytest_make_collect_report", "pytest_runtest_makereport"]  # FUPIN_REQUIRE_INTEROP

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.json"))


def invalid_cases() -> list[Path]:
    return sorted(
        p for p in (SAMPLES / "invalid").glob("*.json") if not p.name.endswith(".expected.json")
    )


def load(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


@pytest.fixture
def expert() -> dict[str, Any]:
    """A complete, fully stamped 附件4 record (临沂, 孟庆华)."""
    return load(SAMPLES / "annex4_linyi_meng.json")  # type: ignore[no-any-return]


@pytest.fixture
def unit() -> dict[str, Any]:
    return load(SAMPLES / "annex3_binzhou_unit.json")  # type: ignore[no-any-return]


@pytest.fixture
def ledger() -> dict[str, Any]:
    return load(SAMPLES / "annex5_yishui_meng.json")  # type: ignore[no-any-return]
