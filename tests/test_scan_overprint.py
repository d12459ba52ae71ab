"""Writing that lands on printed text is seen (issue 12, "a confidence that means something").

A crowded hand writes the day's first digit over the printed 月; its ink joins the glyph and
the recogniser reads ``2016年4月25日`` as ``2016年4月5日`` at 0.99. The reader knows what
was printed where, so such ink is measured against the blank print (``_overprint``). The page
``tests/fixtures/scans_printover/po_1207_02_annex4.jpg`` is such a page (made by
``make_printover.py --seed 1207``, file 2, 300-dpi colour flatbed): before the rule it was
read 2016-04-05 at 0.99 with no issue. The measure itself is checked on the blank print:
ink drawn over 月 is found, ink a few pixels clear of it is not, whatever else is drawn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import cv2
import pytest

from fupin_forms.render.pdf import print_geometry
from fupin_forms.scan import REVIEW_THRESHOLD
from fupin_forms.scan._blank import blank_gray
from fupin_forms.scan._overprint import (
    Over,
    Stray,
    accounts,
    chars_near,
    ink_gain,
    over_print,
    regroup,
    settle,
)
from fupin_forms.scan._read import _EM, _px_rect

HERE = Path(__file__).resolve().parent / "fixtures" / "scans_printover"


@pytest.fixture(scope="module")
def blank() -> tuple[Any, tuple[int, int, int, int], list[tuple[int, int, int, int]]]:
    """Annex 4 page 1 as printed (a perfect scan of the blank), the 填表时间 zone in pixels
    and the printed characters there (年, 月, 日)."""
    geo = print_geometry("annex4")[0]
    zone = next(z for z in geo.zones if z.key == "filled_on")
    rect = _px_rect(zone.rect, geo.size[1])
    chars = chars_near("annex4", geo.rows, 1, rect, _EM)
    return (geo.rows, rect, chars)


def _overs(ink: Any, rows: int, rect: Any, chars: Any) -> list[Over]:
    gain = ink_gain(ink, "annex4", rows, 1, _EM)
    return over_print(ink, "annex4", rows, 1, rect, chars, _EM, gain)


def test_the_date_zone_knows_its_printed_characters(blank: Any) -> None:
    rows, rect, chars = blank
    assert len(chars) == 3  # 年 月 日
    assert all(rect[0] <= c[0] and c[2] <= rect[2] for c in chars)
    assert _overs(blank_gray("annex4", rows, 1).copy(), rows, rect, chars) == []


def test_a_digit_written_over_yue_is_hand_ink_on_print(blank: Any) -> None:
    rows, rect, chars = blank
    ink = blank_gray("annex4", rows, 1).copy()
    yue = sorted(chars)[1]
    # a "2" whose left half lies on 月, as a crowded hand writes the day's first digit
    x = yue[0] + (yue[2] - yue[0]) // 2 - 4
    cv2.putText(ink, "2", (x, yue[3] + 2), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 0, 2)
    overs = _overs(ink, rows, rect, chars)
    assert [o.box for o in overs] == [yue]
    # and a reading with no digit there does not account for it; one with a digit there does
    width = rect[2] - rect[0]
    assert not accounts("2016年4月5日", _centres(rect, chars), width, rect[0], overs, _EM)
    xs = [rect[0] + 4, rect[0] + 12, rect[0] + 20, rect[0] + 28, yue[0] - 20, yue[0] + 8,
          yue[2] + 10]  # fmt: skip
    assert accounts("2016425", _digits(rect, xs), width, rect[0], overs, _EM)


def test_ink_close_to_the_print_but_clear_of_it_is_not(blank: Any) -> None:
    rows, rect, chars = blank
    ink = blank_gray("annex4", rows, 1).copy()
    yue, ri = sorted(chars)[1], sorted(chars)[2]
    # the day's digits 4 px after 月, a 1 beside 日's left, a year ending 4 px before 年
    cv2.putText(ink, "25", (yue[2] + 5, yue[3]), cv2.FONT_HERSHEY_SIMPLEX, 0.55, 0, 2)
    cv2.line(ink, (ri[0] - 5, ri[1]), (ri[0] - 5, ri[3]), 0, 2)
    nian = sorted(chars)[0]
    cv2.putText(ink, "2016", (nian[0] - 62, nian[3]), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 0, 2)
    assert _overs(ink, rows, rect, chars) == []


def _digits(rect: Any, xs: list[float]) -> tuple[float, ...]:
    """Character centres at page columns ``xs``, as fractions of the zone's width."""
    return tuple((x - rect[0]) / (rect[2] - rect[0]) for x in xs)


