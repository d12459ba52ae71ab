"""Cutting zones into lines by ink, and seeing through a red seal: no OCR needed to test."""

from __future__ import annotations

import io
import itertools
from importlib import resources

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from fupin_forms.scan._lines import ink_gray, ink_only, split_lines

EM = 28.0  # 10 pt at 200 dpi


def _font(px: int) -> ImageFont.FreeTypeFont:
    path = resources.files("fupin_forms").joinpath("_fonts", "NotoSansSC-GBK.ttf")
    return ImageFont.truetype(io.BytesIO(path.read_bytes()), px)


def _zone(lines: list[str], seal: bool = False) -> np.ndarray:
    image = Image.new("RGB", (900, 200), "white")
    draw = ImageDraw.Draw(image)
    for n, text in enumerate(lines):
        draw.text((4, 8 + n * 42), text, font=_font(28), fill=(20, 20, 20))
    if seal:  # a red ring and a character, multiplied over the print as ink does
        stamp = Image.new("RGB", image.size, "white")
        d = ImageDraw.Draw(stamp)
        d.ellipse((600, -40, 820, 180), outline=(215, 35, 40), width=8)
        d.text((680, 60), "省", font=_font(40), fill=(215, 35, 40))
        image = ImageChops.multiply(image, stamp)
    return np.ascontiguousarray(np.asarray(image)[:, :, ::-1])


def test_three_lines_and_a_paragraph_that_stops_short() -> None:
    bgr = _zone(
        ["帮扶内容：苹果、桃标准化建园，整形修剪，病虫害", "绿色防控。", "形式：现场示范、田间培训"]
    )
    cuts = split_lines(ink_only(bgr), EM)
    assert len(cuts) == 3
    assert all(a.y1 <= b.y0 + 6 for a, b in itertools.pairwise(cuts))  # in order, not overlapping
    assert cuts[1].end < cuts[0].end - 2.5 * EM  # the short line ends a paragraph


def test_a_seal_adds_no_line_and_leaves_print_dark() -> None:
    bgr = _zone(["同意申报。"], seal=True)
    cuts = split_lines(ink_only(bgr), EM)
    assert len(cuts) == 1 and cuts[0].x1 < 300  # the seal's 省 is not part of the line
    assert int(ink_gray(bgr)[:, 600:820].min()) > 150  # the ring fades to paper in red light


def test_empty_zone_and_ruling_line_remnants_give_no_lines() -> None:
    bgr = _zone([])
    bgr[0:3, :] = 0  # a ruling line clipped into the zone
    bgr[:, 0:2] = 0
    assert split_lines(ink_only(bgr), EM) == []
