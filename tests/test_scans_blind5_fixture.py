"""The blind5 held-out scan set is self-consistent (files open, expected records well formed,
totals agree with the manifest and README). It never runs the reader: the set is scored once,
by the integrator, with tools/score_feed.py."""
from __future__ import annotations

import importlib.util
from pathlib import Path

FOLDER = Path(__file__).parent / "fixtures" / "scans_blind5"


def _check_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("check_blind5", FOLDER / "check_blind5.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_blind5_set_is_consistent() -> None:
    mod = _check_module()
    assert mod.check(FOLDER) == []


def test_blind5_check_catches_a_bad_record() -> None:
    mod = _check_module()
    bad = {"county": "x", "expert": None, "filled_on": "2016.8.5", "entries": [{"seq": 2}]}
    errs = mod.check_record("annex5", bad)
    assert any("YYYY-MM-DD" in e for e in errs)
    assert any("entries" in e for e in errs)
