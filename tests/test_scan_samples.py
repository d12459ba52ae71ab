"""Reading the fixed synthetic scans in samples/scans/ back (print marks → registration →
zone OCR, boxes, stamps). Thresholds are what the reader achieves on them today; raise them
when it gets better, never lower them."""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest

from fupin_forms.errors import ParseError
from fupin_forms.scan import REVIEW_THRESHOLD, parse_scan
from fupin_forms.scan.synth import observed_values

SCANS = Path(__file__).resolve().parents[1] / "samples" / "scans"
CASES = sorted(p.name.removesuffix(".jpg") for p in SCANS.glob("*.jpg"))
# text fields allowed to be wrong per sample, as measured: 笊 read as 筑 in the hand-written
# village name (and flagged: see the last assertion of the test). annex4_photo_rot90: 2 since
# faint writing is lifted to print's contrast (round four; it gained 17 fields on the degraded
# set's photos): 糖尿病等 read 糖尿 and a 省 from the line below joined to 同意申报。, both at
# 0.44, so a person sees them. A regression on this sample, named in that round's note.
MISSES = {"annex4_hand_midway_rot180": 1, "annex4_photo_rot90": 2}


def _read(name: str) -> tuple[dict[str, Any], dict[str, str | bool], Any]:
    expected = json.loads((SCANS / f"{name}.expected.json").read_text("utf-8"))
    forms = parse_scan(SCANS / f"{name}.jpg")
    assert len(forms) == 1
    form = forms[0]
    assert form.form == expected["form"]
    got = observed_values(form.form, form.data, list(expected["fields"]))
    return expected["fields"], got, form


def test_samples_cover_print_hand_photo_turns_and_missing_stamps() -> None:
    assert {"annex4_print_200", "annex3_hand_200", "annex4_photo_rot90",
            "annex4_hand_midway_rot180"} <= set(CASES)  # fmt: skip
    midway = json.loads((SCANS / "annex4_hand_midway_rot180.expected.json").read_text("utf-8"))
    assert midway["fields"]["reviews.city_cast.stamped"] is False
    assert sum(p.stat().st_size for p in SCANS.iterdir()) < 750_000


@pytest.mark.parametrize("name", CASES)
def test_scan_reads_boxes_text_and_stamps(name: str) -> None:
    fields, got, form = _read(name)
    boxes = [k for k, v in fields.items() if isinstance(v, bool) and not k.endswith("stamped")]
    assert [k for k in boxes if got.get(k) != fields[k]] == []
    stamps = [k for k in fields if k.endswith("stamped")]
    assert [k for k in stamps if got.get(k) != fields[k]] == []
    texts = [k for k, v in fields.items() if isinstance(v, str)]
    wrong = [(k, fields[k], got.get(k)) for k in texts if got.get(k) != fields[k]]
    assert len(wrong) <= MISSES.get(name, 0), wrong
    chars = sum(SequenceMatcher(None, fields[k], str(got.get(k) or "")).ratio() for k in texts)
    assert chars / len(texts) >= 0.99
    for key, source in form.fields.items():
        assert source.method == "ocr" and source.page == 1 and source.bbox is not None, key
        assert 0.0 <= source.confidence <= 1.0
    for key, _want, _got in wrong:  # no silent misreads: every wrong value goes to a person
        assert form.fields[key].confidence < REVIEW_THRESHOLD, key


def test_unmarked_image_is_refused_in_chinese(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "blank.png"
    Image.new("RGB", (400, 560), "white").save(path)
    with pytest.raises(ParseError, match="二维码"):
        parse_scan(path)
