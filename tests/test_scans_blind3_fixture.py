"""The third blind scan set (tests/fixtures/scans_blind3, written from the seed alone) is whole:
its own self-check passes (expectations validate against the schemas, every file opens with
the pages the manifest says), and the README's table is the manifest's. It is a measure, not a
target: the note of each round reports it; nothing in src/ is tuned on it."""
from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent / "fixtures" / "scans_blind3"


def _check_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("check_blind3", HERE / "check_blind3.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_set_is_present_and_checks_clean(capsys) -> None:  # type: ignore[no-untyped-def]
    assert (HERE / "manifest.json").is_file(), "committed blind set missing"
    assert _check_module().main([]) == 0, capsys.readouterr().out


def test_readme_table_is_the_manifest() -> None:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    assert _check_module().table(HERE) in readme
