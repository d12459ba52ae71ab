"""Scans through the command line: a marked print and a Word form printed by LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from fupin_forms import validate_record
from fupin_forms.api import render_form
from fupin_forms.cli import main

from .conftest import SAMPLES, load


def test_marked_scan_in_a_folder_becomes_a_feed_record(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "scans" / "annex4_print_200.jpg", inbox / "扫描件.jpg")
    feed = tmp_path / "feed.jsonl"
    result = CliRunner().invoke(main, ["parse", str(inbox), "-o", str(feed), "--stage", "province"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
    expected = load(SAMPLES / "scans" / "annex4_print_200.expected.json")
    assert record["form"] == "annex4" and record["source"]["format"] == "image"
    assert record["fields"]["applicant_name"]["method"] == "ocr"
    assert record["data"]["applicant_name"] == expected["fields"]["applicant_name"]
    assert len(record["fields"]["applicant_name"]["bbox"]) == 4


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_word_ledger_printed_over_two_pages_is_one_form(tmp_path: Path) -> None:
    """No marks: the table is found by its lines; page 2 continues page 1's entries."""
    import pypdfium2 as pdfium

    data = load(SAMPLES / "annex5_yishui_meng.json")
    model = validate_record("annex5", data).model
    (tmp_path / "ledger.docx").write_bytes(render_form("annex5", model, "docx"))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "ledger.docx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = pdfium.PdfDocument(str(tmp_path / "ledger.pdf"))
    pages = [page.render(scale=200 / 72).to_pil().convert("L") for page in pdf]
    pdf.close()
    assert len(pages) >= 2
    tif = tmp_path / "ledger.tif"
    pages[0].save(tif, save_all=True, append_images=pages[1:])
    result = CliRunner().invoke(main, ["parse", str(tif)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    got = record["data"]
    assert (got["county"], got["expert"]) == (data["county"], data["expert"])
    assert [e["date"] for e in got["entries"]] == [e["date"] for e in data["entries"]]
    assert [e["place"] for e in got["entries"]] == [e["place"] for e in data["entries"]]
    assert {f["page"] for k, f in record["fields"].items() if k.startswith("entries")} == {1, 2}


def test_review_command_writes_a_self_contained_page(tmp_path: Path) -> None:
    scan = tmp_path / "scan.jpg"
    shutil.copy(SAMPLES / "scans" / "annex4_print_200.jpg", scan)
    feed = tmp_path / "feed.jsonl"
    assert CliRunner().invoke(main, ["parse", str(scan), "-o", str(feed)]).exit_code == 0
    out = tmp_path / "review.html"
    result = CliRunner().invoke(main, ["review", str(feed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert html.count("data:image/jpeg;base64,") >= 20  # a crop per field read from the scan
    assert "<script" not in html and "http://" not in html and "https://" not in html
    again = CliRunner().invoke(main, ["review", str(feed), "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