def _centres(rect: Any, chars: Any) -> tuple[float, ...]:
    """Centres for ``2016年4月5日``: the year before 年, 4 and 5 in the middle of their
    gaps, 年/月/日 on the print."""
    n, y, r = ((c[0] + c[2]) / 2 for c in sorted(chars))
    return _digits(rect, [rect[0] + 4, rect[0] + 12, rect[0] + 20, rect[0] + 28, n, (n + y) / 2,
                          y, (y + r) / 2, r])  # fmt: skip


def test_a_date_is_regrouped_by_the_printed_characters() -> None:
    chars = [(100, 0, 120, 20), (150, 0, 170, 20), (200, 0, 220, 20)]
    # 2016 before 年's middle, 06 before 月's, 11 before 日's: the second 1 on 月's right half
    xs = [10, 30, 50, 70, 130, 140, 165, 185]
    assert regroup("20160611", tuple(x / 300 for x in xs), 300, 0, chars) == "2016年6月11日"
    assert regroup("2016061", tuple(x / 300 for x in xs[:7]), 300, 0, chars) == "2016年6月1日"
    assert regroup("201606", tuple(x / 300 for x in xs[:6]), 300, 0, chars) is None  # no day
    assert regroup("20160611", tuple(x / 300 for x in xs), 300, 0, chars[:2]) is None


def test_settle_keeps_only_what_the_reading_accounts_for() -> None:
    chars = [(100, 0, 120, 20), (150, 0, 170, 20), (200, 0, 220, 20)]
    on_yue = [Over(chars[1], 0.05, 160.0)]
    kept = Stray(on_yue, chars, True, "2016年4月25日", True, 1)
    assert settle("2016年4月25日", 0.99, "", kept, 0.5) == ("2016年4月25日", 0.99, "")
    dropped = Stray(on_yue, chars, True, "2016年4月25日", True, 1)
    text, conf, why = settle("2016年4月5日", 0.99, "", dropped, 0.5)
    assert (text, conf) == ("2016年4月25日", 0.5) and "“月”字" in why  # offered, for a person
    # only the groups beside the written-on 月 are taken from the reading without the print
    blurred = Stray(on_yue, chars, True, "2010年3月11日", True, 1)
    assert settle("2016年3月1日", 0.99, "", blurred, 0.5)[0] == "2016年3月11日"
    unread = Stray(on_yue, chars, True, "2016年4月5日", False, 1)
    assert settle("2016年4月5日", 0.99, "", unread, 0.5)[1] == 0.5
    assert settle("2016年4月5日", 0.99, "", None, 0.5) == ("2016年4月5日", 0.99, "")


CLOSE = HERE.parent / "scans_degraded" / "clean300_a4_2.jpg"


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The fixture page and a page dated close to the print (``CLOSE``), parsed once:
    their feed records by file stem."""
    from click.testing import CliRunner

    from fupin_forms.cli import main

    out = tmp_path_factory.mktemp("po") / "feed.jsonl"
    pages = [str(HERE / "po_1207_02_annex4.jpg"), str(CLOSE)]
    res = CliRunner().invoke(main, ["parse", *pages, "-o", str(out)])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    return {Path(r["source"]["path"]).stem: r for r in records}


def test_a_day_written_over_yue_is_never_a_sure_wrong_date(feed: dict[str, Any]) -> None:
    """Read 2016-04-05 at 0.99 with no issue before the rule."""
    rec = feed["po_1207_02_annex4"]
    want = json.loads((HERE / "expected" / "po_1207_02_annex4.json").read_text("utf-8"))
    got, src = rec["data"]["filled_on"], rec["fields"]["filled_on"]
    assert want["filled_on"] == "2016-04-25"
    if got != want["filled_on"]:  # read wrong: then for a person, saying where to look
        assert src["confidence"] < REVIEW_THRESHOLD
        assert "“月”字" in src["why"]


def test_dates_close_to_the_print_keep_their_confidence(feed: dict[str, Any]) -> None:
    """``CLOSE``'s dates are written right against their 年/月/日 (``2016年3 月15日``), not
    on them: read right, and as sure as before the rule."""
    rec = feed[CLOSE.stem]
    want = json.loads((CLOSE.parent / "expected" / f"{CLOSE.stem}.json").read_text("utf-8"))
    for path in ("filled_on", "reviews.unit.signed_on", "reviews.county_poverty_office.signed_on"):
        got, src = _at(rec["data"], path), rec["fields"][path]
        assert got == _at(want, path), path
        assert src["confidence"] >= 0.99, (path, src)


def _at(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data
