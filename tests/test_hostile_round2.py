"""Issue 13, hostile input round two: every attack ends as its expected outcome, and no
command is stopped by one bad record. Outcomes are asserted, never times; peak memory is
asserted for the heaviest cases from a child process's ``ru_maxrss``."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from fupin_forms.cli import main

from .hostile.round2 import CASES, build, measure, outcome

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("round2")


def _case(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.exists():
        build(folder, [name])
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_attack_has_its_expected_outcome(folder: Path, name: str) -> None:
    path = _case(folder, name)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    ok, detail = outcome(name, path)
    assert ok, detail
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("name", ["mediabox-5000.pdf", "spaces-1gb.pdf", "merged-20.xlsx"])
def test_heaviest_cases_stay_under_500_mb(folder: Path, name: str) -> None:
    result = measure(_case(folder, name))
    assert result["ok"], result["detail"]
    assert result["peak_mb"] < 500, result


def test_check_batch_reports_every_file_and_goes_on(folder: Path) -> None:
    bad, good = _case(folder, "gridspan-x.docx"), ROOT / "samples" / "annex4_linyi_meng.json"
    result = CliRunner().invoke(main, ["check", str(bad), str(good)])
    lines = result.output.splitlines()
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert lines[0].startswith("[无法读取]") and "gridSpan" in lines[0]
    assert any(line.startswith("[可以盖章]") and good.name in line for line in lines)


def test_a_bug_in_one_file_is_reported_the_batch_goes_on_and_exits_3(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import fupin_forms.api as api

    real = api.read_forms
    first = ROOT / "samples" / "annex4_heze_liu.json"

    def buggy(path: str | Path) -> object:
        if Path(path) == first:
            raise RuntimeError("a bug of ours")
        return real(path)

    monkeypatch.setattr(api, "read_forms", buggy)
    good = ROOT / "samples" / "annex4_linyi_meng.json"
    result = CliRunner().invoke(main, ["check", str(first), str(good)])
    assert result.exit_code == 3
    assert "内部错误" in result.output.splitlines()[0]
    assert any(good.name in line for line in result.output.splitlines()[1:])


# -- outputs are data, publishing scrubs, one bad record never stops a command ---------------

FORMULAS = ['=SUM(40,2)&"-EVALUATED"', '=SUM(1,2)&HYPERLINK("http://x.invalid","x")', "+1", "@A1"]


def _record(**data: object) -> dict[str, object]:
    base = json.loads((ROOT / "samples" / "annex4_linyi_meng.json").read_text("utf-8"))
    base.update(data)
    return {"form": "annex4", "status": "complete", "data": base, "issues": [], "fields": {},
            "source": {"path": "x.json", "sha256": "0" * 64, "format": "json"}}  # fmt: skip


def _feed(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _formulas(xlsx: Path) -> list[str]:
    with zipfile.ZipFile(xlsx) as archive:
        return [
            f
            for name in archive.namelist()
            if name.startswith("xl/worksheets/sheet")
            for f in re.findall(r"<f>([^<]*)</f>", archive.read(name).decode())
        ]


def test_formula_text_in_every_field_stays_text_in_the_summary(tmp_path: Path) -> None:
    records = [
        _record(applicant_name=text, project_name=text, employer=text, address=text,
                villages=[{"name": text}])
        for text in FORMULAS
    ]  # fmt: skip
    records.append(_record(applicant_name=FORMULAS[0], villages=[{"name": FORMULAS[1]}],
                           address="", employer=""))  # fmt: skip  # unplaced
    feed = _feed(tmp_path / "f.jsonl", [json.dumps(r, ensure_ascii=False) for r in records])
    out = tmp_path / "s.xlsx"
    result = CliRunner().invoke(main, ["aggregate", str(feed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert all(re.fullmatch(r"SUM\([A-I]2:[A-I]\d+\)", f) for f in _formulas(out))
    from openpyxl import load_workbook

    texts = {c.value for ws in load_workbook(out) for row in ws.iter_rows() for c in row}
    assert set(FORMULAS[:2]) <= texts  # written back as the text typed


def _shown_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        cells = load_workbook(path).active.iter_rows(values_only=True)  # type: ignore[union-attr]
        return "\n".join(str(v) for row in cells for v in row if v is not None)
    from docx import Document

    return "\n".join(c.text for t in Document(str(path)).tables for r in t.rows for c in r.cells)


def test_publish_masks_personal_data_in_allowed_fields_and_names_the_record(
    tmp_path: Path,
) -> None:
    secret = ("13812345678", "a.b@example.com", "370102199001011234", "经十路123号")
    record = _record(
        project_name=f"项目（联系 {secret[0]}，{secret[1]}）",
        applicant_name=f"孟庆华{secret[2]}",
        villages=[{"name": f"历下区{secret[3]}4单元"}],
    )
    feed = _feed(tmp_path / "f.jsonl", [json.dumps(record, ensure_ascii=False)])
    for suffix in ("xlsx", "docx"):
        out = tmp_path / f"p.{suffix}"
        result = CliRunner().invoke(main, ["publish", str(feed), "-o", str(out)])
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(out) as archive:
            raw = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        assert not any(s in raw for s in secret[:3]), suffix
        text = _shown_text(out)
        assert not any(s in text for s in secret), suffix
        assert text.count("＊＊＊") == 4, text  # phone, e-mail, ID, the street address
        warning = next(line for line in result.output.splitlines() if "已隐去" in line)
        assert "x.json" in warning and "手机号" in warning and "身份证号" in warning


def test_bad_records_are_reported_and_the_rest_completes(tmp_path: Path) -> None:
    good_record = _record(applicant_name="赵六\u0001\u202e", project_name="正常项目")
    good_record["fields"] = {"applicant_name": {"method": "json", "confidence": 1.0}}
    good = json.dumps(good_record, ensure_ascii=False)
    feed = _feed(tmp_path / "f.jsonl", [
        json.dumps(_record(applicant_name="x_x0002_", villages="not a list")),
        json.dumps(_record(reviews=["x"])),
        '{"form": "annex4", "data": {}, "fields": {"a": {"bbox": [NaN, 1, 2, 3]}}}',
        '{"form": "annex4", "data": {}, "fields": {"a": {"bbox": ["x", 1, 2, 3], "page": 1}}}',
        "[1, 2]",
        "not json",
        good,
    ])  # fmt: skip
    for args in (["aggregate", str(feed), "-o", str(tmp_path / "s.xlsx")],
                 ["publish", str(feed), "-o", str(tmp_path / "p.xlsx")],
                 ["publish", str(feed), "-o", str(tmp_path / "p.docx")],
                 ["review", str(feed), "-o", str(tmp_path / "r.html")]):  # fmt: skip
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
        assert "Traceback" not in result.output and "内部错误" not in result.output
        if args[0] != "review":
            assert "第1行" in result.output and "第6行" in result.output
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "第3行：fields.a.bbox" in page and "赵六" in page
    assert "\u202e" not in page and "\u0001" not in page


def test_control_and_bidi_characters_are_dropped_from_values() -> None:
    from fupin_forms.models import Annex4

    model = Annex4(applicant_name="孟\u0001庆华\u202e", project_name="a\x85b\u2066")
    assert model.applicant_name == "孟庆华" and model.project_name == "ab"


# -- review reads only what it should ------------------------------------------------------


def test_review_never_opens_absolute_or_parent_paths(tmp_path: Path) -> None:
    from fupin_forms.review import _source_file

    feed_dir = tmp_path / "feeds"
    feed_dir.mkdir()
    secret = tmp_path / "secret.jpg"
    secret.write_bytes((ROOT / "samples" / "scans" / "annex4_print_200.jpg").read_bytes())
    inside = feed_dir / "scan.jpg"
    inside.write_bytes(secret.read_bytes())
    (feed_dir / "link.jpg").symlink_to(secret)
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    feed = feed_dir / "f.jsonl"

    def source(path: str, sha: str | None = digest) -> object:
        return _source_file(feed, {"source": {"path": path, "sha256": sha}})

    assert source(str(secret)) is None
    assert source("../secret.jpg") is None
    assert source("sub/../../secret.jpg") is None
    assert source("link.jpg") is None  # a symbolic link out of the folder
    assert source("scan.jpg", None) is None  # no hash to check it against
    assert source("scan.jpg") == inside.resolve()


def test_feeds_store_relative_paths(tmp_path: Path) -> None:
    from fupin_forms.intake import run_intake

    inputs = tmp_path / "in"
    inputs.mkdir()
    sample = ROOT / "samples" / "annex4_linyi_meng.json"
    (inputs / sample.name).write_bytes(sample.read_bytes())
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    for feed, want in ((tmp_path / "feed.jsonl", f"in/{sample.name}"),
                       (elsewhere / "feed.jsonl", sample.name)):  # fmt: skip
        run_intake([inputs.resolve()], feed)
        (record,) = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
        assert record["source"]["path"] == want


@pytest.mark.parametrize(
    ("name", "want"), [("~$孟庆华", "孟庆华"), ("\u202egpj.exe", "gpj.exe"), ("~", "未命名")]
)
def test_file_names_lose_lock_prefix_and_bidi_controls(name: str, want: str) -> None:
    from fupin_forms.naming import safe_filename

    assert safe_filename(name) == want


# -- budgets ---------------------------------------------------------------------------------


def test_budget_scale_raises_every_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from fupin_forms.budgets import ENV_SCALE, Budgets, budgets

    monkeypatch.delenv(ENV_SCALE, raising=False)
    assert budgets() == Budgets()
    monkeypatch.setenv(ENV_SCALE, "3")
    assert budgets().word_table_rows == 3 * Budgets().word_table_rows
    assert Budgets.resolve({"pdf_pages": 7}).pdf_pages == 7
    monkeypatch.delenv(ENV_SCALE)
    result = CliRunner().invoke(
        main, ["--budget-scale", "2", "check", str(ROOT / "samples" / "annex4_linyi_meng.json")]
    )
    import os

    assert result.exit_code == 0 and os.environ.get(ENV_SCALE) == "2.0"
    monkeypatch.delenv(ENV_SCALE)


def test_budget_scale_lets_a_big_but_honest_file_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fupin_forms.budgets import ENV_SCALE
    from fupin_forms.errors import ParseError
    from fupin_forms.parse.reader import read_forms

    from .hostile.round2 import _count_lie

    path = tmp_path / "pages-600.pdf"
    _count_lie(600)(path)
    monkeypatch.delenv(ENV_SCALE, raising=False)
    with pytest.raises(ParseError, match="pdf_pages"):
        read_forms(path)
    monkeypatch.setenv(ENV_SCALE, "2")  # 1,000 pages allowed: read, and found to be no form
    with pytest.raises(ParseError) as info:
        read_forms(path)
    assert "pdf_pages" not in str(info.value) and "无法识别表格" in str(info.value)
