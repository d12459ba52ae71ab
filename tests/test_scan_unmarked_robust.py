"""The unmarked reader on pages that are not clean Word prints (issue 12): a table tilted
and keystoned after the page-wide deskew, a photo whose warp leaves a dark ring round the
image, a Word placeholder printed grey before the writing on the same line, a glyph that
looks like a box, and a title that does not say which of 附件3/附件4 it is."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from fupin_forms.scan._boxes import alike as _alike
from fupin_forms.scan._hint_ink import HintCut, after_hint
from fupin_forms.scan._table import _cells, _group
from fupin_forms.scan._upright import Upright, _residual, _rules, _title_score
from fupin_forms.scan._upright import level as _level

BLIND2 = Path(__file__).resolve().parent / "fixtures" / "scans_blind2"
W, H = 1654, 2339
ROWS = [300, 380, 460, 540, 620, 760, 900, 1040, 1180, 1400, 1600, 1800]
COLS = [150, 400, 800, 1100, 1500]


def _table() -> np.ndarray:
    page = np.full((H, W, 3), 245, np.uint8)
    for y in ROWS:
        cv2.line(page, (COLS[0], y), (COLS[-1], y), (25, 25, 25), 3)
    for x in COLS:
        cv2.line(page, (x, ROWS[0]), (x, ROWS[-1]), (25, 25, 25), 3)
    return page


def _forward(degrees: float, keystone: float) -> np.ndarray:
    """The homography of the top edge narrowed by ``keystone`` (a share), then a turn."""
    d = keystone * W / 2
    src = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
    dst = np.float32([[d, 0], [W - d, 0], [W, H], [0, H]])
    m = cv2.getPerspectiveTransform(src, dst)
    rot = np.vstack([cv2.getRotationMatrix2D((W / 2, H / 2), degrees, 1.0), [0, 0, 1]])
    return np.asarray(rot @ m, np.float64)


def _tilted(page: np.ndarray, degrees: float, keystone: float) -> np.ndarray:
    out = cv2.warpPerspective(
        page, _forward(degrees, keystone), (W, H), borderValue=(245, 245, 245)
    )
    return np.asarray(out, np.uint8)


def _upright(image: np.ndarray) -> Upright:
    return Upright(image, np.array([[1.0, 0, 0], [0, 1.0, 0]]), "", None)


@pytest.mark.parametrize(("degrees", "keystone"), [(0.3, 0.0), (-0.6, 0.01), (1.0, 0.015)])
def test_a_residual_tilt_is_levelled_and_every_row_found(degrees: float, keystone: float) -> None:
    image = _tilted(_table(), degrees, keystone)
    up, rules = _level(_upright(image))
    _, hor, ver = _rules(up.image)
    assert abs(_residual(hor, ver)) < 0.1
    table, cells = _cells(rules)
    assert len(cells) == (len(ROWS) - 1) * (len(COLS) - 1)
    groups = _group(cells, tol=max(6.0, H * 0.0125 * 0.35))
    assert [len(g) for g in groups] == [len(COLS) - 1] * (len(ROWS) - 1)
    # the levelled page maps back onto the photo: the table's corner lands where it is
    drawn = _forward(degrees, keystone) @ np.array([COLS[0], ROWS[0], 1.0])
    back = up.to_source @ np.array([table[0], table[1], 1.0])
    assert np.hypot(*(back - drawn[:2] / drawn[2])) < 12


def test_the_table_is_the_block_with_cells_not_a_ring_round_the_image() -> None:
    image = _table()
    cv2.rectangle(image, (2, 2), (W - 3, H - 3), (30, 30, 30), 5)  # the warp's dark edge
    table, cells = _cells(_rules(image)[0])
    assert len(cells) == (len(ROWS) - 1) * (len(COLS) - 1)
    assert COLS[0] - 5 <= table[0] <= COLS[0] + 5 and ROWS[0] - 5 <= table[1] <= ROWS[0] + 5


def _line(grey_chars: int, dark_chars: int, em: int = 29, dark: int = 40) -> np.ndarray:
    """A line crop: ``grey_chars`` hint-grey blocks, a gap, then ``dark_chars`` dark ones."""
    crop = np.full((em + 10, (grey_chars + dark_chars + 4) * em), 245, np.uint8)
    x = 5
    for n in range(grey_chars + dark_chars):
        if n == grey_chars:
            x += 2 * em  # the gap between the printed placeholder and the writing
        level = 130 if n < grey_chars else dark
        crop[5 : 5 + em - 4, x + 2 : x + em - 4] = level
        x += em
    return crop


def test_a_grey_placeholder_before_the_writing_is_cut_at_its_own_width() -> None:
    em = 29.0
    crop = _line(7, 3)
    cut = after_hint(crop, em, 7)
    assert cut.left is not None and 7 * 29 <= cut.left <= 9 * 29  # after the gap
    assert cut.sure and not cut.light
    assert (crop[:, cut.left :] < 105).any()
    # grey ink past the reach of a shorter placeholder is kept, doubted (``light``)
    assert after_hint(crop, em, 4) == HintCut(0, light=True)
    assert after_hint(crop, em, 0, first=False) == HintCut(0, light=True)
    # a line all grey is the printed hint itself
    assert after_hint(_line(7, 0), em, 7).left is None
    # dark writing first: nothing to cut
    assert after_hint(_line(0, 5), em, 7) == HintCut(0)


def test_a_glyph_smaller_than_the_boxes_is_not_a_box() -> None:
    boxes = [(100, 10, 126, 36), (400, 10, 426, 36), (700, 14, 716, 30)]
    assert _alike(boxes) == boxes[:2]


@pytest.mark.parametrize(
    ("lines", "form"),
    [
        (["附件4：", "山东省科协精准扶贫专家服务行动项目书（二）"], "annex4"),
        (["山东省科协精准扶贫专家服务行动项目书（一）"], "annex3"),
        (["附件5", "山东省科协精准扶贫专家服务行动工作台帐"], "annex5"),
        # no （一）/（二）: as near to 附件3 as to 附件4, the title names neither ...
        (["山东省科协精准扶贫专家服务行动项目书"], None),
        # ... unless the 附件N line above it says which
        (["附件3", "山东省科协精准扶贫专家服务行动项目书"], "annex3"),
        # 附件N and the title disagree: neither decides
        (["附件3：", "山东省科协精准扶贫专家服务行动项目书（二）"], None),
    ],
)
def test_the_title_names_an_annex_only_when_it_singles_one_out(
    lines: list[str], form: str | None
) -> None:
    score, _, found = _title_score([(t, 0.95) for t in lines])
    assert score >= 0.6  # the page's way up is known either way
    assert found == form


def test_an_unmarked_phone_photo_with_a_thumb_on_its_edge_is_read_not_refused() -> None:
    from fupin_forms.scan import parse_scan

    forms = parse_scan(BLIND2 / "b2_24_unmarked_phone_annex3.jpg")
    assert [f.form for f in forms] == ["annex3"]
    assert len(forms[0].fields) >= 20
    # its blue pen is as light as the grey placeholder (red channel 106): read by its
    # colour, not dropped as the printed hint
    assert forms[0].data.get("unit_name") == "聊城市科技馆"


def test_a_flatbed_word_print_is_read_in_its_own_table() -> None:
    """b2_22: the table's frame was taken for the sheet's edge and warped onto A4, the
    title went, and the fields came out of the wrong rows (once read as 附件5)."""
    from fupin_forms.scan import parse_scan

    (form,) = parse_scan(BLIND2 / "b2_22_unmarked_flatbed_annex4.jpg")
    assert form.form == "annex4"
    assert not form.data.get("villages") or len(form.data["villages"]) <= 3
    assert "请填写" not in str(form.data.get("applicant_name") or "")


def test_a_second_line_squeezed_under_the_first_doubts_the_cell() -> None:
    from fupin_forms.scan._unmarked_lines import lines_of as _lines_of

    em = 29.0
    zone = np.full((70, 400, 3), 245, np.uint8)
    for n in range(4):  # the first line, dark, as the line cutter sees it
        zone[8:34, 20 + n * 32 : 46 + n * 32] = 60
    gray = np.ascontiguousarray(zone[:, :, 2])
    alone = _lines_of(gray, (0, 0, 400, 70), em)
    assert alone and not any(line[4] for line in alone)
    for n in range(3):  # a pale second line under it, running into the bottom rule
        gray[40:68, 40 + n * 32 : 64 + n * 32] = 170
    lines = _lines_of(gray, (0, 0, 400, 70), em)
    assert lines and all(line[4] for line in lines)
