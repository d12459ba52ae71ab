"""Rules relaxed by calibration (``bench/calib_table.py``): evidence that flagged only values
read right on the tuned sets no longer sends them to a person, and the same evidence still
flags what it must (a disagreement that changes the value, a seal without its tick)."""

from __future__ import annotations

import numpy as np
import pytest

from fupin_forms.scan import _probe
from fupin_forms.scan._read import REVIEW_THRESHOLD, stamp_value
from fupin_forms.scan._why import SEAL_UNCLEAR, STAMP_MISMATCH


@pytest.mark.parametrize(("first", "second", "leaf", "same"), [
    ("黄丽", "黃丽", "contact", True),  # the traditional form of the same character
    ("邓强春", "邓強春", "expert", True),
    ("董淑", "董私", "applicant_name", False),  # another character: another name
    ("5", "S", "seq", True),  # a digit field: S is the hand's 5
    ("277150", "2771S0", "postcode", True),
    ("91", "1l", "participants", False),  # l is a 1, and 11 is not 91
    ("45", "15", "participants", False),
    ("sunwj89@163.com", "sunwj89o163.com", "email", True),  # the @ read as o
    ("sunwj89@163.com", "sunwj89163.com", "email", True),  # or missed
    ("sunwj89@163.com", "sunwj80o163.com", "email", False),  # and a digit changed
    ("sunwj89@163.com", "sunwj89oo163.com", "email", False),
    ("zhaoym27@126.com", "zhaoym21@126.com", "email", False),
])  # fmt: skip
def test_two_readings_agree_unless_the_value_differs(first: str, second: str, leaf: str,
                                                      same: bool) -> None:  # fmt: skip
    assert _probe._same(second, first, leaf) is same


@pytest.mark.parametrize(("ticked", "tick", "present", "seal"), [
    (True, 1.0, False, 0.95),  # a sure tick, no red at all in the stamp area
    (False, 1.0, True, 0.97),  # a seal's ring, the box surely left empty
])  # fmt: skip
def test_one_sure_sign_and_silence_from_the_other_is_trusted(
    ticked: bool, tick: float, present: bool, seal: float
) -> None:
    stamped, conf, why = stamp_value(ticked, tick, present, seal)
    assert stamped and conf >= REVIEW_THRESHOLD and why == ""


@pytest.mark.parametrize(("ticked", "tick", "present", "seal"), [
    (True, 0.9, False, 0.95),  # a tick not sure enough
    (True, 1.0, False, 0.7),  # some red in the area, no ring: maybe a seal, maybe not
    (False, 1.0, True, 0.55),  # much red, no ring
    (False, 0.6, True, 0.97),  # a ring, and a box that may hold a tick's beginning
])  # fmt: skip
def test_tick_and_seal_that_disagree_otherwise_go_to_a_person(
    ticked: bool, tick: float, present: bool, seal: float
) -> None:
    stamped, conf, why = stamp_value(ticked, tick, present, seal)
    assert stamped and conf < REVIEW_THRESHOLD and why == STAMP_MISMATCH


def test_tick_and_seal_that_agree_keep_the_lesser_confidence() -> None:
    assert stamp_value(True, 1.0, True, 0.97) == (True, 0.97, "")
    assert stamp_value(False, 1.0, False, 0.95) == (False, 0.95, "")
    assert stamp_value(True, 0.6, True, 0.97) == (True, 0.6, SEAL_UNCLEAR)


def _look(text: str, each: tuple[float, ...], digits: float = 1.0) -> _probe.Look:
    return _probe.Look(text, min(each), 0.0, digits=digits, each=each, second=(("", 0.0),) * len(text))


def test_the_second_look_is_judged_on_the_characters_that_matter(monkeypatch: pytest.MonkeyPatch) -> None:
    """A date's printed 月 read unsure does not doubt it; a digit read 0.92 still does (the
    2010 read for 2016 on a tuned page); a name's traditional form read unsure does not."""

    def second(look: _probe.Look) -> None:
        monkeypatch.setattr(_probe, "class_probs", lambda crop: np.zeros((1, 1), np.float32))
        monkeypatch.setattr(_probe, "decode", lambda probs, alphabet=None: look)

    crop = np.full((8, 8), 255, np.uint8)
    second(_look("2016年06月18月", (0.99,) * 10 + (0.55,) * 2, digits=0.99))
    assert _probe.look_again(crop, "2016年06月18日", "filled_on", 0.99)[0] == ""
    second(_look("2010年06月18月", (0.99,) * 10 + (0.55,) * 2, digits=0.92))
    assert _probe.look_again(crop, "2010年06月18日", "filled_on", 0.99)[0] != ""
    second(_look("黃丽", (0.55, 0.99)))
    assert _probe.look_again(crop, "黄丽", "contact", 0.99, alone=True)[0] == ""
    second(_look("黄利", (0.99, 0.6)))
    assert _probe.look_again(crop, "黄利", "contact", 0.99, alone=True)[0] != ""
