"""Finding the sheet and the table on a photo, and evening out its light (``_geometry``),
on a page drawn here and photographed with a known perspective."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fupin_forms.scan._geometry import find_page, flatten_light, table_quad

W, H = 1000, 1414


def _page() -> np.ndarray:
    page = np.full((H, W, 3), 245, np.uint8)
    for y in range(200, 1201, 100):
        cv2.line(page, (100, y), (900, y), (20, 20, 20), 3)
    for x in (100, 300, 900):
        cv2.line(page, (x, 200), (x, 1200), (20, 20, 20), 3)
    cv2.putText(page, "TEXT 123", (320, 260), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (20, 20, 20), 2)
    return page


def _photo(page: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    canvas = np.full((1800, 1400, 3), (70, 75, 85), np.uint8)
    src = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
    dst = np.float32([[260, 190], [1160, 230], [1210, 1640], [170, 1600]])
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, m, (1400, 1800), borderValue=(70, 75, 85))
    mask = cv2.warpPerspective(np.full((H, W), 255, np.uint8), m, (1400, 1800)) > 0
    return np.where(mask[:, :, None], warped, canvas), dst, m


def test_find_page_returns_the_sheet_corners() -> None:
    photo, corners, _ = _photo(_page())
    quad = find_page(photo)
    assert quad is not None
    assert np.abs(quad - corners).max() < 12


def test_find_page_on_a_flatbed_scan_is_none() -> None:
    assert find_page(_page()) is None


def test_table_quad_under_perspective() -> None:
    photo, _, m = _photo(_page())
    gray = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    quad = table_quad(gray)
    assert quad is not None
    truth = cv2.perspectiveTransform(
        np.float32([[[100, 200], [900, 200], [900, 1200], [100, 1200]]]), m
    )[0]
    assert np.abs(quad - truth).max() < 8


def test_flatten_light_removes_a_shadow_keeps_ink() -> None:
    page = _page().astype(np.float32)
    shade = np.linspace(0.55, 1.0, W, dtype=np.float32)[None, :, None]
    flat = flatten_light((page * shade).astype(np.uint8), 30)
    gray = cv2.cvtColor(flat, cv2.COLOR_BGR2GRAY)
    paper = gray[100:180, :]  # above the table: paper only
    assert paper.min() > 200
    assert gray[200:203, 500].min() < 80  # a rule in the shaded half stays dark


def _rotated(page: np.ndarray, degrees: float) -> np.ndarray:
    h, w = page.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return np.asarray(cv2.warpAffine(page, m, (w, h), borderValue=(245, 245, 245)))


@pytest.mark.parametrize("degrees", [0.0, 0.8, -1.7, 3.1, -5.0])
def test_skew_of_a_rotated_table(degrees: float) -> None:
    from fupin_forms.scan._upright import _skew

    page = _page()
    rng = np.random.default_rng(3)
    for _ in range(60):  # handwriting-like strokes the rules must outvote
        x, y = int(rng.integers(120, 860)), int(rng.integers(220, 1180))
        cv2.line(page, (x, y), (x + 25, y + int(rng.integers(-8, 9))), (30, 30, 30), 2)
    # cv2 turns counter-clockwise for positive angles: the estimate is the angle to undo
    assert _skew(_rotated(page, -degrees)) == pytest.approx(degrees, abs=0.12)

