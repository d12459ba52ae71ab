"""A grey or bi-level capture cannot show a red seal (issue 12): an approval written in but
read as not stamped is for a person to check, never "not stamped" at 0.95."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from fupin_forms.scan import REVIEW_THRESHOLD
from fupin_forms.scan._ink import colourless
from fupin_forms.scan._pages import parse_scan
from fupin_forms.scan._why import NO_COLOUR

SEALED = Path(__file__).parent / "fixtures" / "scans_degraded" / "seal_a4_1.jpg"


def test_colourless_tells_grey_captures_from_colour_ones() -> None:
    page = np.full((400, 300, 3), 240, np.uint8)
    page[100:120, 50:250] = 20
    assert colourless(page)
    page[200:240, 100:140] = (40, 40, 220)  # a red seal's stroke
    assert not colourless(page)
    colour = cv2.imread(str(SEALED))
    assert not colourless(colour)
    assert colourless(cv2.cvtColor(cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR))


def test_a_seal_unseen_in_grey_is_doubted_not_denied(tmp_path: Path) -> None:
    grey = tmp_path / "grey.jpg"
    cv2.imwrite(str(grey), cv2.cvtColor(cv2.imread(str(SEALED)), cv2.COLOR_BGR2GRAY))
    (form,) = parse_scan(grey)
    reviews = form.data["reviews"]
    unseen = 0
    for name in ("unit", "county_poverty_office"):  # both stamped on paper, with opinions
        source = form.fields[f"reviews.{name}.stamped"]
        if not reviews[name]["stamped"]:
            assert source.confidence < REVIEW_THRESHOLD and source.why == NO_COLOUR
            unseen += 1
    assert unseen >= 1  # the county poverty office's seal has no tick beside it
    blank = form.fields["reviews.city_cast.stamped"]  # nothing written there: no doubt
    assert not reviews["city_cast"]["stamped"] and blank.confidence >= REVIEW_THRESHOLD
