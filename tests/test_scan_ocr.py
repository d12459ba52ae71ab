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


def test_read_crops_reads_as_rapidocr_batches() -> None:
    """``read_crops`` runs the batches itself (to keep the probabilities of lines read
    unpadded) and must read exactly what RapidOCR's recogniser reads."""
    from rapidocr.ch_ppocr_rec import TextRecInput

    texts = ["13740754436", "山东省临沂市兰山区人民大街一百二十号", "45", "赵文静", "277150",
             "临沂市农业科学院", "zhanghy97@qq.com", "2016年3月8日"]  # fmt: skip
    lines = [_line(t) for t in texts]
    ours = _ocr.read_crops(lines)
    images = [np.repeat(x[:, :, None], 3, axis=2) for x in lines]
    theirs = _ocr._recogniser()(TextRecInput(img=images, return_word_box=True))
    assert [r.text for r in ours] == list(theirs.txts)
    assert [r.score for r in ours] == [float(min(w.confs)) for w in theirs.word_results]
    assert sum(r.alone for r in ours) == 2  # the widest of each batch of 6


def test_read_crops_keeps_the_probabilities_asked_for() -> None:
    """A line read unpadded (the widest of its batch) keeps its probabilities when asked:
    they are those of the line read by itself; a padded line's are not kept."""
    from fupin_forms.scan._probe import class_probs, decode

    line, short = _line("277150"), _line("45")
    kept, padded, dropped = _ocr.read_crops([line, short, line], keep=[True, True, False])
    assert kept.alone and dropped.alone and not padded.alone
    assert padded.probs is None and dropped.probs is None
    assert kept.probs is not None
    probs = class_probs(line)
    assert probs is not None and np.allclose(kept.probs, probs, atol=1e-5)
    assert decode(kept.probs).text == kept.text == decode(probs).text
