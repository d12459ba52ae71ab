"""The public-disclosure list: approved projects only, nothing personal in it."""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from fupin_forms.cli import main

from .conftest import load, sample_files

PERSONAL_KEYS = ("phone", "email", "address", "postcode", "contact", "contact_person", "unit_head")


def personal_values() -> set[str]:
    values: set[str] = set()
    for path in sample_files():
        data = load(path)
        for key in PERSONAL_KEYS:
            if data.get(key):
                values.add(str(data[key]))
        for village in data.get("villages", []):
            values |= {str(village[k]) for k in ("contact", "phone") if village.get(k)}
    return values


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    out = tmp_path / "feed.jsonl"
    assert (
        CliRunner().invoke(main, ["parse", *map(str, sample_files()), "-o", str(out)]).exit_code
        == 0
    )
    return out


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_disclosure_has_projects_and_no_personal_data(
    feed: Path, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"公示{suffix}"
    result = CliRunner().invoke(main, ["publish", str(feed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        xml = html.unescape(
            "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        )
    for project in (
        "沂蒙山区苹果、桃提质增效技术帮扶",
        "科普大篷车进贫困村巡回展",
        "孟庆华",
        "沂水县院东头镇桃棵子村",
    ):
        assert project in xml
    leaked = [v for v in personal_values() if v in xml]
    assert leaked == []
    assert "4 个项目" in result.output


def test_unapproved_projects_are_not_published(tmp_path: Path) -> None:
    data = load(sample_files()[3])
    data["reviews"]["city_cast"]["stamped"] = False
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"form": "annex4", "status": "complete", "data": data}, ensure_ascii=False)
        + "\n",
        "utf-8",
    )
    result = CliRunner().invoke(main, ["publish", str(feed), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 0 and "0 个项目" in result.output


def test_publish_rejects_other_suffix(feed: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["publish", str(feed), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
