"""The foreign-layout corpus (tests/fixtures/foreign) is whole and agrees with its documents.

Why: readers are scored against these hand-set expectations; a missing .doc/.pdf, an
expected file that breaks the schema, or an expected value that is not on the page would
make the score meaningless. Reads only files under tests/fixtures/foreign.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from pathlib import Path
from typing import Any

import docx
import pytest

FOREIGN = Path(__file__).parent / "fixtures" / "foreign"
STEMS = sorted(p.stem for p in FOREIGN.glob("*.docx"))
NOT_VERBATIM = {"filled_on", "signed_on", "date", "seq", "participants", "stamped", "expert_signed"}


def _check_module() -> Any:
    spec = importlib.util.spec_from_file_location("check_corpus", FOREIGN / "check_corpus.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _doc_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]

    def walk(tables: Any) -> None:
        for t in tables:
            for row in t.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    walk(cell.tables)

    walk(d.tables)
    return "\n".join(parts)


def _leaves(obj: Any, key: str = "") -> list[tuple[str, Any]]:
    if isinstance(obj, dict):
        return [x for k, v in obj.items() if not k.startswith("_") for x in _leaves(v, k)]
    if isinstance(obj, list):
        return [x for v in obj for x in _leaves(v, key)]
    return [(key, obj)]


def test_corpus_is_whole_and_valid() -> None:
    assert len(STEMS) >= 33
    for prefix in ("a3_", "a4_", "a5_"):
        assert sum(s.startswith(prefix) for s in STEMS) >= 10
    assert _check_module().problems() == []


@pytest.mark.parametrize("stem", STEMS)
def test_conversions_are_real_files(stem: str) -> None:
    assert (FOREIGN / f"{stem}.pdf").read_bytes()[:5] == b"%PDF-"
    assert (FOREIGN / f"{stem}.doc").read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")


@pytest.mark.parametrize("stem", STEMS)
def test_expected_text_values_are_on_the_page(stem: str) -> None:
    data = json.loads((FOREIGN / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
    alts = [a for v in data.get("_alt", {}).values() for a in v]
    # NFKC: a value typed in full-width digits (２７２５００) is the same value on the page
    text = unicodedata.normalize("NFKC", _doc_text(FOREIGN / f"{stem}.docx"))
    for key, val in _leaves(data):
        if val is None or key in NOT_VERBATIM:
            continue
        for line in str(val).split("\n"):
            assert unicodedata.normalize("NFKC", line) in text or any(a in text for a in alts), (stem, key, line)
