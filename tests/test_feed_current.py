"""A corrected file re-read at the same path replaces its older record: kept as superseded,
never counted twice by ``aggregate``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from fupin_forms.aggregate import iter_feed, summarize
from fupin_forms.intake import run_intake

from .conftest import sample_files


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()]


def test_changed_file_supersedes_its_older_record(tmp_path: Path) -> None:
    sample = next(p for p in sample_files() if p.name.startswith("annex4"))
    form = tmp_path / "inbox" / "expert.json"
    form.parent.mkdir()
    data = json.loads(sample.read_text("utf-8"))
    form.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    feed = tmp_path / "feed.jsonl"
    run_intake([form.parent], feed)
    data["project_name"] = "更正后的项目名称"
    form.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    run_intake([form.parent], feed)

    records = _lines(feed)
    assert len(records) == 2
    old, new = records
    assert old["superseded_by"] == new["source"]["sha256"]
    assert "superseded" not in new and new["data"]["project_name"] == "更正后的项目名称"

    skipped: Counter[str] = Counter()
    current = list(iter_feed([feed], skipped))
    assert [r["data"]["project_name"] for r in current] == ["更正后的项目名称"]
    assert skipped["superseded"] == 1
    summary = summarize(iter(current))
    assert sum(summary.records.values()) == 1
    assert summary.duplicate_applicants == []


def test_two_feeds_with_two_readings_count_the_last(tmp_path: Path) -> None:
    """Feeds concatenated from two runs: the later reading of a path is the current one."""
    sample = next(p for p in sample_files() if p.name.startswith("annex4"))
    record = {"form": "annex4", "status": "complete", "data": json.loads(sample.read_text("utf-8"))}
    first = dict(record, source={"path": "a/expert.docx", "sha256": "1" * 64, "format": "docx"})
    second = dict(record, source={"path": "a/expert.docx", "sha256": "2" * 64, "format": "docx"})
    feeds = []
    for n, rec in enumerate((first, second)):
        feeds.append(tmp_path / f"feed{n}.jsonl")
        feeds[-1].write_text(json.dumps(rec, ensure_ascii=False) + "\n", "utf-8")
    current = list(iter_feed(feeds, Counter()))
    assert [r["source"]["sha256"] for r in current] == ["2" * 64]
