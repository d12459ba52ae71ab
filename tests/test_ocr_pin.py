"""The scan reader uses two parts of RapidOCR that are not its public API; the pin in
pyproject.toml must hold the installed version, and those parts must be there."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _requirement(name: str) -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    return next(r for r in reqs if r.name == name)


def test_installed_rapidocr_is_in_the_tested_range() -> None:
    req = _requirement("rapidocr")
    assert req.specifier.contains(version("rapidocr")), (str(req), version("rapidocr"))
    assert any(s.operator == "<" for s in req.specifier), "upper bound: private API in use"


def test_the_private_parts_we_call_exist() -> None:
    from rapidocr import RapidOCR
    from rapidocr.ch_ppocr_rec import TextRecInput

    assert callable(RapidOCR._load_rec_model)
    assert {"img", "return_word_box"} <= set(TextRecInput.__dataclass_fields__)
