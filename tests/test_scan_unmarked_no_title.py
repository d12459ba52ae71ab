"""An unmarked page whose title cannot be read is still recognised, by its table's labels.

Issue 11 item 6: form detection uses the field labels as well as the title, for every reader.
The committed Word prints (``fixtures/unmarked``) with the title area painted white: the
reader must name the annex from the row labels and the line above the table (the core's
``detect_sheet``), read the page, and say that it guessed.
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest

from fupin_forms.scan._table import upright_page
from fupin_forms.scan._unmarked import read_unmarked

PAGES = Path(__file__).resolve().parent / "fixtures" / "unmarked"
TITLE_BAND = 330  # pixels from the top at 200 dpi: the annex line and title, not the 填表时间 line


@pytest.mark.parametrize("name", ["annex4_dezhou_zhao-p1", "annex5_yishui_meng-p1"])
def test_page_without_a_readable_title_is_known_by_its_labels(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text("utf-8"))
    image = cv2.imread(str(PAGES / f"{name}.jpg"))
    assert image is not None
    image[:TITLE_BAND] = 255
    assert upright_page(image).form_id is None  # the title is really gone
    parsed = read_unmarked(image)
    assert parsed.form == expected["form"]
    assert any("按表中栏目判断" in w for w in parsed.warnings)
    if parsed.form == "annex5":
        assert len(parsed.data["entries"]) == 10 and parsed.data["county"] == "沂水县"
    else:
        assert parsed.data["applicant_name"] == expected["values"]["applicant_name"]
