"""Evidence that caps an OCR confidence: ink the text does not explain, a crossed-out word,
a value outside its field's grammar. Crops are drawn here, so each case is known."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fupin_forms.scan._evidence import (
    DOUBT,
    grammar_cap,
    line_cap,
    long_cap,
    measures,
    scribbled_span,
    strike_through,
    struck_span,
    text_width,
)
from fupin_forms.scan.synth import _font

PX = 28


def _line(text: str, strike: tuple[int, int] | None = None) -> np.ndarray:
    font = _font(PX)
    img = Image.new("L", (int(font.getlength(text)) + 30, 2 * PX), 255)
    draw = ImageDraw.Draw(img)
    draw.text((15, PX), text, font=font, fill=0, anchor="lm")
    if strike:
        a = 15 + font.getlength(text[: strike[0]])
        b = 15 + font.getlength(text[: strike[1]])
        draw.line([(a - 2, PX), (b + 2, PX + 2)], fill=0, width=3)
    return np.asarray(img)


def _centres(text: str) -> tuple[float, ...]:
    """Where a perfect reader puts each character's centre (fractions of the crop)."""
    font = _font(PX)
    width = int(font.getlength(text)) + 30
    return tuple((15 + font.getlength(text[:i]) + font.getlength(text[i]) / 2) / width
                 for i in range(len(text)))  # fmt: skip


def test_text_width_counts_cjk_wide_and_digits_narrow() -> None:
    assert text_width("赵文静") == 3.0
    assert 3.0 < text_width("276000") < 4.0


def test_a_clean_read_is_not_capped() -> None:
    crop = _line("赵文静")
    assert line_cap(crop, "赵文静", _centres("赵文静")) == (1.0, "")


def test_a_dropped_first_character_leaves_ink_before_the_text() -> None:
    crop = _line("赵文静")
    centres = _centres("赵文静")[1:]  # the reader saw only 文静
    cap, why = line_cap(crop, "文静", centres)
    assert cap == DOUBT and why
    assert measures(crop, "文静", centres)["lead"] > 1.1


def test_too_much_ink_for_the_text_without_positions() -> None:
    crop = _line("山东省临沂市兰山区")
    assert line_cap(crop, "山东省", ())[0] == DOUBT


def test_a_crossed_out_word_is_doubtful() -> None:
    crossed = _line("孟庆壬 孟庆华", strike=(0, 3))
    assert strike_through(crossed)
    assert line_cap(crossed, "孟庆壬孟庆华", _centres("孟庆壬 孟庆华"))[0] == DOUBT
    assert not strike_through(_line("孟庆壬 孟庆华"))
    assert not strike_through(_line("一二三"))


@pytest.mark.parametrize(
    ("path", "text", "ok"),
    [
        ("postcode", "276000", True),
        ("postcode", "27600", False),
        ("phone", "0539-8217356", True),
        ("villages[0].phone", "139549l2367", False),
        ("entries[2].participants", "45", True),
        ("entries[2].participants", "4S", False),
        ("email", "mengqh@lyaas.example.cn", True),
        ("email", "mengqh@lyaasexamplecn", False),
        ("applicant_name", "孟庆华", True),
        ("villages[1].contact", "15892902782", False),  # a phone in the name's box
        ("contact_person", "王2明", False),
    ],
)
def test_field_grammar(path: str, text: str, ok: bool) -> None:
    assert (grammar_cap(path, text) == 1.0) is ok


def test_the_struck_span_covers_the_crossed_out_word_not_its_correction() -> None:
    text = "高庆　蒋庆"
    crop = _line(text, strike=(0, 2))
    font = _font(PX)
    span = struck_span(crop)
    assert span is not None
    assert span[0] <= 15 + 2 and span[1] >= 15 + font.getlength("高庆") - 2
    assert span[1] < 15 + font.getlength("高庆　")  # the correction is left whole
    assert struck_span(_line(text)) is None


def test_a_crossed_out_word_is_whitened_and_the_correction_read() -> None:
    """The value of a corrected field is the correction; the line stays for a person."""
    from fupin_forms.scan._relook import without_struck

    crops = [_line("高庆　蒋庆", strike=(0, 2)), _line("同意申报。")]
    again = without_struck(crops, [False, False])
    assert list(again) == [0]  # only the struck line is read again
    assert again[0].text.strip() == "蒋庆"


@pytest.mark.parametrize(("text", "score", "capped"), [
    ("在贫困村开展常见病防治合理用药知识宣讲，全年宣讲8场", 0.98, True),
    ("在贫困村开展常见病防治合理用药知识宣讲，全年宣讲8场", 0.995, False),
    ("同意申报。", 0.93, False),
])
def test_a_long_line_must_be_surer(text: str, score: float, capped: bool) -> None:
    assert (long_cap(text, score) < 0.8) is capped


def test_a_scribbled_word_is_found_by_the_zigzag_the_recogniser_reads() -> None:
    crop = _line("庆云县科学技术协会")
    centres = _centres("WAAANN庆云县")
    span = scribbled_span(crop, "WAAANN庆云县", centres)
    assert span is not None and span[0] < span[1]
    assert scribbled_span(crop, "庆云县科学技术协会", _centres("庆云县科学技术协会")) is None
    assert scribbled_span(crop, "wamn@qq.com", _centres("wamn@qq.com")) is None  # no Chinese
