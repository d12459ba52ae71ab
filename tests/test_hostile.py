"""Every hostile or broken input: exit 1, a one-line reason, no traceback, input untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fupin_forms.cli import main

from .hostile.corpus import CASES, build_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    build_corpus(folder)
    return folder


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_refuses_with_one_line(corpus: Path, name: str) -> None:
    path = corpus / name
    before = digest(path)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "内部错误" not in result.output
    head = result.output.splitlines()[0]
    if name == "wrong-types.json":  # readable, but every value is wrong
        assert head.startswith("[有错误]")
    else:
        assert head.startswith("[无法读取]") and len(head) > len(str(path)) + 12
    assert digest(path) == before


def test_batch_goes_on_and_records_every_bad_file(corpus: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    before = {p.name: digest(p) for p in corpus.iterdir()}
    result = CliRunner().invoke(main, ["parse", str(corpus), "-o", str(feed)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    records = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
    by_name = {Path(r["source"]["path"]).name: r for r in records}
    from fupin_forms.parse.reader import SUPPORTED_SUFFIXES

    readable = {n for n in CASES if Path(n).suffix in SUPPORTED_SUFFIXES}
    assert {".json", ".docx", ".pdf"} <= set(SUPPORTED_SUFFIXES)
    assert set(by_name) == readable
    for name, record in by_name.items():
        if name != "wrong-types.json":
            assert record["status"] == "error" and "\n" not in record["error"], name
    assert {p.name: digest(p) for p in corpus.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["feed.jsonl"]  # no temp files left


@pytest.mark.parametrize(
    "name", ["../../escape", "CON", "a/b", "x" * 300, "  ..  ", 'we<i>rd:"|?*', "nul.txt"]
)
def test_names_from_data_stay_inside_the_output_folder(tmp_path: Path, name: str) -> None:
    data = json.loads(
        (Path(__file__).parents[1] / "samples" / "annex4_linyi_meng.json").read_text("utf-8")
    )
    records = [dict(data, applicant_name=name), dict(data, applicant_name=name)]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(records, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(main, ["generate", "annex4", "-d", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p != source)
    assert len(files) == 2 and all(p.parent == out for p in files)
    for path in files:
        stem = path.stem.upper()
        assert stem.split(".")[0] not in {"CON", "PRN", "AUX", "NUL"}
        assert not set('<>:"/\\|?*') & set(path.name)
        assert len(path.name.encode("utf-8")) <= 255 and not path.name.endswith((" ", "."))


def test_existing_output_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "form.docx"
    target.write_bytes(b"precious")
    result = CliRunner().invoke(main, ["generate", "annex4", "-o", str(target)])
    assert result.exit_code == 2 and "--force" in result.output
    assert target.read_bytes() == b"precious"
    assert (
        CliRunner().invoke(main, ["generate", "annex4", "-o", str(target), "--force"]).exit_code
        == 0
    )
    assert target.read_bytes() != b"precious"


@pytest.mark.parametrize(
    "text", ["{{ 7*7 }}", "{% if true %}x{% endif %}", "=1+1", "@SUM(A1)", "<w:p>&amp;"]
)
def test_template_and_formula_looking_values_render_literally(tmp_path: Path, text: str) -> None:
    from fupin_forms.api import render_form
    from fupin_forms.models import Annex4
    from fupin_forms.parse.reader import read_forms

    model = Annex4(applicant_name=text, project_content=f"内容 {text}")
    for fmt in ("docx", "pdf"):
        path = tmp_path / f"x.{fmt}"
        path.write_bytes(render_form("annex4", model, fmt))
        (parsed,) = read_forms(path)
        assert parsed.data["applicant_name"] == text, fmt
