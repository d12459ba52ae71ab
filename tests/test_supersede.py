"""One current record per source (issue 11, point 7): a corrected file parsed again at the
same path replaces its older record, which stays in the feed marked and is never counted."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from fupin_forms._current import superseded_lines
from fupin_forms.aggregate import iter_feed, summarize
from fupin_forms.intake import run_intake

from .conftest import SAMPLES


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()]


def _form(folder: Path, name: str) -> Path:
    return shutil.copy(SAMPLES / name, folder / "form.json")


def test_reparsed_changed_file_supersedes_and_counts_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    feed = tmp_path / "feed.jsonl"
    _form(inbox, "annex4_dezhou_zhao.json")
    run_intake([inbox], feed)
    first = lines(feed)
    assert len(first) == 1 and "superseded_by" not in first[0]

    corrected = json.loads((inbox / "form.json").read_text("utf-8"))
    corrected["title"] = "正高级畜牧师"
    (inbox / "form.json").write_text(json.dumps(corrected, ensure_ascii=False), "utf-8")
    run_intake([inbox], feed)
    old, new = lines(feed)
    assert old["source"]["sha256"] == first[0]["source"]["sha256"]
    assert old["superseded_by"] == new["source"]["sha256"] != old["source"]["sha256"]
    assert new["data"]["title"] == "正高级畜牧师" and "superseded_by" not in new

    counts: Counter[str] = Counter()
    current = list(iter_feed([feed], counts))
    assert [r["data"]["title"] for r in current] == ["正高级畜牧师"]
    assert counts["superseded"] == 1 and counts["bad"] == 0
    summary = summarize(iter_feed([feed], Counter()))
    assert sum(c["total"] for c in summary.cities) == 1
    assert summary.duplicate_applicants == []


def test_file_changed_back_is_read_again(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    feed = tmp_path / "feed.jsonl"
    original = _form(inbox, "annex4_dezhou_zhao.json").read_bytes()
    run_intake([inbox], feed)
    _form(inbox, "annex4_heze_liu.json")
    run_intake([inbox], feed)
    (inbox / "form.json").write_bytes(original)
    result = run_intake([inbox], feed)
    assert result.skipped == 0 and result.files == 1
    current = list(iter_feed([feed], Counter()))
    assert [r["data"]["applicant_name"] for r in current] == ["赵文静"]


def _rec(path: str, sha: str, **extra: Any) -> dict[str, Any]:
    return {"source": {"path": path, "sha256": sha, "format": "xlsx"}, **extra}


def test_old_feeds_without_marks_and_workbooks_with_many_records() -> None:
    a1, a2, b = _rec("a.xlsx", "1" * 64), _rec("a.xlsx", "2" * 64), _rec("b.docx", "3" * 64)
    # feed 0: a workbook read once (two sheets → two records), then b; feed 1 reads a again
    records = [(0, 0, a1), (0, 1, a1), (0, 2, b), (1, 0, a2), (1, 1, a2)]
    assert superseded_lines(records) == {0, 1}
    # the same file read into two feeds with the same content counts once too
    assert superseded_lines([(0, 0, b), (1, 0, b)]) == {0}
    marked = _rec("c.pdf", "4" * 64, superseded_by="5" * 64)
    assert superseded_lines([(0, 0, marked), (0, 1, b)]) == {0}
