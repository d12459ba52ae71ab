"""Each value type against the spellings people really write on forms."""

from __future__ import annotations

import datetime as dt

import pytest

from fupin_forms.models._values import (
    cn_date,
    normalize_text,
    parse_date,
    parse_email,
    parse_phone,
    parse_postcode,
)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0539-3261847", "0539-3261847"),
        ("0539－３２６１８４７", "0539-3261847"),
        ("(0539)3261847", "0539-3261847"),
        ("（0539）3261847", "0539-3261847"),
        ("0539 3261847", "0539-3261847"),
        ("05393261847", "0539-3261847"),
        ("053188888888", "0531-88888888"),
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("0539-3261847-8021", "0539-3261847-8021"),
        ("0539-3261847转8021", "0539-3261847-8021"),
        ("0539-3261847 分机 21", "0539-3261847-21"),
        ("  0539-3261847\u3000", "0539-3261847"),
    ],
)
def test_phone_spellings_normalise(raw: str, want: str) -> None:
    assert parse_phone(raw) == want


@pytest.mark.parametrize(
    "raw", ["3261847", "12345", "1381234567", "138123456789", "0539-326", "电话", "1238123456x"]
)
def test_phone_rejects_non_numbers(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_phone(raw)


def test_mobile_has_no_extension() -> None:
    with pytest.raises(ValueError, match="分机"):
        parse_phone("13812345678转12")


@pytest.mark.parametrize(
    ("raw", "want"), [("276000", "276000"), ("２７６０００", "276000"), (" 256 800 ", "256800")]
)
def test_postcode(raw: str, want: str) -> None:
    assert parse_postcode(raw) == want


@pytest.mark.parametrize("raw", ["27600", "2760001", "27600a"])
def test_postcode_rejects(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_postcode(raw)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("mengqh@lyaas.cn", "mengqh@lyaas.cn"),
        ("Meng.QH@LYAAS.CN", "Meng.QH@lyaas.cn"),
        ("mengqh＠lyaas．cn", "mengqh@lyaas.cn"),
        (" a_b+c@163.com ", "a_b+c@163.com"),
    ],
)
def test_email(raw: str, want: str) -> None:
    assert parse_email(raw) == want


@pytest.mark.parametrize("raw", ["mengqh", "a@b", "a@@b.cn", "a@b..cn", "张三@qq.com"])
def test_email_rejects(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_email(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "2016-03-05",
        "2016-3-5",
        "2016年3月5日",
        "2016 年 3 月 5 日",
        "2016年03月05日",
        "2016年3月5号",
        "2016.3.5",
        "2016/3/5",
        "20160305",
        "二〇一六年三月五日",
        "二零一六年三月五日",
        "２０１６年３月５日",
        dt.date(2016, 3, 5),
        dt.datetime(2016, 3, 5, 10, 30),
    ],
)
def test_date_spellings(raw: object) -> None:
    assert parse_date(raw) == dt.date(2016, 3, 5)


def test_chinese_numeral_dates_with_tens() -> None:
    assert parse_date("二〇一六年十二月三十一日") == dt.date(2016, 12, 31)
    assert parse_date("二〇一七年十月二十日") == dt.date(2017, 10, 20)


@pytest.mark.parametrize("raw", ["2016年2月30日", "2016-13-01", "2017.2.29", "三月五日", "明天"])
def test_date_rejects(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_date(raw)


def test_cn_date() -> None:
    """One date printer for the docx and PDF renderers and the rule messages."""
    assert cn_date(dt.date(2016, 3, 5)) == "2016年3月5日"
    assert cn_date("2016-03-05") == "2016年3月5日"
    assert cn_date(None) == cn_date("") == ""
    with pytest.raises(ValueError):
        cn_date("2016年3月5日")


def test_text_normalisation_keeps_chinese_punctuation() -> None:
    assert normalize_text("\u3000 沂水县，１２个村。\r\n第二行 ") == "沂水县，12个村。\n第二行"
