"""The scan reader uses two parts of RapidOCR that are not its public API; the pin in
pyproject.toml must hold the installed version, and those parts must be there."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _requirement(name: str) -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    return next(r for r in reqs if r.name == name)


def test_installed_rapidocr_is_in_the_tested_range() -> None:
    req = _requirement("rapidocr")
    assert req.specifier.contains(version("rapidocr")), (str(req), version("rapidocr"))
    assert any(s.operator == "<" for s in req.specifier), "upper bound: private API in use"


def test_the_private_parts_we_call_exist() -> None:
    from rapidocr import RapidOCR
    from rapidocr.ch_ppocr_rec import TextRecInput

    assert callable(RapidOCR._load_rec_model)
    assert {"img", "return_word_box"} <= set(TextRecInput.__dataclass_fields__)


def test_the_second_look_reaches_the_recogniser_internals() -> None:
    """scan/_probe decodes the recogniser's per-column probabilities itself (constrained
    decoding, a line read alone); on the pinned version it must never fall back to skipping."""
    import numpy as np

    from fupin_forms.scan._ocr import _recogniser
    from fupin_forms.scan._probe import class_probs

    rec = _recogniser()
    assert rec is not None
    assert len(rec.rec_image_shape) == 3 and callable(rec.resize_norm_img)
    assert len(rec.postprocess_op.character) > 6000  # the Chinese charset, blank first
    line = np.full((32, 160), 255, np.uint8)
    line[10:22, 20:140:8] = 0
    probs = class_probs(line)
    assert probs is not None and probs.ndim == 2
    assert probs.shape[1] == len(rec.postprocess_op.character)
