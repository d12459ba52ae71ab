"""RapidOCR (PP-OCR models inside the wheel, fully offline), built once per process.

Three facts shape this module: RapidOCR's default ``max_side_len`` (2000) silently shrinks a
200-dpi A4 page (2339 px tall), so it is raised; it returns ASCII punctuation for full-width
marks (``）`` → ``)``); and it reads Kai handwriting's traditional shapes as traditional
characters (縣 for 县). Values in Chinese get their marks and simplified forms back in
``normalise``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["Line", "Read", "engine", "framed", "normalise", "probs_alone", "read_crops", "read_lines", "recognise"]

_FULL = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"})
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Line:
    """One recognised text line: its box (4 points, pixels), text and score 0–1."""

    box: NDArray[np.float64]
    text: str
    score: float

    @property
    def centre(self) -> tuple[float, float]:
        return float(self.box[:, 0].mean()), float(self.box[:, 1].mean())


def _threads() -> int:
    """ONNX threads per process: ``FUPIN_FORMS_OCR_THREADS`` (default 1)."""
    try:
        return max(1, min(16, int(os.environ.get("FUPIN_FORMS_OCR_THREADS", "1"))))
    except ValueError:
        return 1


@cache
def engine() -> Any:
    """The process-wide engine: loading the three ONNX models takes ~0.5 s, once."""
    from rapidocr import RapidOCR

    ocr = RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.max_side_len": 2600,
            "Global.use_cls": False,  # the page is upright after registration
            "Det.limit_type": "max",  # detect on a ~100-dpi copy; recognise at full size
            "Det.limit_side_len": 1216,
            # one thread: a page costs ~1/3 less CPU than with two (onnxruntime's second
            # thread mostly spins); a worker per core gives the throughput
            "EngineConfig.onnxruntime.intra_op_num_threads": _threads(),
            # every line is padded to at least this width; the default 320 px made a short
            # field (a name, a postcode) cost as much as a long one: ~30 % of recognition time
            "Rec.rec_img_shape": [3, 48, 64],
            # 6 lines a model call (RapidOCR's default); ``read_crops`` batches the same
            "Rec.rec_batch_num": 6,
        }
    )
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    # RapidOCR loads its detection and recognition models on first use: load both now, so
    # a worker pays for them once, up front, and not inside the first page that detects
    # (an unmarked page's title band, ~0.4 s)
    for load in ("_load_det_model", "_load_rec_model"):
        step = getattr(ocr, load, None)
        if callable(step):
            step()
    return ocr


def read_lines(image: NDArray[np.uint8]) -> list[Line]:
    """Every text line RapidOCR finds in ``image`` (BGR); none in an empty crop (a band
    above a table that starts at the page's top edge: RapidOCR divides by its height)."""
    if image.ndim < 2 or min(image.shape[:2]) < 2:
        return []
    # every step named on each call: rapidocr keeps the last call's choices on the engine
    result = engine()(image, use_det=True, use_cls=False, use_rec=True)
    if result.boxes is None or result.txts is None or result.scores is None:
        return []
    return [
        Line(np.asarray(b, dtype=np.float64), str(t), float(s))
        for b, t, s in zip(result.boxes, result.txts, result.scores, strict=True)
    ]


@dataclass(frozen=True)
class Read:
    """One line image read: text, least sure character's probability, and where each
    character's centre lies, as fractions of the image width (from the CTC columns).
    ``alone``: the line was the widest of its batch, so nothing padded it and its reading
    is the one it gets read by itself; ``probs``: then, when asked for, its per-column
    class probabilities (the second look, ``_probe``, reuses them)."""

    text: str
    score: float
    centres: tuple[float, ...] = ()
    alone: bool = False
    probs: NDArray[np.float32] | None = field(default=None, compare=False, repr=False)


def _recogniser() -> Any:
    """RapidOCR's recognition model alone. ``_load_rec_model`` is not public API, so the
    supported range is pinned in pyproject (rapidocr>=3.10,<3.11) and tested
    (tests/test_scan_ocr.py); without it, the public ``engine(img, use_det=False)`` path
    recognises line by line."""
    load = getattr(engine(), "_load_rec_model", None)
    rec = load() if callable(load) else None
    if rec is not None and not isinstance(rec.rec_image_shape, tuple):
        # an OmegaConf list, unpacked on every line (``resize_norm_img``): ~2 % of a page
        rec.rec_image_shape = tuple(int(v) for v in rec.rec_image_shape)
    return rec


def framed(line: NDArray[np.uint8], em: float, share: float) -> NDArray[np.uint8]:
    """``line`` (cut tight to its ink) with ``share`` em of white above and below, as the
    marked reader frames its lines (``_read._MARGIN``, 0.4 em): the recogniser scales
    every line to 48 px high, so a tight line of 10-pt print is blown up ~1.7x and costs as
    many more columns; framed, the same line is fewer columns to read."""
    pad = round(share * em)
    if line.size == 0 or pad <= 0:
        return line
    width = ((pad, pad), (0, 0)) if line.ndim == 2 else ((pad, pad), (0, 0), (0, 0))
    return np.pad(line, width, constant_values=255)


def _bgr(image: NDArray[np.uint8]) -> NDArray[np.uint8]:
    return np.repeat(image[:, :, None], 3, axis=2) if image.ndim == 2 else image


def _ratio(image: NDArray[np.uint8]) -> float:
    h, w = image.shape[:2]
    return float(w) / max(int(h), 1)


def probs_alone(rec: Any, image: NDArray[np.uint8]) -> NDArray[np.float32]:
    """One line image (grey or BGR) through the recognition model by itself, as RapidOCR
    prepares it (48 px high, at least ``rec_img_shape`` wide): the per-column class
    probabilities (columns × classes)."""
    _, height, width = rec.rec_image_shape
    ratio = max(_ratio(image), width / height)
    batch = rec.resize_norm_img(_bgr(image), ratio)[None].astype(np.float32)
    return np.asarray(rec.session(batch)[0], dtype=np.float32)


def read_crops(lines: list[NDArray[np.uint8]], keep: Sequence[bool] | None = None) -> list[Read]:
    """Text, score and character centres of each line image (grey or BGR), recognition
    model only, in RapidOCR's batches (``rec_batch_num`` lines of similar width, each
    padded with grey to the batch's widest, exactly as ``TextRecognizer`` does, so reads
    are RapidOCR's own); ``keep[i]``: keep line i's class probabilities when it was read
    unpadded (``Read.alone``), for a second look that then need not run the model again.

    The zones are known and cut into lines by ink (``_lines``), so the detection model,
    most of RapidOCR's time on a page, is skipped. The score is the *least sure
    character's* probability, not RapidOCR's mean: one misread character in a village name
    barely moves a mean, and that is the error to catch. (Measured, left out: one line a
    model call, no padding: ~11 % less CPU a page, but 989 vs 992–995 of 1133 fields exact
    on the degraded set; one a call with a fixed grey tail of one line height read as
    batches do on the pages that had changed, and cost as much as the batches.)"""
    if not lines:
        return []
    rec = _recogniser()
    if rec is None:
        out = []
        for image in lines:
            res = engine()(_bgr(image), use_det=False, use_cls=False, use_rec=True)
            txts, scores = getattr(res, "txts", None) or ("",), getattr(res, "scores", None)
            out.append(Read(str(txts[0]), float(scores[0]) if scores else 0.0))
        return out
    wanted = list(keep) if keep is not None else [False] * len(lines)
    ratios = [_ratio(x) for x in lines]
    order = np.argsort(np.array(ratios))  # as RapidOCR sorts: similar widths share a batch
    _, height, width = rec.rec_image_shape
    found: dict[int, Read] = {}
    for start in range(0, len(lines), rec.rec_batch_num):
        group = [int(i) for i in order[start : start + rec.rec_batch_num]]
        widest = max([width / height, *(ratios[i] for i in group)])
        batch = np.concatenate([rec.resize_norm_img(_bgr(lines[i]), widest)[None] for i in group])
        preds = rec.session(batch.astype(np.float32))
        texts, words = rec.postprocess_op(preds, True, wh_ratio_list=[ratios[i] for i in group],
                                          max_wh_ratio=widest)  # fmt: skip
        for k, i in enumerate(group):
            # unpadded: the model saw exactly what it sees of the line by itself
            alone = int(height * widest) == int(height * max(ratios[i], width / height))
            probs = np.array(preds[k], dtype=np.float32) if alone and wanted[i] else None
            text, mean = texts[k]
            found[i] = _read(str(text), float(mean), words[k], alone, probs)
    return [found[i] for i in range(len(lines))]


def _read(text: str, mean: float, words: Any, alone: bool, probs: NDArray[np.float32] | None) -> Read:
    confs = getattr(words, "confs", None)
    cols = [c for group in (getattr(words, "word_cols", None) or []) for c in group]
    length = float(getattr(words, "line_txt_len", 0.0) or 0.0)
    centres = tuple((c + 0.5) / length for c in cols) if length > 0 else ()
    return Read(text, float(min(confs)) if confs else float(mean), centres, alone, probs)


def recognise(lines: list[NDArray[np.uint8]]) -> list[tuple[str, float]]:
    """``read_crops`` without the character positions."""
    return [(r.text, r.score) for r in read_crops(lines)]


def normalise(text: str) -> str:
    """Full-width punctuation and no stray spaces in Chinese text; other text as read."""
    text = text.replace("|", "").strip()  # a ruling line's remnant, never in a value
    if _CJK.search(text):
        text = _simplified(re.sub(r"\s+", "", text).translate(_FULL))
    return text


@cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    """Traditional characters in simplified form: the forms are filled in simplified
    Chinese, but a Kai hand (and the Kai fonts people fill forms with) has traditional
    shapes the recogniser then reads as 縣, 務, 學 (OpenCC's phrase-aware t2s)."""
    return str(_t2s().convert(text))
