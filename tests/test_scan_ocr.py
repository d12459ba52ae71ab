"""The recogniser wrapper inside the pinned rapidocr range (issue 15): ``_ocr`` loads the
recognition model alone through rapidocr's ``_load_rec_model``, which is not public API.
These tests fail when an upgrade inside the range moves it, and check the public fallback
(``engine(img, use_det=False)``) reads the same text."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fupin_forms.scan import _ocr
from fupin_forms.scan.synth import _font


def _line(text: str, px: int = 28) -> np.ndarray:
    font = _font(px)
    img = Image.new("L", (int(font.getlength(text)) + 24, 2 * px), 255)
    ImageDraw.Draw(img).text((12, px), text, font=font, fill=0, anchor="lm")
    return np.asarray(img)


def test_rec_model_hook_exists_in_pinned_range() -> None:
    assert _ocr._recogniser() is not None


def test_read_crops_text_score_and_centres() -> None:
    (got,) = _ocr.read_crops([_line("赵文静45人")])
    assert got.text.replace(" ", "") == "赵文静45人"
    assert 0.5 < got.score <= 1.0
    assert len(got.centres) == 6
    assert list(got.centres) == sorted(got.centres)
    assert 0.0 < got.centres[0] < 0.25 and 0.75 < got.centres[-1] < 1.0


def test_public_fallback_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_ocr, "_recogniser", lambda: None)
    (got,) = _ocr.read_crops([_line("临沂市农业科学院")])
    assert got.text == "临沂市农业科学院"
    assert got.centres == ()


def test_a_line_reads_the_same_beside_any_neighbour() -> None:
    """Lines are read one a model call: a batch padded every line to its widest neighbour,
    which moved the probabilities (the same line read differently on another page)."""
    short = _line("13740754436")
    (alone,) = _ocr.read_crops([short])
    beside = _ocr.read_crops([_line("山东省临沂市兰山区人民大街一百二十号院内"), short, _line("45")])
    assert (beside[1].text, beside[1].score, beside[1].centres) == (alone.text, alone.score, alone.centres)


def test_read_crops_keeps_the_probabilities_asked_for() -> None:
    from fupin_forms.scan._probe import class_probs, decode

    line = _line("277150")
    kept, dropped = _ocr.read_crops([line, line], keep=[True, False])
    assert dropped.probs is None
    assert kept.probs is not None
    probs = class_probs(line)
    assert probs is not None and np.array_equal(kept.probs, probs)  # the line read alone
    assert decode(kept.probs).text == kept.text
