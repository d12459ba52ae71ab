"""The blind4 scan set is consistent (expected files valid, files open, totals agree).

It does not run the reader: the set is the held-out measure and nobody tunes on it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent / "fixtures" / "scans_blind4"


def _checker():
    spec = importlib.util.spec_from_file_location("check_blind4", HERE / "check_blind4.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_blind4_set_is_consistent() -> None:
    assert _checker().run(HERE) == []


def test_blind4_set_has_the_promised_size() -> None:
    import json

    manifest = json.loads((HERE / "manifest.json").read_text())
    assert len(manifest) >= 36
    assert sum(m["fields"] for m in manifest.values()) >= 1000
    assert {m["layout"] for m in manifest.values()} == {"ours_marked", "ours_unmarked", "retyped"}


def test_blind4_check_catches_a_wrong_count(tmp_path: Path) -> None:
    import json
    import shutil

    shutil.copytree(HERE / "expected", tmp_path / "expected")
    shutil.copy(HERE / "README.md", tmp_path / "README.md")
    manifest = json.loads((HERE / "manifest.json").read_text())
    for m in manifest.values():
        (tmp_path / m["file"]).symlink_to(HERE / m["file"])
    stem = next(iter(manifest))
    manifest[stem]["fields"] += 1
    (tmp_path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    errs = _checker().run(tmp_path)
    assert any(stem in e and "fields" in e for e in errs)
