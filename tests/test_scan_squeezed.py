"""Two ways a hand's value loses its end without the recogniser noticing (issue 12):
date digits squeezed in small above the printed 年 月 日, and a light hand's last character
written past its box's rule, where the page's ink level does not see it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

import fupin_forms
from fupin_forms.scan._digit_ink import small_date_digits
from fupin_forms.scan._lines import _INK, faint_level, lift_faint
from fupin_forms.scan._read import _faint_spill

_FONT = Path(fupin_forms.__file__).parent / "_fonts" / "NotoSansSC-GBK.ttf"


def _date_line(day_size: int) -> tuple[np.ndarray, str, tuple[float, ...]]:
    """``2016年6月19日`` at 40 px, the 6 and 19 at ``day_size`` px and raised; the text as a
    recogniser reads it with its character centres."""
    big, small = ImageFont.truetype(str(_FONT), 40), ImageFont.truetype(str(_FONT), day_size)
    img = Image.new("L", (330, 60), 255)
    draw = ImageDraw.Draw(img)
    x, centres, text = 4, [], ""
    for part, font in (
        ("2016", big),
        ("年", big),
        ("6", small),
        ("月", big),
        ("19", small),
        ("日", big),
    ):
        y = 8 if font is big else 2
        for ch in part:
            w = draw.textlength(ch, font=font)
            draw.text((x, y), ch, font=font, fill=30)
            centres.append((x + w / 2) / 330)
            text += ch
            x += int(w) + 2
    return np.asarray(img), text, tuple(centres)


def test_small_raised_date_digits_are_doubted() -> None:
    crop, text, centres = _date_line(16)
    assert small_date_digits(crop, text, centres)


def test_date_digits_of_the_printed_size_are_not() -> None:
    crop, text, centres = _date_line(30)
    assert small_date_digits(crop, text, centres) == ""
    assert small_date_digits(crop, "2016-6-19", centres[:9]) == ""  # no 年: nothing to set against


def _faint_page(
    tail_past: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[int, int, int, int]]:
    """A 100×400 box of light writing (level 175 on paper 245); with ``tail_past`` its last
    character sits past the right rule, outside every box."""
    ink = np.full((300, 700), 245, np.uint8)
    box = (100, 100, 500, 200)
    for x in range(120, 480, 40) if not tail_past else range(120, 540, 40):
        ink[130:170, x : x + 30] = 175  # a character: a frame of 3 px strokes
        ink[133:167, x + 3 : x + 27] = 245
    printed = np.zeros(ink.shape, bool)
    claimed = np.zeros(ink.shape, bool)
    claimed[100:200, 100:500] = True
    return ink, printed, claimed, box


def test_faint_level_is_the_level_lift_faint_maps_to_ink() -> None:
    ink, _, _, box = _faint_page(False)
    zone = ink[box[1] : box[3], box[0] : box[2]]
    level = faint_level(zone)
    assert level is not None and 175 < level < 245
    lifted, _ = lift_faint(zone, zone)
    assert (lifted[zone < level] < _INK).all() and (lifted[zone >= level + 1] >= _INK - 1).all()
    dark = zone.copy()
    dark[dark < 200] = 40
    assert faint_level(dark) is None  # dark ink is left as it is


def test_light_tail_past_the_rule_is_seen_at_the_zones_level() -> None:
    class _Zone:
        key, kind = "address", "text"

    for past, want in ((True, "right"), (False, "")):
        ink, printed, claimed, box = _faint_page(past)
        level = faint_level(ink[box[1] : box[3], box[0] : box[2]])
        assert level is not None
        lines = [(120, 130, 498, 170)]
        assert _faint_spill(ink, printed, claimed, box, lines, level, _Zone()) == want  # type: ignore[arg-type]
        assert not (ink < _INK).any()  # the page's own level sees none of it


def test_an_empty_band_has_no_lines() -> None:
    """A table starting at the page's top edge leaves no band above it: nothing to read,
    not a ZeroDivisionError reported as a damaged file."""
    from fupin_forms.scan._ocr import read_lines

    assert read_lines(np.zeros((0, 500, 3), np.uint8)) == []
    assert read_lines(np.zeros((40, 0, 3), np.uint8)) == []



def test_writing_over_the_rule_under_a_box_and_into_the_next() -> None:
    """Strokes drawn across the ruling line between two boxes: the box above may be cut
    short ("below"), the box underneath may hold the other's writing ("above")."""
    from fupin_forms.scan._overflow import over_rules

    page = np.full((400, 600), 245, np.uint8)
    page[200:203, 50:550] = 20  # the rule
    upper, lower = (100, 150, 500, 200), (100, 203, 500, 260)
    assert over_rules(page, upper, 40) == "" and over_rules(page, lower, 40) == ""
    page[185:215, 300:304] = 30  # a stroke across it
    page[185:215, 320:324] = 30
    assert over_rules(page, upper, 40) == "below"
    assert over_rules(page, lower, 40) == "above"


def test_a_number_ending_a_phrase_lacks_its_unit() -> None:
    """解答问题3 for 解答问题3个, 人民路94 for 人民路94号: in Chinese prose a count takes its
    unit, so a value ending in a bare number lost it (written under the rule, past the box).
    None of 3513 free-text values of the other fixtures ends so."""
    from fupin_forms.scan._evidence import DOUBT, grammar_cap

    for path, cut in (("entries[0].outcome", "取土样25"), ("address", "山东省聊城市冠县人民路94"),
                      ("entries[3].activity", "户均增收37")):  # fmt: skip
        assert grammar_cap(path, cut) == DOUBT
    for path, whole in (("entries[0].outcome", "取土样25个"), ("address", "冠县人民路94号"),
                        ("entries[1].outcome", "亩增产约15%"), ("postcode", "252000")):  # fmt: skip
        assert grammar_cap(path, whole) == 1.0


def test_a_specialty_or_title_not_made_of_words_is_doubted() -> None:
    """A name read into 专业 (the table fitted one cell off) or a misread character is no
    dictionary word; the field's own affixes (蔬菜学, 副主任医师) are allowed."""
    from fupin_forms.scan._evidence import DOUBT, grammar_cap

    assert grammar_cap("specialty", "罗强") == DOUBT
    assert grammar_cap("specialty", "至壤肥料") == DOUBT
    for path, value in (("specialty", "水产养殖"), ("specialty", "蔬菜学"), ("title", "副主任医师"),
                        ("title", "高级农艺师")):  # fmt: skip
        assert grammar_cap(path, value) == 1.0
