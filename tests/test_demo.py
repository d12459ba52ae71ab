"""``fupin-forms demo`` runs the whole job on the bundled samples and says all is well."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from fupin_forms.cli import main


def test_demo_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = CliRunner().invoke(main, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "演示完成，全部符合预期" in result.output
    for variant in ("docx", "pdf", "pdf-flat"):
        feed = [json.loads(x) for x in (out / f"feed-{variant}.jsonl").read_text("utf-8").splitlines()]
        assert len(feed) == 6 and {r["status"] for r in feed} == {"complete"}
        assert "与样例一致 6/6" in result.output
    assert len(list((out / "blank").iterdir())) == 9
    assert len(list((out / "excel" / "名册生成").glob("*.docx"))) == 4
    assert (out / "汇总.xlsx").is_file() and (out / "公示名单.xlsx").is_file()
    scans = sorted((out / "scans").glob("*-扫描件.tif"))
    assert len(scans) == 3  # one of each annex, read back by OCR
    assert result.output.count("9. 扫描件") == 3
    summary = json.loads((out / "汇总.json").read_text("utf-8"))
    assert summary["subsidy_total"] == 12000  # three approved experts, the unit gets none
