"""The second look (``scan/_probe``): decoding the recogniser's own class probabilities,
freely and constrained to a field's alphabet, and the evidence built on it (readings that
disagree, 1/l among letters in an e-mail, a name too long to be a name, a ledger row
without its 序号). Crops are drawn here, so each case is known."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fupin_forms.parse._result import FieldSource, ParsedForm
from fupin_forms.scan import _probe
from fupin_forms.scan._evidence import DOUBT, grammar_cap
from fupin_forms.scan._rows import doubt_unnumbered_rows
from fupin_forms.scan.synth import _font

PX = 32


def _line(text: str) -> np.ndarray:
    font = _font(PX)
    img = Image.new("L", (int(font.getlength(text)) + 30, 2 * PX), 255)
    ImageDraw.Draw(img).text((15, PX), text, font=font, fill=0, anchor="lm")
    return np.asarray(img)


def _probs(steps: list[dict[str, float]]) -> np.ndarray:
    """A column × class matrix with the given probabilities per column, rest blank."""
    chars = _probe._charset()
    out = np.zeros((len(steps), len(chars)), dtype=np.float32)
    for t, col in enumerate(steps):
        for ch, p in col.items():
            out[t, 0 if ch == "" else chars.index(ch)] = p
        out[t, 0] += 1.0 - out[t].sum()
    return out


def test_decode_collapses_repeats_and_keeps_the_runner_up() -> None:
    look = _probe.decode(_probs([{"4": 0.9}, {"4": 0.9}, {}, {"5": 0.6, "S": 0.4}]))
    assert look.text == "45"
    assert look.least == pytest.approx(0.6)
    assert look.runner == pytest.approx(0.4)
    assert look.steps == (0, 3)


def test_constrained_decoding_admits_only_the_fields_alphabet() -> None:
    probs = _probs([{"2": 0.95}, {"5": 0.97}, {}, {"S": 0.55, "5": 0.45}])
    assert _probe.decode(probs).text == "25S"
    assert _probe.decode(probs, _probe.ALPHABETS["postcode"]).text == "255"


def test_second_look_agrees_with_a_right_reading_and_doubts_a_wrong_digit() -> None:
    crop = _line("276090")
    assert _probe.look_again(crop, "276090", "postcode")[0] == ""
    assert _probe.look_again(crop, "276098", "postcode")[0] != ""
    # names are compared whole: one character changed is a disagreement
    name = _line("谢文宇")
    assert _probe.look_again(name, "谢文宇", "contact")[0] == ""
    assert _probe.look_again(name, "谢文字", "contact")[0] != ""
    assert set(_probe.doubted_lines([crop, name], ["276098", "谢文宇"], ["postcode", "contact"])) == {0}


def test_recover_reads_digits_where_the_free_reading_took_a_letter() -> None:
    assert _probe.recover(_line("277150"), "postcode") == "277150"
    assert _probe.recover(_line("zhanghy97@qq.com"), "email") == "zhanghy97@qq.com"
    assert _probe.recover(_line("277150"), "address") is None  # not a field with a grammar


def _email_probs(text: str, runners: dict[int, tuple[str, float]]) -> np.ndarray:
    """``text`` one character a column, each at 0.9, with the runner-ups given by index."""
    cols = []
    for k, ch in enumerate(text):
        col = {ch: 0.9}
        if k in runners:
            col[runners[k][0]] = runners[k][1]
        cols += [col, {}]
    return _probs(cols)


def test_recover_makes_a_misread_domain_real_from_the_runner_up() -> None:
    """``sina.con``: no registry runs ``.con``; the recogniser's runner-up of the last
    letter was 'm', so the reading the grammar admits is ``sina.com``. The likeliest
    runner-up that makes a real domain wins; none in the local part is tried."""
    blank = np.full((10, 10), 255, np.uint8)
    runners = {15: ("m", 0.05), 14: ("0", 0.08), 2: ("x", 0.09)}
    probs = _email_probs("gaohx58@sina.con", runners)
    assert _probe.recover(blank, "email", probs) == "gaohx58@sina.com"
    # no runner-up makes the domain real: the reading stays as it was
    probs = _email_probs("gaohx58@sina.con", {15: ("q", 0.05)})
    assert _probe.recover(blank, "email", probs) == "gaohx58@sina.con"
    # a real domain is never changed, whatever its runner-ups
    probs = _email_probs("gaohx58@sina.com", {15: ("n", 0.09)})
    assert _probe.recover(blank, "email", probs) == "gaohx58@sina.com"


def test_email_with_a_digit_among_letters_is_doubtful() -> None:
    assert grammar_cap("email", "1ixm21@163.com") == DOUBT
    assert grammar_cap("email", "lixm21@163.com") == 1.0
    assert grammar_cap("email", "zhanghy70@qq.com") == 1.0
    assert grammar_cap("email", "abcl2@qq.com") == 1.0  # the l has a letter beside it
    assert grammar_cap("email", "ab12l3@qq.com") == DOUBT  # an l between digits


def test_a_name_too_long_to_be_a_name_is_doubtful() -> None:
    assert grammar_cap("expert", "萧金") == 1.0
    assert grammar_cap("expert", "服务行动工作台帐县市区科协嘉祥县承担项目专家萧") == DOUBT
    assert grammar_cap("villages[0].contact", "欧阳明华") == 1.0
    assert grammar_cap("project_name", "青少年科学素质提升行动") == 1.0


def test_a_ledger_row_without_its_number_is_doubtful_when_the_others_have_one() -> None:
    entries = [
        {"seq": "1", "place": "纸坊镇井子峪村"},
        {"seq": None, "place": "树湾村"},
        {"seq": "3", "place": "大洼村"},
    ]
    form = ParsedForm("annex5", {"entries": entries})
    for n, entry in enumerate(entries):
        for key in entry:
            form.fields[f"entries[{n}].{key}"] = FieldSource("ocr", 0.99)
    doubt_unnumbered_rows(form)
    assert form.fields["entries[1].place"].confidence == DOUBT
    assert form.fields["entries[0].place"].confidence == 0.99
    assert form.fields["entries[2].place"].confidence == 0.99
    assert any("第2行没有序号" in w for w in form.warnings)
    # a row split in two shifts the rows after it: a number that is not its place is doubted
    shifted = ParsedForm("annex5", {"entries": [{"seq": None}, {"seq": "1"}, {"seq": "2"}]},
                         {f"entries[{n}].seq": FieldSource("ocr", 0.99) for n in range(3)})  # fmt: skip
    doubt_unnumbered_rows(shifted)
    assert all(s.confidence == DOUBT for s in shifted.fields.values())
    # nobody numbered any row: nothing to compare with, nothing doubted
    plain = ParsedForm("annex5", {"entries": [{"seq": None, "place": "x"}]},
                       {"entries[0].place": FieldSource("ocr", 0.99)})  # fmt: skip
    doubt_unnumbered_rows(plain)
    assert plain.fields["entries[0].place"].confidence == 0.99


def test_a_suspect_line_is_read_again_whole_in_simplified_characters() -> None:
    assert _probe._same("青澤市林业局", "青泽市林业局", _probe._WHOLE)  # t2s, not a disagreement
    assert not _probe._same("泽市林业局", "菏泽市林业局", _probe._WHOLE)
    crop = _line("菏泽市林业局")
    # a line with a dropped character, marked suspect by its ink: doubted
    assert set(_probe.doubted_lines([crop], ["泽市林业局"], ["employer"], [True])) == {0}
    # not suspect: free text is not read twice (the cost stays bounded)
    assert set(_probe.doubted_lines([crop], ["泽市林业局"], ["employer"], [False])) == set()


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """``_probe.class_probs`` counted: one entry per run of the recogniser's model."""
    seen: list[int] = []
    real = _probe.class_probs

    def counted(image: np.ndarray) -> np.ndarray | None:
        seen.append(1)
        return real(image)

    monkeypatch.setattr(_probe, "class_probs", counted)
    return seen


