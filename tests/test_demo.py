"""``fupin-forms demo`` runs the whole job on the bundled samples; its steps count up 1..N
and its last line names whatever did not match."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from fupin_forms.cli import main


def test_demo_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = CliRunner().invoke(main, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    numbers = [int(m.group(1)) for line in lines if (m := re.match(r"(\d+)\. ", line))]
    assert numbers == list(range(1, len(numbers) + 1)), numbers
    partial = re.findall(r"扫描件 \S+-(附件\d)：.*字段一致 (\d+)/(\d+)", result.output)
    assert len(partial) == 3
    last = lines[-1]
    for annex, same, total in partial:
        if same != total:  # a scan read 30/31 must not end in "all as expected"
            assert "全部符合预期" not in last and f"扫描件 {annex}" in last, last
    if all(same == total for _, same, total in partial):
        assert last == "演示完成，全部符合预期。", last
    for variant in ("docx", "pdf", "pdf-flat"):
        feed = [json.loads(x) for x in (out / f"feed-{variant}.jsonl").read_text("utf-8").splitlines()]
        assert len(feed) == 6 and {r["status"] for r in feed} == {"complete"}
        assert "与样例一致 6/6" in result.output
    assert len(list((out / "blank").iterdir())) == 9
    assert len(list((out / "excel" / "名册生成").glob("*.docx"))) == 4
    assert (out / "汇总.xlsx").is_file() and (out / "公示名单.xlsx").is_file()
    scans = sorted((out / "scans").glob("*-扫描件.tif"))
    assert len(scans) == 3  # one of each annex, read back by OCR
    assert len(re.findall(r"^\d+\. 扫描件", result.output, re.M)) == 3
    summary = json.loads((out / "汇总.json").read_text("utf-8"))
    assert summary["subsidy_total"] == 12000  # three approved experts, the unit gets none


def test_last_line_names_what_did_not_match() -> None:
    from fupin_forms.demo import _Report

    report = _Report(lambda _: None)
    report.step("a")
    assert report.last_line() == "演示完成，全部符合预期。"
    report.unmatched.append("扫描件 附件3 1 个字段读错，已标为需人工核对（villages[0].name）")
    assert report.last_line().startswith("演示完成；未完全一致：扫描件 附件3")
    report.fail("扫描件 附件4 1 个字段读错且未标出（phone）")
    assert report.failures == 1 and report.last_line().startswith("演示发现 1 处不符合预期")
