"""The command line through click's CliRunner: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fupin_forms import __version__
from fupin_forms.cli import main

from .conftest import SAMPLES, sample_files


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_check_complete_samples_exit_0() -> None:
    result = run("check", *map(str, sample_files()), "--stage", "province")
    assert result.exit_code == 0, result.output
    assert result.output.count("[可以盖章]") == len(sample_files())


def test_check_reports_located_issues(tmp_path: Path, expert: dict[str, Any]) -> None:
    expert["phone"] = "0539-12"
    expert["villages"][1]["contact"] = ""
    result = run("check", str(write(tmp_path / "x.json", expert)))
    assert result.exit_code == 1
    assert "phone：联系电话：不是有效的手机或固定电话号码" in result.output
    assert "villages[1].contact：未填写" in result.output


def test_check_stage_option(tmp_path: Path, expert: dict[str, Any]) -> None:
    expert["reviews"]["county_cast"] = {"opinion": None, "stamped": False, "signed_on": None}
    path = str(write(tmp_path / "x.json", expert))
    assert run("check", path, "--stage", "county-cast").exit_code == 0
    result = run("check", path, "--stage", "city-cast")
    assert result.exit_code == 1
    assert "reviews.county_cast.stamped" in result.output


def test_check_reads_feed_records_and_json_lines(tmp_path: Path, expert: dict[str, Any]) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"form": "annex4", "data": expert},
        {"form": "annex4", "data": dict(expert, email="x")},
    ]
    feed.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    result = run("check", str(feed))
    assert result.exit_code == 1
    assert "（第1行）" in result.output and "（第2行）" in result.output
    assert "email：电子邮箱：不是有效的电子邮箱" in result.output


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"applicant_name": "孟"\n  "x": 1}', "第 2 行第 3 列"),
        ("{", "第 1 行第 2 列"),
        ('{"a": 1,}', "第 1 行第 9 列"),
    ],
)
def test_malformed_json_is_one_line_with_position(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, "utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "JSON 格式错误" in result.output and where in result.output
    assert "Traceback" not in result.output


def test_unknown_form_data_and_missing_file(tmp_path: Path) -> None:
    result = run(
        "check", str(write(tmp_path / "x.json", {"hello": 1})), str(tmp_path / "nope.json")
    )
    assert result.exit_code == 1
    assert "无法判断是哪一个附件" in result.output
    assert "文件不存在" in result.output
    assert "2 份无法读取" in result.output


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes('{"applicant_name": "孟庆华"}'.encode("gbk"))
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "UTF-8" in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("check").exit_code == 2
    assert run("check", str(SAMPLES), "--stage", "moon").exit_code == 2
    assert run("generate", "annex9").exit_code == 2
    assert run("nonsense").exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("check", str(empty)).exit_code == 2


def test_check_does_not_modify_inputs(tmp_path: Path, expert: dict[str, Any]) -> None:
    path = write(tmp_path / "x.json", dict(expert, phone="  0539 8217356 "))
    before = path.read_bytes()
    run("check", str(path))
    assert path.read_bytes() == before


def test_parse_json_writes_a_feed(tmp_path: Path) -> None:
    out = tmp_path / "feed.jsonl"
    result = run("parse", *map(str, sample_files()), "-o", str(out), "--stage", "province")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["status"] for r in records] == ["complete"] * len(sample_files())
    assert all(len(r["source"]["sha256"]) == 64 for r in records)
    assert records[0]["fields"]["unit_name"]["method"] == "json"


def test_parse_goes_on_past_a_bad_file(tmp_path: Path, expert: dict[str, Any]) -> None:
    (tmp_path / "bad.json").write_text("{oops", "utf-8")
    write(tmp_path / "good.json", expert)
    out = tmp_path / "feed.jsonl"
    result = run("parse", str(tmp_path), "-o", str(out))
    assert result.exit_code == 1
    statuses = [json.loads(line)["status"] for line in out.read_text("utf-8").splitlines()]
    assert statuses == ["error", "complete"]
    assert "1 份无法读取" in result.output
