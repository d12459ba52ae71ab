"""Hostile files are refused before any parser opens them: one line, no traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from fupin_forms.cli import main


def check(path: Path) -> str:
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == before  # input untouched
    (line,) = [x for x in result.output.splitlines() if x.startswith("[无法读取]")]
    return line


def test_zip_bomb_docx(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (40 * 1024 * 1024))
    assert path.stat().st_size < 200 * 1024
    assert "压缩炸弹" in check(path)


def test_billion_laughs_xlsx_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xlsx"
    xml = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", xml)
    assert "DOCTYPE" in check(path)


def test_external_entity_docx_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.docx"
    xml = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", xml)
    line = check(path)
    assert "DOCTYPE" in line and "root:" not in line


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.docx", b"", "空"),
    ("text.docx", b"just some text", "无法作为 zip 打开"),
    ("truncated.xlsx", b"PK\x03\x04\x14\x00\x00\x00", "无法作为 zip 打开"),
    ("fake.pdf", b"hello world", "不是 PDF"),
    ("notes.txt", b"hi", "不支持的文件类型"),
])  # fmt: skip
def test_wrong_or_broken_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert reason in check(path)


def test_huge_json_number_and_deep_nesting(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"applicant_name": ' + "9" * 5000 + "}", "utf-8")
    assert "数值" in check(big)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000, "utf-8")
    assert "嵌套" in check(deep)
    deep_lines = tmp_path / "deep.jsonl"
    deep_lines.write_text('{"a": 1}\n' + "[" * 100000 + "]" * 100000 + "\n", "utf-8")
    assert "嵌套" in check(deep_lines)
