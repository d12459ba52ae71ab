"""The embedded PDF font prints every hanzi a Word/WPS user can type (GBK), not only GB2312.

Shandong's own place names need characters outside GB2312 (堌 in 曹县青堌集镇, 洸 in 洸河路,
鄄 is in GB2312 but 堌 is not); a flattened print that draws them as empty boxes is a form the
office cannot send. The blind scan author found this (tests/fixtures/scans_blind3/README.md).
"""

from __future__ import annotations

import contextlib

from fupin_forms.render._pdf_font import load_font

PLACE_NAMES = "曹县青堌集镇 洸河路 垚 喆 昇"


def _gbk_hanzi() -> set[str]:
    out = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                ch = bytes([hi, lo]).decode("gbk")
                if "\u4e00" <= ch <= "\u9fff":
                    out.add(ch)
    return out


def test_every_gbk_hanzi_has_a_drawn_glyph() -> None:
    font = load_font()
    hanzi = _gbk_hanzi()
    assert len(hanzi) > 20000  # GBK, not GB2312's 6,763
    missing = sorted(ch for ch in hanzi if ord(ch) not in font.cmap)
    assert missing == []
    empty = sorted(ch for ch in hanzi if not font.glyph(font.cmap[ord(ch)]))
    assert empty == []  # a glyph with no outline would print as nothing


def test_shandong_place_names_outside_gb2312_print() -> None:
    font = load_font()
    for ch in PLACE_NAMES.replace(" ", ""):
        assert ord(ch) in font.cmap, ch
        assert font.glyph(font.cmap[ord(ch)]), ch
    with contextlib.suppress(UnicodeEncodeError):
        "堌".encode("gb2312")
        raise AssertionError("堌 is in GB2312: this test no longer tests what it says")
