"""The blind6 held-out scans stay self-consistent (manifest, expected records, files).

Runs tests/fixtures/scans_blind6/check_blind6.py only; never the reader (the set is held out:
it is scored once by the integrator, not tuned on).
"""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).parent / "fixtures" / "scans_blind6"


def _check_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_blind6", HERE / "check_blind6.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_blind6_set_is_consistent() -> None:
    problems = _check_module().check(str(HERE))
    assert problems == []
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    layouts = {m["layout"] for m in manifest.values()}
    assert layouts == {"ours_marked", "ours_unmarked", "retyped", "retyped_ledger"}
    assert len(manifest) >= 30


def test_check_finds_a_broken_copy(tmp_path: Path) -> None:
    """The check is not a rubber stamp: a wrong page count, a bad date and a stray file fail."""
    mod = _check_module()
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    stem = next(s for s, m in manifest.items() if m["file"].endswith(".jpg"))
    (tmp_path / "expected").mkdir()
    shutil.copy(HERE / manifest[stem]["file"], tmp_path / manifest[stem]["file"])
    rec = json.loads((HERE / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
    rec["filled_on"] = "2016/8/5"
    (tmp_path / "expected" / f"{stem}.json").write_text(json.dumps(rec, ensure_ascii=False),
                                                        encoding="utf-8")
    bad = {stem: dict(manifest[stem], pages=2)}
    (tmp_path / "manifest.json").write_text(json.dumps(bad, ensure_ascii=False),
                                            encoding="utf-8")
    (tmp_path / "stray.pdf").write_bytes(b"%PDF-1.4\n")
    problems = "\n".join(mod.check(str(tmp_path)))
    assert "pages" in problems
    assert "YYYY-MM-DD" in problems
    assert "stray.pdf: not in manifest.json" in problems
