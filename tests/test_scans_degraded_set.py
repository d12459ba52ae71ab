"""The degraded-scan fixture set (tests/fixtures/scans_degraded, issue 12) stays whole and honest.

Every page has an expected record that validates against its form's schema, every condition of
the generator is present, the folder stays small enough to commit, and the generator still
reproduces a committed page (so the expectations describe the pages, not an older version).
"""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from PIL import Image

from .conftest import ROOT

SET = ROOT / "tests" / "fixtures" / "scans_degraded"
FONTS = [Path("/usr/share/fonts/truetype/arphic/ukai.ttc"), Path("/usr/share/fonts/truetype/arphic/uming.ttc")]


def manifest() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads((SET / "manifest.json").read_text("utf-8"))
    return data


def test_every_page_has_a_valid_expected_record() -> None:
    m = manifest()
    assert 25 <= sum(int(str(v["pages"])) for v in m.values()) <= 40
    for stem, info in m.items():
        assert (SET / str(info["file"])).is_file(), stem
        assert "." not in stem  # score_feed.py matches on the part of the name before the first dot
        data = json.loads((SET / "expected" / f"{stem}.json").read_text("utf-8"))
        schema = json.loads((ROOT / "schemas" / f"{info['form']}.schema.json").read_text("utf-8"))
        jsonschema.validate(data, schema)
        assert any(v not in (None, [], {}) for v in data.values()), stem


def test_every_condition_is_present_and_the_folder_is_small() -> None:
    sys.path.insert(0, str(SET))
    try:
        make_set = importlib.import_module("make_set")
    finally:
        sys.path.remove(str(SET))
    conditions = {str(v["condition"]) for v in manifest().values()}
    assert conditions == set(make_set.CONDITIONS)
    size = sum(p.stat().st_size for p in SET.rglob("*") if p.is_file() and ".forms_cache" not in p.parts
               and "__pycache__" not in p.parts)
    assert size < 12 * 1024 * 1024
    assert not list(SET.glob("*.png"))


@pytest.mark.interop
@pytest.mark.skipif(not all(f.exists() for f in FONTS), reason="fonts-arphic-ukai/uming not installed")
def test_generator_reproduces_a_committed_page(tmp_path: Path) -> None:
    """The bi-level page is stored losslessly (TIFF G4), so the regenerated pixels must match."""
    sys.path.insert(0, str(SET))
    try:
        make_set = importlib.import_module("make_set")
        stem = next(s for s, v in manifest().items() if v["condition"] == "bilevel150" and v["form"] == "annex5")
        cond, spec = "bilevel150", "annex5"
        pages, rec, notes = make_set.build(stem, cond, spec, 2016, tmp_path / "cache")
    finally:
        sys.path.remove(str(SET))
    committed = json.loads((SET / "expected" / f"{stem}.json").read_text("utf-8"))
    assert rec == committed
    assert notes["writer"] == manifest()[stem]["writer"]
    on_disk = np.asarray(Image.open(SET / f"{stem}.tif").convert("L"))
    assert on_disk.shape == pages[0].shape
    assert float(np.mean(on_disk != pages[0])) < 0.001
