"""``parse``, ``aggregate`` and ``publish``: the weekly intake at county and city offices."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from .._names import STAGES
from ..errors import UsageError
from ._commands import write_new
from ._util import friendly

__all__ = ["aggregate", "parse", "publish", "review"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o", "--out", type=click.Path(dir_okay=False), help="写入 JSON Lines 数据流（默认输出到屏幕）"
)
@click.option("--stage", type=click.Choice(STAGES), default="applicant", show_default=True)
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="并行进程数"
)
@click.option("--force", is_flag=True, help="重新读取数据流中已有的文件")
@friendly
def parse(paths: tuple[str, ...], out: str | None, stage: str, jobs: int, force: bool) -> None:
    """读取返回的表格（文件或目录），输出数据流记录（每行一个 JSON）。"""
    from ..intake import run_intake
    from ..parse.reader import iter_input_files

    files = iter_input_files(list(paths))
    if not files:
        raise UsageError("没有找到可读取的文件")
    bar: Any = None
    if out is not None and sys.stderr.isatty():
        bar = click.progressbar(length=len(files), label="读取", file=sys.stderr)
        bar.__enter__()
    try:
        result = run_intake(
            list(paths), Path(out) if out else None, stage=stage, jobs=jobs, force=force,
            emit=lambda line: click.echo(line, nl=False),
            tick=(lambda: bar.update(1)) if bar is not None else None,
        )  # fmt: skip
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for error in result.errors:
        click.echo(f"无法读取 {error}", err=True)
    c = result.counts
    skipped = (
        f"；{result.skipped} 个文件已在数据流中，跳过（--force 重新读取）" if result.skipped else ""
    )
    click.echo(
        f"共 {sum(c.values())} 份：{c['complete']} 份齐全，{c['incomplete']} 份不齐全，"
        f"{c['invalid']} 份有错误，{c['error']} 份无法读取{skipped}",
        err=True,
    )
    if c["error"]:
        sys.exit(1)


@click.command()
@click.argument("feeds", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o", "--out", required=True, type=click.Path(dir_okay=False), help="汇总工作簿 .xlsx"
)
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="同样的数字写成 JSON")
@click.option("--year", type=click.IntRange(2000, 2100), help="只汇总该实施年度")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
@friendly
def aggregate(
    feeds: tuple[str, ...], out: str, json_out: str | None, year: int | None, force: bool
) -> None:
    """按附件1、附件2汇总：各市名额、专家服务天数、年度活动次数、补助经费、重复申报。"""
    from ..aggregate import iter_feed, summarize
    from ..render.summary_xlsx import render_summary_xlsx

    if not out.lower().endswith(".xlsx"):
        raise UsageError("汇总输出应为 .xlsx 文件")
    bad: Counter[str] = Counter()
    problems: list[str] = []
    summary = summarize(iter_feed(feeds, bad, problems), year)
    summary.skipped_lines = bad["bad"]
    write_new(Path(out), render_summary_xlsx(summary), force)
    if json_out:
        text = json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n"
        write_new(Path(json_out), text.encode("utf-8"), force)
    total = sum(r["total"] for r in summary.cities)
    click.echo(
        f"汇总 {sum(summary.records.values())} 条记录：申报 {total} 项（名额 240），"
        f"补助合计 {summary.subsidy_total} 元，专家服务记录 {len(summary.experts)} 条 → {out}"
    )
    for line in problems:
        click.echo(f"跳过：{line}", err=True)
    if bad["bad"]:
        click.echo(f"有 {bad['bad']} 行不是有效的数据流记录，已跳过", err=True)


@click.command()
@click.argument("feeds", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o", "--out", required=True, type=click.Path(dir_okay=False), help="公示名单 .xlsx 或 .docx"
)
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
@friendly
def publish(feeds: tuple[str, ...], out: str, force: bool) -> None:
    """生成公示名单（已全部审核盖章的项目；不含电话、邮箱、地址等个人信息）。"""
    from ..aggregate import iter_feed
    from ..render.disclosure import disclosure_rows, render_disclosure_docx, render_disclosure_xlsx

    suffix = Path(out).suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        raise UsageError("公示名单应为 .xlsx 或 .docx 文件")
    bad: Counter[str] = Counter()
    problems: list[str] = []
    warnings: list[str] = []
    rows = disclosure_rows(iter_feed(feeds, bad, problems), warnings)
    data = render_disclosure_xlsx(rows) if suffix == ".xlsx" else render_disclosure_docx(rows)
    write_new(Path(out), data, force)
    click.echo(f"公示名单：{len(rows)} 个项目 → {out}")
    for line in [*problems, *warnings]:
        click.echo(f"注意：{line}", err=True)


@click.command()
@click.argument("feeds", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), help="核对页 .html")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
@friendly
def review(feeds: tuple[str, ...], out: str, force: bool) -> None:
    """生成扫描件识别核对页（浏览器直接打开）：每个字段的原件截图、识别结果和置信度，存疑的排在前面。"""
    from ..review import write_review

    if Path(out).exists() and not force:
        raise UsageError(f"{out} 已存在；加 --force 覆盖")
    count = write_review(list(feeds), out)
    click.echo(f"核对页：{count} 份表格 → {out}")
