"""Reading the fixed synthetic scans in samples/scans/ back (print marks → registration →
zone OCR, boxes, stamps). Thresholds are what the reader achieves today, not the goals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("rapidocr", reason="rapidocr not installed")
pytest.importorskip("zxingcpp", reason="zxing-cpp not installed")
pytest.importorskip("cv2", reason="opencv not installed")

from fupin_forms.errors import ParseError
from fupin_forms.scan import parse_scan
from fupin_forms.scan.synth import observed_values

SCANS = Path(__file__).resolve().parents[1] / "samples" / "scans"
CASES = sorted(p.name.removesuffix(".jpg") for p in SCANS.glob("*.jpg"))


def _read(name: str) -> tuple[dict[str, Any], dict[str, str | bool], Any]:
    expected = json.loads((SCANS / f"{name}.expected.json").read_text("utf-8"))
    forms = parse_scan(SCANS / f"{name}.jpg")
    assert len(forms) == 1
    form = forms[0]
    assert form.form == expected["form"]
    got = observed_values(form.form, form.data, list(expected["fields"]))
    return expected["fields"], got, form


@pytest.mark.parametrize("name", CASES)
def test_scan_reads_boxes_text_and_stamps(name: str) -> None:
    fields, got, form = _read(name)
    boxes = [k for k, v in fields.items() if isinstance(v, bool) and not k.endswith("stamped")]
    assert [k for k in boxes if got.get(k) != fields[k]] == []
    stamps = [k for k in fields if k.endswith("stamped")]
    assert sum(got.get(k) == fields[k] for k in stamps) >= len(stamps) - 1
    texts = [k for k, v in fields.items() if isinstance(v, str) and not k.endswith("signed_on")]
    exact = sum(got.get(k) == fields[k] for k in texts)
    assert exact >= 0.85 * len(texts), [(k, fields[k], got.get(k)) for k in texts]
    for key, source in form.fields.items():
        assert source.method == "ocr" and source.page == 1 and source.bbox is not None, key
        assert 0.0 <= source.confidence <= 1.0


def test_unmarked_image_is_refused_in_chinese(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "blank.png"
    Image.new("RGB", (400, 560), "white").save(path)
    with pytest.raises(ParseError, match="二维码"):
        parse_scan(path)
