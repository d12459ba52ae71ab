"""The kinds of wrong value that passed as sure in round 5 (issue 12, first law): a first
character dropped (a three-character name read as its last two at 0.99), and what is in a
box not being all that was written. Each case is drawn here so it is known."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from fupin_forms.scan._evidence import DOUBT, line_cap, measures
from fupin_forms.scan._overflow import NOTE, NOTES, overrun, spill

_KAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"


def _blocks(spans: list[tuple[int, int]], height: int = 28, width: int = 160) -> np.ndarray:
    """A line crop with a dark block of ink per (x0, x1) span."""
    gray = np.full((height + 20, width), 245, np.uint8)
    for x0, x1 in spans:
        gray[10 : 10 + height, x0:x1] = 40
    return gray


def test_a_sliver_cut_by_the_zone_edge_before_the_first_character_read_is_doubted() -> None:
    # 赵文静 with 赵's right third inside the zone: the recogniser reads 文静, sure
    gray = _blocks([(0, 8), (12, 38), (42, 68)])
    centres = (25 / 160, 55 / 160)  # 文 and 静 where their ink is
    m = measures(gray, "文静", centres)
    assert m["lead"] < 1.1  # under the height-based limit: the old rules let it pass
    assert line_cap(gray, "文静", centres) == (DOUBT, "格子边上的第一个字可能没读到")
    # a hair of ink at the edge (a ledger cell's rule remnant) is no character's part
    gray = _blocks([(0, 3), (12, 38), (42, 68)])
    assert line_cap(gray, "文静", centres)[0] == 1.0
    # the same line starting at the edge with its first character whole, read whole
    gray = _blocks([(0, 26), (30, 56)])
    assert line_cap(gray, "文静", (13 / 160, 43 / 160))[0] == 1.0


def test_ink_a_pitch_before_the_first_character_of_tall_writing_is_doubted() -> None:
    # narrow, tall hand-written characters (20 px wide, 44 tall, 22 apart): a dropped first
    # character leaves ink 1.45 pitches before the first one read, but only 0.7 heights
    spans = [(10, 30), (32, 52), (54, 74)]
    gray = _blocks(spans, height=44)
    centres = (42 / 160, 64 / 160)
    m = measures(gray, "文静", centres)
    assert m["lead"] < 1.1 and m["lead_p"] > 1.2
    assert line_cap(gray, "文静", centres)[0] == DOUBT
    assert line_cap(gray, "赵文静", (20 / 160, 42 / 160, 64 / 160))[0] == 1.0


def _cut_name(text: str, keep: float) -> np.ndarray:
    """``text`` in Kai at 28 px, its first character cut so ``keep`` of it is left."""
    font = ImageFont.truetype(_KAI, 28)
    img = Image.new("L", (len(text) * 30 + 60, 52), 245)
    draw = ImageDraw.Draw(img)
    for n, ch in enumerate(text):
        draw.text((10 + 30 * n, 10), ch, font=font, fill=50)
    gray = np.asarray(img)
    cols = np.flatnonzero((gray < 150).any(axis=0))
    return np.ascontiguousarray(gray[:, int(cols[0] + (1 - keep) * 28) :])


def test_a_name_whose_first_character_the_zone_cut_is_not_sure() -> None:
    from fupin_forms.scan._ocr import read_crops

    crop = _cut_name("赵文静", 0.3)
    (got,) = read_crops([crop])
    assert got.text == "文静" and got.score > 0.95  # the kind: its last two, sure
    assert line_cap(crop, got.text, got.centres)[0] == DOUBT


def test_one_rule_with_one_note_per_kind() -> None:
    assert overrun("right", [10], 100) == "right"  # proof outside the box comes first
    assert overrun("", [98], 100) == "edge"  # ink up to 3 px from the right edge
    assert overrun("", [98], 100, reach=1) == ""  # the unmarked reader's cells: 1 px
    assert overrun("", [50], 100, squeezed=True) == "stacked"
    assert overrun("", [50], 100, lost=True) == "unread"
    assert overrun("", [50, 60], 100) == ""
    assert NOTES["right"] == NOTE
    assert len(set(NOTES.values())) == len(NOTES)  # one note per kind


def test_new_ink_right_before_a_box_whose_first_line_starts_at_its_edge_is_left() -> None:
    em = 28.0
    free = np.zeros((200, 600), dtype=bool)
    free[60:85, 72:97] = True  # a character's worth of new ink just before x = 100
    box = (100, 50, 300, 100)
    assert spill(free, box, [(102, 58, 200, 90)], em) == "left"
    assert spill(free, box, [(102, 58, 200, 90)], em, left=False) == ""  # a date's year
    # the writing starts 3 em into the box: the ink before it is somebody else's
    assert spill(free, box, [(190, 58, 280, 90)], em) == ""
