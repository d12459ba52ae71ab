"""The grey placeholder a Word form prints against a light pen written after it (issue 12,
unmarked pages): colour, darkness and the placeholder's place decide per word; a light line
kept without colour or darkness to vouch for it is doubted with its reason, never dropped.
Small synthetic cells only: no model runs here."""

from __future__ import annotations

import numpy as np

from fupin_forms.scan._hint_ink import HintCut, after_hint, page_tint
from fupin_forms.scan._lines import ink_gray
from fupin_forms.scan._unmarked_lines import lines_of as _lines_of
from fupin_forms.scan._why import FAINT, GREY, LIGHT

EM = 29
GREY_PRINT = (135, 135, 135)  # Word's placeholder grey, as a flatbed returns it (B, G, R)
LIGHT_BLUE = (200, 150, 125)  # a lightly pressed blue ballpoint: red channel 125, like print


def _cell(hint_chars: int, pen_chars: int, pen: tuple[int, int, int], gap: float = 1.5,
          pen_at: int | None = None) -> np.ndarray:  # fmt: skip
    """A 420×60 BGR cell: ``hint_chars`` grey placeholder blocks at the left, then
    ``pen_chars`` blocks of ``pen`` after a gap of ``gap`` ems (or from column ``pen_at``)."""
    cell = np.full((60, 420, 3), 245, np.uint8)
    x = 8
    for _ in range(hint_chars):
        cell[18:42, x + 3 : x + EM - 5] = GREY_PRINT
        x += EM
    x = pen_at if pen_at is not None else x + int(gap * EM)
    for _ in range(pen_chars):
        cell[14:44, x + 2 : x + EM - 3] = pen
        x += EM
    return cell


def _page(cell: np.ndarray) -> np.ndarray:
    """The cell on a page that also holds some blue writing elsewhere (a colour capture)."""
    page = np.full((200, 420, 3), 245, np.uint8)
    page[:60] = cell
    page[120:150, 20:200] = (160, 60, 30)  # a dark blue pen's line in another cell
    return page


def test_a_grey_print_has_no_colour_and_a_blue_pen_has() -> None:
    page = _page(_cell(7, 3, LIGHT_BLUE))
    tint = page_tint(page)
    assert tint is not None
    assert int(tint[30, 20]) < 5  # the placeholder
    assert int(tint[30, 8 + 7 * EM + int(1.5 * EM) + 10]) > 40  # the pen
    # a grey capture (or bi-level) holds no colour: nothing to say
    grey = np.repeat(ink_gray(page)[:, :, None], 3, axis=2)
    assert page_tint(grey) is None


def test_a_light_blue_pen_after_the_placeholder_is_read_on_a_colour_capture() -> None:
    page = _page(_cell(7, 3, LIGHT_BLUE))
    gray = ink_gray(page)
    assert gray[30, 8 + 7 * EM + int(1.5 * EM) + 10] > 105  # as light as print by darkness
    [(crop, rect, _, dropped, _, note)] = _lines_of(gray, (0, 0, 420, 60), EM, "请填写工作单位",
                                                    page_tint(page))  # fmt: skip
    # kept, as the pen's (colour vouches for it), but doubted: no stroke darker than print
    assert not dropped and note == FAINT
    assert rect[0] >= 7 * EM  # the placeholder cut off before recognition
    assert int((crop < 150).sum()) > 0
    # a pen of the same colour pressed harder: read as any writing
    page = _page(_cell(7, 3, (160, 60, 30)))
    [(_, rect, _, dropped, _, note)] = _lines_of(ink_gray(page), (0, 0, 420, 60), EM,
                                                 "请填写工作单位", page_tint(page))  # fmt: skip
    assert not dropped and note == "" and rect[0] >= 7 * EM


def test_the_same_light_ink_without_colour_is_kept_but_doubted() -> None:
    page = _page(_cell(7, 3, LIGHT_BLUE))
    grey = np.repeat(ink_gray(page)[:, :, None], 3, axis=2)  # the same page, grey capture
    gray = ink_gray(grey)
    [(_, rect, _, dropped, _, note)] = _lines_of(gray, (0, 0, 420, 60), EM, "请填写工作单位",
                                                 page_tint(grey))  # fmt: skip
    assert not dropped and note == LIGHT  # kept (never lost without a word), doubted
    assert rect[0] >= 7 * EM


def test_light_ink_past_where_the_placeholder_can_reach_is_writing() -> None:
    # a blurred photo: the placeholder fell under the ink threshold, only the pen shows
    cell = np.full((60, 420, 3), 245, np.uint8)
    cell[14:44, 240:330] = 125
    cut = after_hint(ink_gray(cell)[14:44, 230:340], EM, 7, None, x0=230)
    assert cut == HintCut(0, light=True)


def test_an_untouched_placeholder_is_still_dropped() -> None:
    page = _page(_cell(7, 0, LIGHT_BLUE))
    [(_, _, _, dropped, _, note)] = _lines_of(ink_gray(page), (0, 0, 420, 60), EM, "请填写工作单位",
                                              page_tint(page))  # fmt: skip
    assert dropped and note == ""  # colour would have shown a pen: sure
    grey = np.repeat(ink_gray(page)[:, :, None], 3, axis=2)
    [(_, _, _, dropped, _, note)] = _lines_of(ink_gray(grey), (0, 0, 420, 60), EM, "请填写工作单位",
                                              page_tint(grey))  # fmt: skip
    assert dropped and note == ""  # as wide as its text: sure without colour too
    # a fragment of it, on a grey capture: dropped, but the cell says why
    part = np.repeat(ink_gray(_page(_cell(3, 0, LIGHT_BLUE)))[:, :, None], 3, axis=2)
    [(_, _, _, dropped, _, note)] = _lines_of(ink_gray(part), (0, 0, 420, 60), EM, "请填写工作单位")
    assert dropped and note == GREY


def test_a_ledger_cell_prints_no_placeholder_so_light_ink_is_writing() -> None:
    page = _page(_cell(0, 4, (125, 125, 125), pen_at=10))
    [(_, _, _, dropped, _, note)] = _lines_of(ink_gray(page), (0, 0, 420, 60), EM, None)
    assert not dropped and note == ""
