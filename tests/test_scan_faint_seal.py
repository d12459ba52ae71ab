"""A pale or worn seal (pink speckle the red mask misses) is not "not stamped" at 0.95
(issue 12, first law): its ring is found on the page's redness and the office is read
stamped, for a person to confirm. A held-out set had 57 stamps on paper read so."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from fupin_forms.scan import REVIEW_THRESHOLD, _read
from fupin_forms.scan._faint_seal import faint_seals
from fupin_forms.scan._ink import red_mask, seal_centres, stamp_present
from fupin_forms.scan._pages import parse_scan
from fupin_forms.scan._why import SEAL_FAINT

SEALED = Path(__file__).parent / "fixtures" / "scans_degraded" / "seal_a4_1.jpg"
SEALS = ("unit", "county_poverty_office")  # the two offices sealed on that page


def _ring(page: np.ndarray, centre: tuple[int, int], radius: int, colour: tuple[int, int, int],
          keep: float, seed: int = 1) -> None:  # fmt: skip
    """A seal's ring of ``colour`` (BGR), only ``keep`` of its pixels inked (worn)."""
    ring = np.zeros(page.shape[:2], np.uint8)
    cv2.circle(ring, centre, radius, 255, 6)
    ys, xs = np.nonzero(ring)
    pick = np.random.default_rng(seed).random(len(ys)) < keep
    page[ys[pick], xs[pick]] = colour


def test_a_pale_worn_ring_is_found_and_a_stain_is_not() -> None:
    page = np.full((900, 900, 3), 245, np.uint8)
    _ring(page, (250, 300), 120, (195, 185, 240), keep=0.45)  # pale pink, worn
    _ring(page, (650, 600), 120, (90, 150, 200), keep=0.9)  # a tea stain: brown, green over blue
    mask = red_mask(page)
    assert seal_centres(mask, 125) == []  # the red mask's search sees no seal
    found = faint_seals(page, 125, [])
    assert len(found) == 1 and abs(found[0][0] - 250) < 15 and abs(found[0][1] - 300) < 15
    assert faint_seals(page, 125, [(252.0, 298.0)]) == []  # one the mask found is not repeated


def test_a_ring_anywhere_in_the_approval_cell_is_its_seal() -> None:
    """An office seals where there is room, often over its opinion left of （盖章）."""
    mask = np.zeros((400, 1200), np.uint8)
    area, cell = (800, 100, 1100, 220), (300, 100, 1100, 220)
    assert stamp_present([(500.0, 160.0)], mask, area) == (False, 0.95)
    assert stamp_present([(500.0, 160.0)], mask, area, cell) == (True, 0.97)
    assert stamp_present([(500.0, 300.0)], mask, area, cell) == (False, 0.95)  # the next row's


def _faded(tmp_path: Path) -> Path:
    """The sealed page with its seals worn to pale speckle the red mask misses."""
    page = cv2.imread(str(SEALED))
    b, g, r = (page[..., i].astype(np.int16) for i in range(3))
    seal = (r - np.maximum(g, b)) > 60
    rng = np.random.default_rng(7)
    white = seal & (rng.random(seal.shape) < 0.6)
    pale = seal & ~white
    page[white] = (238, 240, 242)
    page[pale] = (165, 150, 232)
    out = tmp_path / "faded.jpg"
    cv2.imwrite(str(out), page, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return out


@pytest.fixture(scope="module")
def faded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _faded(tmp_path_factory.mktemp("faint"))


def test_a_faded_seal_is_read_stamped_for_a_person_never_denied(faded: Path) -> None:
    (form,) = parse_scan(faded)
    for name in SEALS:
        source = form.fields[f"reviews.{name}.stamped"]
        assert form.data["reviews"][name]["stamped"] is True
        assert source.confidence >= REVIEW_THRESHOLD or source.why == SEAL_FAINT


def test_without_the_redness_search_the_faded_seal_is_denied(faded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The case above fails without ``faint_seals``: a stamp on paper read absent, sure."""
    monkeypatch.setattr(_read, "faint_seals", lambda *a: [])
    (form,) = parse_scan(faded)
    denied = [n for n in SEALS if not form.data["reviews"][n]["stamped"]
              and form.fields[f"reviews.{n}.stamped"].confidence >= REVIEW_THRESHOLD]  # fmt: skip
    assert denied
