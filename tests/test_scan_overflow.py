"""Values written past their box, and counts whose ink holds other digits than were read:
never a sure value (issue 12, "no wrong value without a flag").

The marked page is synthesised by our own synth (a hand's value, then its tail written past
the box's right rule, as a person who runs out of room does); the unmarked and digit cases
are drawn here so each is known."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fupin_forms.scan import REVIEW_THRESHOLD, register
from fupin_forms.scan._digit_ink import digit_doubt
from fupin_forms.scan._overflow import NOTE, crossing, spill
from fupin_forms.scan._read import read_page
from fupin_forms.scan.synth import _font, _Pen, degrade, synth_pages

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "annex4_dezhou_zhao.json"


def _page(overflow: bool) -> Any:
    """Annex 4 filled by hand; with ``overflow`` the employer is written at full size from
    the box's left edge and runs on past its right rule, as a person who runs out of room."""
    record = json.loads(SAMPLE.read_text("utf-8"))
    if overflow:
        record["employer"] = ""
    image = synth_pages("annex4", record, style="hand", seed=3, raw=True)[0]
    if overflow:
        reg = register(np.asarray(image)[:, :, ::-1].copy())
        assert reg is not None
        zone = next(z for z in reg.geometry.zones if z.key == "employer")
        x0, y0, x1, y1 = zone.rect
        pen = _Pen(image, 200, "hand", random.Random(1))
        end = pen.text(x0 + 3, (y0 + y1) / 2, "德州市畜牧兽医局动物卫生监督所", 10.0)
        assert end > x1 + 10  # the writing did run past the box
    scan = degrade(image, random.Random(5), quality=80)
    reg = register(np.asarray(scan.convert("RGB"))[:, :, ::-1].copy())
    assert reg is not None
    return read_page(reg)


@pytest.fixture(scope="module")
def spilled() -> Any:
    return _page(True)


@pytest.fixture(scope="module")
def fitted() -> Any:
    return _page(False)


def test_a_value_written_past_its_box_is_doubted_with_a_note(spilled: Any) -> None:
    _zone, value, source = spilled.values["employer"]
    assert source.confidence < REVIEW_THRESHOLD, value
    assert source.why == NOTE


def test_a_value_that_fits_its_box_is_not_said_to_run_past_it(fitted: Any) -> None:
    assert fitted.values["employer"][2].why != NOTE
    # and no other field of a page written inside its boxes either
    assert [k for k, (_z, _v, src) in fitted.values.items() if src.why == NOTE] == []


def test_stray_ink_counts_only_next_to_a_line_that_reaches_the_edge() -> None:
    em = 28.0
    free = np.zeros((200, 600), dtype=bool)
    free[60:85, 305:330] = True  # a character's worth of ink just past x = 300
    box = (100, 50, 300, 100)
    assert spill(free, box, [(110, 58, 295, 90)], em) == "right"
    # the value stops 4 em before the edge: the ink beyond is not its tail
    assert spill(free, box, [(110, 58, 180, 90)], em) == ""
    # a thin vertical remnant of a ruling line is not writing
    free[:] = False
    free[40:110, 302:304] = True
    assert spill(free, box, [(110, 58, 295, 90)], em) == ""


def _cell(text: str, x: int, y: int, size: int = 30) -> np.ndarray:
    """A page with one ruled cell (100..400 × 50..110) and ``text`` written from (x, y)."""
    img = Image.new("L", (600, 240), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle((98, 48, 402, 112), outline=0, width=3)
    draw.text((x, y), text, font=_font(size), fill=0, anchor="lm")
    return np.asarray(img)


def test_unmarked_writing_over_the_right_rule_is_a_crossing() -> None:
    em = 30.0
    gray = _cell("农业技术推广中王", 180, 80)  # runs on: 王 is drawn over the rule at x = 400
    assert crossing(gray, (101, 51, 400, 110), [(185, 64, 400, 96)], em, 5) == "right"
    gray = _cell("农业局", 180, 80)  # ends well inside
    assert crossing(gray, (101, 51, 400, 110), [(185, 64, 272, 96)], em, 5) == ""


def test_unmarked_writing_cut_by_the_bottom_rule_is_below() -> None:
    em = 30.0
    gray = _cell("庆云县", 180, 72)
    ImageDraw.Draw(img := Image.fromarray(gray)).text((180, 112), "农业局", font=_font(30), fill=0,
                                                       anchor="lm")  # fmt: skip
    gray = np.asarray(img)
    lines = [(180, 57, 272, 88)]  # the line read; the second one sits on the rule
    assert crossing(gray, (101, 51, 400, 110), lines, em, 5) == "below"
    assert crossing(_cell("庆云县", 180, 72), (101, 51, 400, 110), lines, em, 5) == ""


def _digits(parts: list[tuple[str, int]]) -> np.ndarray:
    """A line crop of digits drawn in the given grey levels (0 black)."""
    font = _font(30)
    width = int(sum(font.getlength(t) + 3 for t, _ in parts)) + 40
    img = Image.new("L", (width, 60), 255)
    draw = ImageDraw.Draw(img)
    x = 20.0
    for text, level in parts:
        draw.text((x, 30), text, font=font, fill=level, anchor="lm")
        x += font.getlength(text) + 3
    return np.asarray(img)


def test_a_four_read_as_one_is_doubted_by_its_width() -> None:
    crop = _digits([("4", 0), ("8", 0)])
    assert digit_doubt(crop, "18") != ""
    assert digit_doubt(crop, "48") == ""


def test_a_one_read_as_one_is_not_doubted() -> None:
    crop = _digits([("1", 0), ("8", 0)])
    assert digit_doubt(crop, "18") == ""
    crop = _digits([("7", 0), ("1", 0)])
    assert digit_doubt(crop, "71") == ""


def test_ink_of_a_digit_nobody_read_is_doubted() -> None:
    crop = _digits([("4", 90), ("8", 0)])  # a light 4 the reader skipped
    assert digit_doubt(crop, "8") != ""
