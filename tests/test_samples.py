"""The bundled samples: complete ones are complete, broken ones give exactly their issues."""

from __future__ import annotations

from pathlib import Path

import pytest

from fupin_forms import validate_record
from fupin_forms.records import detect_form

from .conftest import invalid_cases, load, sample_files


def test_there_are_enough_samples() -> None:
    forms = [detect_form(load(p)) for p in sample_files()]
    assert forms.count("annex4") >= 3 and forms.count("annex3") >= 1 and forms.count("annex5") >= 2
    experts = [load(p) for p in sample_files() if detect_form(load(p)) == "annex4"]
    assert len({e["category"] for e in experts}) == 3
    assert len({e["address"][3:6] for e in experts}) == 3  # three different cities
    ledgers = [load(p) for p in sample_files() if detect_form(load(p)) == "annex5"]
    assert all(len(ledger["entries"]) >= 12 for ledger in ledgers)
    assert len(invalid_cases()) >= 5


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_samples_are_complete_up_to_the_province(path: Path) -> None:
    data = load(path)
    result = validate_record(detect_form(data) or "", data, "province")
    assert result.issues == []


@pytest.mark.parametrize("path", invalid_cases(), ids=lambda p: p.name)
def test_invalid_samples_give_their_issues(path: Path) -> None:
    expected = load(path.with_name(path.stem + ".expected.json"))
    data = load(path)
    result = validate_record(detect_form(data) or "", data, expected["stage"])
    got = sorted((i.code, i.path, i.severity) for i in result.issues)
    want = sorted((i["code"], i["path"], i["severity"]) for i in expected["issues"])
    assert got == want
    assert result.status == expected["status"]
