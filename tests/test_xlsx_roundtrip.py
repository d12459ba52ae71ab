"""parse(render(x)) == x for ledgers and rosters: the samples, and generated records."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fupin_forms.models import Annex5
from fupin_forms.parse.xlsx import parse_xlsx
from fupin_forms.records import validate_record
from fupin_forms.render.xlsx import render_ledger_xlsx

from .conftest import SAMPLES, load


def _roundtrip(records: list[Annex5]) -> list[Annex5]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.xlsx"
        path.write_bytes(render_ledger_xlsx(records))
        parsed = parse_xlsx(path)
    assert all(p.form == "annex5" and not p.warnings for p in parsed)
    out = []
    for p in parsed:
        checked = validate_record("annex5", p.data)
        assert not [i for i in checked.issues if i.code == "invalid"], checked.issues
        out.append(checked.model)
    return out


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("annex5_*.json")), ids=lambda p: p.stem)
def test_samples_round_trip(path: Path) -> None:
    record = Annex5.model_validate(load(path))
    assert _roundtrip([record]) == [record]


# Text as people type it: Chinese, ASCII, punctuation, line breaks, formula-looking starts.
# Control characters and surrogates cannot be stored in a cell (see the ledger tests); the
# model strips outer whitespace, so generated values are stripped too.
_alphabet = st.sampled_from(
    list("精准扶贫专家服务培训咨询示范村镇县（）、，。：；“”《》—\n ")
    + list("abcXYZ019=+-@_&<>'\"")
) | st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_text = st.text(_alphabet, min_size=1, max_size=60).map(str.strip).filter(bool)
_opt_text = st.none() | _text
_date = st.none() | st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))


@st.composite
def _entry(draw: st.DrawFn) -> dict[str, Any]:
    entry = {
        "seq": draw(st.none() | st.integers(1, 10_000)),
        "date": draw(_date),
        "place": draw(_opt_text),
        "activity": draw(_opt_text),
        "participants": draw(st.none() | st.integers(0, 100_000)),
        "outcome": draw(_opt_text),
    }
    if all(v is None for k, v in entry.items() if k != "seq"):
        entry["activity"] = draw(_text)  # an entry with only a number is a blank ruled row
    return entry


_ledger = st.builds(
    lambda county, expert, filled_on, entries: Annex5.model_validate(
        {"county": county, "expert": expert, "filled_on": filled_on, "entries": entries}
    ),
    _opt_text,
    _opt_text,
    _date,
    st.lists(_entry(), min_size=0, max_size=60),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ledger, min_size=1, max_size=3))
def test_generated_ledgers_round_trip(records: list[Annex5]) -> None:
    assert _roundtrip(records) == records


def test_sixty_entries_and_the_escape_lookalike_round_trip() -> None:
    record = Annex5(
        county="_x0041_县",
        expert="张三",
        entries=[{"seq": i + 1, "activity": f"培训 _x000D_ 第{i}次\n第二行"} for i in range(60)],
    )
    assert _roundtrip([record]) == [record]
