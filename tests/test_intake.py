"""``parse`` at scale: past bad files, idempotent, atomic, same order with -j."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fupin_forms.cli import main
from fupin_forms.intake import run_intake

from .conftest import sample_files


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    for i, path in enumerate(sample_files()):
        shutil.copy(path, (inbox / "sub" if i % 2 else inbox) / path.name)
    (inbox / "corrupt.json").write_text('{"applicant_name": "孟庆华", ', "utf-8")
    (inbox / "unrelated.json").write_text('{"weather": "晴"}', "utf-8")
    (inbox / "notes.txt").write_text("not a form", "utf-8")  # not a supported type: ignored
    return inbox


def test_mixed_folder_then_second_run_adds_nothing(folder: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    first = CliRunner().invoke(main, ["parse", str(folder), "-o", str(feed)])
    assert first.exit_code == 1
    records = lines(feed)
    assert len(records) == len(sample_files()) + 2
    errors = {Path(r["source"]["path"]).name: r["error"] for r in records if r["status"] == "error"}
    assert set(errors) == {"corrupt.json", "unrelated.json"}
    assert "JSON 格式错误" in errors["corrupt.json"] and "无法判断" in errors["unrelated.json"]
    assert all(r["status"] == "complete" for r in records if r["status"] != "error")
    assert "无法读取" in first.output and "2 份无法读取" in first.output
    before = feed.read_bytes()
    second = CliRunner().invoke(main, ["parse", str(folder), "-o", str(feed)])
    assert second.exit_code == 0
    assert feed.read_bytes() == before
    assert f"{len(sample_files()) + 2} 个文件已在数据流中" in second.output


def test_force_rereads_without_duplicating(folder: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    run_intake([folder], feed)
    run_intake([folder], feed, force=True)
    hashes = [r["source"]["sha256"] for r in lines(feed)]
    assert len(hashes) == len(set(hashes)) == len(sample_files()) + 2


def test_new_file_is_appended(folder: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    run_intake([folder], feed)
    n = len(lines(feed))
    data = json.loads(sample_files()[1].read_text("utf-8"))
    data["applicant_name"] = "新专家"
    (folder / "new.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = run_intake([folder], feed)
    assert result.skipped == n and result.files == 1
    assert lines(feed)[-1]["data"]["applicant_name"] == "新专家"


def test_parallel_output_equals_serial(folder: Path, tmp_path: Path) -> None:
    serial, parallel = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    run_intake([folder], serial)
    run_intake([folder], parallel, jobs=2)
    assert serial.read_text("utf-8") == parallel.read_text("utf-8")


def test_interrupted_run_leaves_previous_feed(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"previous": true}\n', "utf-8")

    def boom() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_intake([folder], feed, tick=boom)
    assert feed.read_text("utf-8") == '{"previous": true}\n'
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_inputs_are_not_modified(folder: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    run_intake([folder], tmp_path / "feed.jsonl", jobs=2)
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_stdout_feed_when_no_out(folder: Path) -> None:
    result = CliRunner().invoke(main, ["parse", str(sample_files()[0])])
    assert result.exit_code == 0
    record = json.loads(result.stdout.splitlines()[0])
    assert record["form"] == "annex3" and record["source"]["format"] == "json"
