"""The review page lists digital reads like OCR ones: below-threshold first, then values an
issue names, then medium-confidence reads (a label variant), then the sure ones."""

from __future__ import annotations

import json
from pathlib import Path

from fupin_forms.review import write_review


def test_medium_and_flagged_digital_reads_come_first(tmp_path: Path) -> None:
    record = {
        "form": "annex4",
        "source": {"path": "gone.docx", "sha256": "0" * 64, "format": "docx"},
        "status": "complete",
        "data": {"applicant_name": "孟庆华", "specialty": "果树", "title": "研究员",
                 "employer": "农科院"},
        "issues": [{"code": "conflict", "path": "employer", "severity": "warning",
                    "message": "同一栏目读到两个不同的值"}],
        "fields": {
            "applicant_name": {"method": "label", "confidence": 0.97},
            "specialty": {"method": "label", "confidence": 0.88},
            "title": {"method": "text", "confidence": 0.6},
            "employer": {"method": "label", "confidence": 0.97},
        },
    }  # fmt: skip
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    out = tmp_path / "review.html"
    write_review([feed], out)
    page = out.read_text("utf-8")
    order = [
        page.index(f'data-path="{p}"') for p in ("title", "employer", "specialty", "applicant_name")
    ]
    assert order == sorted(order)