def test_a_line_read_alone_already_is_not_read_alone_again(calls: list[int]) -> None:
    """With ``alone`` the first reading was of the line by itself (``read_crops``), so the
    second look runs the model once (binarised), not once more on the same pixels; the
    probabilities kept by the first reading serve ``recover``."""
    crop = _line("谢文宇")
    assert _probe.look_again(crop, "谢文宇", "contact", score=0.5)[0] == ""
    assert len(calls) == 2  # binarised, then the line alone
    calls.clear()
    assert _probe.look_again(crop, "谢文宇", "contact", score=0.5, alone=True)[0] == ""
    assert len(calls) == 1
    probs = _probe.class_probs(_line("277150"))  # the probabilities a first reading kept
    calls.clear()
    assert _probe.recover(_line("277150"), "postcode", probs) == "277150"
    assert calls == []


def test_a_settled_line_is_not_looked_at_again(calls: list[int]) -> None:
    """A line already at or under the doubt cap cannot be lowered by a second look, so the
    model does not run for it; the same line unsettled is read again (and doubted)."""
    crop = _line("276090")
    assert set(_probe.doubted_lines([crop], ["276098"], ["postcode"], settled=[True])) == set()
    assert calls == []
    assert set(_probe.doubted_lines([crop], ["276098"], ["postcode"], settled=[False])) == {0}
    assert calls
