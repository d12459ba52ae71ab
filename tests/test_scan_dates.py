"""The date grammar put back on OCR output: only when unambiguous, never inventing digits."""

from __future__ import annotations

import pytest

from fupin_forms.scan._dates import fix_date


@pytest.mark.parametrize(
    ("read", "want"),
    [
        ("2016年3月8日", "2016年3月8日"),
        ("2016年3月8曰", "2016年3月8日"),  # a printed character misread
        ("2016年3日8日", "2016年3月8日"),
        ("2016 3 8", "2016年3月8日"),
        ("年月日", ""),  # the printed blanks only: nobody dated it
        ("年 月 日", ""),
    ],
)
def test_repairs_only_the_printed_characters(read: str, want: str) -> None:
    assert fix_date(read, 0.99)[0] == want


@pytest.mark.parametrize(
    "read", ["016年3月21日", "101月8日", "年32日", "2016年13月8日", "2016年3月"]
)
def test_never_invents_digits_and_flags_the_rest(read: str) -> None:
    text, confidence = fix_date(read, 0.99)
    assert text == read and confidence <= 0.5


def test_a_repair_lowers_confidence_below_a_clean_read() -> None:
    assert fix_date("2016年3月8日", 0.99)[1] == 0.99
    assert fix_date("2016年3日8日", 0.99)[1] < 0.99


@pytest.mark.parametrize(
    ("read", "want"),
    [
        ("16年06月04日", "2016年6月4日"),  # the year written short on the printed skeleton
        ("16 3 8", "2016年3月8日"),
        ("二〇一六年三月八日", "2016年3月8日"),  # in Chinese numerals
        ("二〇一六年十二月二十八日", "2016年12月28日"),
        ("二〇一六年三月十九日", "2016年3月19日"),
    ],
)
def test_short_forms_are_read_but_left_for_a_person(read: str, want: str) -> None:
    text, confidence = fix_date(read, 0.99)
    assert text == want and confidence < 0.8


@pytest.mark.parametrize("read", ["二〇一年三月十月", "二〇一六年十三月八日", "二〇一六年三月十十日", "16年16月21日"])
def test_chinese_numerals_and_short_years_read_whole_or_not_at_all(read: str) -> None:
    text, confidence = fix_date(read, 0.99)
    assert text == read and confidence <= 0.5
