"""The command line across formats: roster-driven batches, mixed folders, check on any file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from fupin_forms.api import render_form, render_many
from fupin_forms.cli import main
from fupin_forms.models import Annex4
from fupin_forms.parse.xlsx import parse_xlsx

from .conftest import load, sample_files


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def experts() -> list[Annex4]:
    return [Annex4.model_validate(load(p)) for p in sample_files() if p.name.startswith("annex4")]


def test_roster_batch_skips_a_bad_row_and_names_its_cell(tmp_path: Path) -> None:
    roster = tmp_path / "roster.xlsx"
    rows = experts()
    roster.write_bytes(render_many("annex4", rows, "xlsx"))
    # break the phone of the middle row in the workbook, as a clerk might type it
    from openpyxl import load_workbook

    wb = load_workbook(roster)
    ws = wb["专家"]
    header = [c.value for c in ws[2]]
    col = header.index("联系电话") + 1
    ws.cell(row=4, column=col, value="0539-12")
    wb.save(roster)
    out = tmp_path / "forms"
    result = run("generate", "annex4", "-d", str(roster), "-f", "docx", "-o", str(out))
    assert result.exit_code == 1
    letter = ws.cell(row=4, column=col).column_letter
    assert f"（专家!{letter}4）：联系电话：不是有效的手机或固定电话号码：'0539-12'" in result.output
    made = sorted(p.name for p in out.iterdir())
    assert len(made) == 2 and "共 3 条：生成 2 份，跳过 1 条" in result.output


def test_ledgers_of_one_county_in_one_workbook(tmp_path: Path) -> None:
    data = tmp_path / "ledgers.json"
    ledgers = [load(p) for p in sample_files() if p.name.startswith("annex5")]
    data.write_text(json.dumps(ledgers, ensure_ascii=False), "utf-8")
    out = tmp_path / "台帐.xlsx"
    result = run("generate", "台账", "-d", str(data), "-f", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    parsed = parse_xlsx(out)
    assert [p.data["expert"] for p in parsed] == [x["expert"] for x in ledgers]
    assert run("check", str(out), "--stage", "province").exit_code == 0


def test_mixed_folder_with_a_corrupt_file_and_an_unrelated_document(tmp_path: Path) -> None:
    from docx import Document

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    models = experts()
    (inbox / "a.docx").write_bytes(render_form("annex4", models[0], "docx"))
    (inbox / "b.pdf").write_bytes(render_form("annex4", models[1], "pdf"))
    (inbox / "c.pdf").write_bytes(render_form("annex4", models[2], "pdf", flatten=True))
    (inbox / "d.xlsx").write_bytes(render_many("annex5", [], "xlsx"))
    (inbox / "corrupt.docx").write_bytes(render_form("annex4", models[0], "docx")[:3000])
    notice = Document()
    notice.add_paragraph("关于召开年度工作会议的通知")
    notice.save(str(inbox / "notice.docx"))
    feed = tmp_path / "feed.jsonl"
    result = run("parse", str(inbox), "-o", str(feed), "--stage", "province")
    assert result.exit_code == 1
    records = {
        Path(r["source"]["path"]).name: r
        for r in map(json.loads, feed.read_text("utf-8").splitlines())
    }
    assert {n for n, r in records.items() if r["status"] == "error"} == {
        "corrupt.docx",
        "notice.docx",
    }
    assert "无法识别" in records["notice.docx"]["error"]
    for name, model in (("a.docx", models[0]), ("b.pdf", models[1]), ("c.pdf", models[2])):
        assert Annex4.model_validate(records[name]["data"]) == model, name
    assert records["b.pdf"]["fields"]["applicant_name"]["method"] == "acroform"
    assert records["c.pdf"]["fields"]["applicant_name"]["method"] == "text"
    assert records["a.docx"]["fields"]["applicant_name"]["method"] == "sdt"
    before = feed.read_bytes()
    again = run("parse", str(inbox), "-o", str(feed), "--stage", "province")
    assert again.exit_code == 0 and feed.read_bytes() == before


def test_generate_blank_in_every_format(tmp_path: Path) -> None:
    for fmt in ("docx", "pdf", "xlsx"):
        target = tmp_path / f"blank.{fmt}"
        result = run("generate", "annex4", "-f", fmt, "-o", str(target))
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 1000
    assert run("generate", "annex4", "-f", "docx", "--flatten").exit_code == 2
