"""The held-out blind-7 scan fixture is consistent (files, expected records, manifest).  No reader runs."""
import importlib.util
import pathlib

HERE = pathlib.Path(__file__).parent / "fixtures" / "scans_blind7"


def test_scans_blind7_fixture_is_consistent():
    spec = importlib.util.spec_from_file_location("check_blind7", HERE / "check_blind7.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    errs, _total, pages = mod.check(str(HERE))
    assert not errs, errs
    assert pages >= 30
