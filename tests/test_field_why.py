"""A doubtful value says why: the reason travels from the reader to the feed, the review page
and the warnings, so a clerk knows what to look for (字迹写到格子边缘 …), not just a number."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from fupin_forms.parse import FieldSource
from fupin_forms.review import write_review

ROOT = Path(__file__).resolve().parents[1]


def test_why_is_in_the_feed_only_when_given() -> None:
    assert "why" not in FieldSource("ocr", 0.99).to_json()
    doubted = FieldSource("ocr", 0.97, 1, (1.0, 2.0, 3.0, 4.0)).doubt(0.5, "字迹写到格子边缘")
    assert doubted.to_json()["why"] == "字迹写到格子边缘"
    assert doubted.confidence == 0.5 and doubted.page == 1


def test_the_first_reason_is_kept_and_the_lowest_cap_wins() -> None:
    source = FieldSource("ocr", 0.9).doubt(0.5, "两次识别不一致").doubt(0.3, "划改")
    assert source.confidence == 0.3 and source.why == "两次识别不一致"
    assert FieldSource("ocr", 0.2).doubt(0.5, "划改").confidence == 0.2


def test_review_note_names_label_confidence_and_reason() -> None:
    note = FieldSource("ocr", 0.44, why="字迹写到格子边缘").review_note("通信地址")
    assert note == "需人工核对：通信地址（置信度 0.44，字迹写到格子边缘）"
    assert FieldSource("ocr", 0.44).review_note("通信地址") == "需人工核对：通信地址（置信度 0.44）"


def test_the_feed_schema_accepts_why_and_only_as_text() -> None:
    schema = json.loads((ROOT / "schemas" / "feed-record.schema.json").read_text("utf-8"))
    fields = schema["properties"]["fields"]
    ok = {"a": {"method": "ocr", "confidence": 0.4, "why": "划改"}}
    jsonschema.validate(ok, fields)
    bad = {"a": {"method": "ocr", "confidence": 0.4, "why": 3}}
    try:
        jsonschema.validate(bad, fields)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("a non-text why passed the schema")


def test_review_page_shows_the_reason_beside_a_doubtful_row_only(tmp_path: Path) -> None:
    record = {
        "form": "annex4",
        "status": "incomplete",
        "source": {"path": "x.jpg", "sha256": "0" * 64, "format": "image"},
        "data": {"applicant_name": "张三", "address": "济南市历下区"},
        "issues": [],
        "fields": {
            "applicant_name": {"method": "ocr", "confidence": 0.99, "why": "不该出现"},
            "address": {"method": "ocr", "confidence": 0.44, "why": "字迹写到格子边缘"},
        },
    }
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    out = tmp_path / "review.html"
    write_review([feed], out)
    page = out.read_text("utf-8")
    row = page.split('data-path="address"')[1].split("</tr>")[0]
    assert '<div class="why">字迹写到格子边缘</div>' in row
    assert "不该出现" not in page  # a sure value's reason is not shown as a doubt


@pytest.mark.parametrize(
    "scan",
    [
        ROOT / "samples" / "scans" / "annex4_photo_rot90.jpg",  # marked, doubtful fields
        ROOT / "tests" / "fixtures" / "scans_degraded" / "unmarked_scan_a5_1.jpg",  # unmarked
    ],
    ids=["marked", "unmarked"],
)
def test_every_doubtful_value_of_a_scan_says_why(scan: Path) -> None:
    from fupin_forms.api import parse_paths

    (record,) = parse_paths([scan])
    doubtful = {p: s for p, s in record["fields"].items() if s["confidence"] < 0.8}
    assert doubtful, "the sample was chosen for its doubtful fields"
    assert [p for p, s in doubtful.items() if not s.get("why")] == []
    notes = [i["message"] for i in record["issues"] if i["message"].startswith("需人工核对")]
    assert any("，" in n.split("置信度")[-1] for n in notes)  # the reason follows the number
    assert not [n for n in notes if re.search(r"[a-z_]+(\[\d+\])?[.）]", n)], "labels, not JSON paths"
