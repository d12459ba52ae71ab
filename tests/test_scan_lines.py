"""Cutting zones into lines by ink, and seeing through a red seal: no OCR needed to test."""

from __future__ import annotations

import io
import itertools
from importlib import resources

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from fupin_forms.scan._lines import ink_gray, ink_only, lift_faint, split_lines

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


def test_faint_writing_is_lifted_to_be_found_and_read() -> None:
    """A blurred photo of a thin pen: strokes at ~175 on paper at 245, none below the ink
    level; lifted, the line is found and its pixels are as dark as print."""
    bgr = _zone(["济宁市泗水县人民路72号"])
    faint = (245 - (245 - bgr.astype(np.float32)) * 0.3).astype(np.uint8)  # ink 20 → ~177
    where, gray = ink_only(faint), ink_gray(faint)
    assert split_lines(where, EM) == []
    lifted, seen = lift_faint(where, gray)
    cuts = split_lines(lifted, EM)
    assert len(cuts) == 1 and cuts[0].x1 > 250
    assert int(seen.min()) < 100 and int(np.median(seen)) > 235  # ink dark, paper paper


def test_dark_writing_and_empty_zones_are_not_lifted() -> None:
    bgr = _zone(["同意申报。"])
    where, gray = ink_only(bgr), ink_gray(bgr)
    assert lift_faint(where, gray)[0] is where
    paper = np.full((60, 400), 244, np.uint8)
    paper[20:24, 50:60] = 215  # a faint smudge on an empty zone is no writing
    assert lift_faint(paper, paper)[0] is paper


def test_a_large_slanted_line_is_not_cut_in_two() -> None:
    """Writing larger than the zone's em and drifting downhill makes one run ~1.9 em tall
    with no empty row inside: it is one line; cut, its lower half was read as a line of
    garbage of its own."""
    image = Image.new("RGB", (900, 120), "white")
    draw = ImageDraw.Draw(image)
    for n, ch in enumerate("讲，全年宣讲8场，受益群众600人次。"):
        draw.text((4 + n * 40, 6 + n * 1.1), ch, font=_font(38), fill=(20, 20, 20))
    bgr = np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
    cuts = split_lines(ink_only(bgr), EM)
    assert len(cuts) == 1


def test_the_faint_full_stop_after_the_last_dark_character_is_kept() -> None:
    bgr = _zone(["同意申报"])
    end = split_lines(ink_only(bgr), EM)[0].end
    bgr[28:34, end + 14 : end + 20] = 190  # a faint 。 0.5 em after the last dark ink
    cut = split_lines(ink_only(bgr), EM, tail=1.0)[0]
    assert cut.x1 >= end + 20


def test_a_line_written_high_is_followed_over_the_zone_edge_but_not_over_a_rule() -> None:
    """The window holds the zone (rows 36–76) and more either side. Writing that sits
    14 px above the zone's top is read whole; writing above a ruling line is not ours."""
    image = Image.new("RGB", (700, 114), "white")
    draw = ImageDraw.Draw(image)
    draw.text((10, 14), "梁庆华", font=_font(28), fill=(20, 20, 20))  # rows ~20–46
    bgr = np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
    inner = (36, 76)
    first = int(np.flatnonzero((ink_only(bgr) < 150).any(axis=1))[0])
    assert first < 30  # a third of the writing lies above the zone
    cuts = split_lines(ink_only(bgr), EM, inner)
    assert len(cuts) == 1 and cuts[0].y0 <= first
    alone = split_lines(ink_only(bgr)[36:76], EM)  # the zone alone: the lower part only
    assert all(c.y0 == 0 for c in alone)
    ruled = bgr.copy()
    ruled[33:35, :] = 0  # a ruling line between the writing's top and the zone
    cuts = split_lines(ink_only(ruled), EM, inner)
    assert all(c.y0 >= 35 for c in cuts)
