"""``generate``, ``parse`` and ``demo``: thin wrappers over the API."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .._atomic import atomic_write_bytes
from .._names import DEFAULT_PATTERN, FORMATS
from ..errors import UsageError
from ._util import friendly

if TYPE_CHECKING:
    from ..api import DataRecord
    from ..models import FormModel

__all__ = ["demo", "generate", "write_new"]


def write_new(path: Path, data: bytes, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(f"{path} 已存在；加 --force 覆盖")
    atomic_write_bytes(path, data)


@click.command()
@click.argument("form")
@click.option(
    "-d", "--data", type=click.Path(dir_okay=False), help="数据：JSON / JSON Lines，或 Excel 名册"
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), default="docx", show_default=True
)
@click.option("-o", "--out", help="输出文件（一条记录，或 Excel）或目录（多条记录）")
@click.option("--name", "pattern", default=DEFAULT_PATTERN, show_default=True,
              help="批量时的文件名模式：{city} {name} {annex} {n}")  # fmt: skip
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
@click.option("--flatten", is_flag=True, help="PDF：把填写内容画在页面上，不留表单域（打印用）")
@click.option(
    "--marks", is_flag=True, help="PDF、Word：加印定位标记和二维码，扫描、拍照后可自动读回"
)
@friendly
def generate(
    form: str,
    data: str | None,
    fmt: str,
    out: str | None,
    pattern: str,
    force: bool,
    flatten: bool,
    marks: bool,
) -> None:
    """生成空白或预填的表格。

    FORM：annex3|annex4|annex5（或 附件4、expert、台账 等），或 roster（Excel 申报名册）。
    """
    if flatten and fmt != "pdf":
        raise UsageError("--flatten 只用于 PDF（-f pdf）")
    if marks and fmt not in ("pdf", "docx"):
        raise UsageError("--marks 只用于 PDF 和 Word（-f pdf / -f docx）")
    if form.strip().lower() in ("roster", "名册"):
        _roster(data, out, force)
        return
    from ..api import load_data_records, render_form, render_many
    from ..models import resolve_form_id
    from ..naming import ANNEX_CN, render_name

    form = resolve_form_id(form)
    if data is None:
        target = Path(out or f"{ANNEX_CN[form]}-空白.{fmt}")
        write_new(target, render_form(form, None, fmt, flatten=flatten, marks=marks), force)
        click.echo(str(target))
        return
    records = load_data_records(form, data)
    good = _report_skipped(data, records)
    skipped = len(records) - len(good)
    if fmt == "xlsx":
        target = Path(out or f"{ANNEX_CN[form]}-{len(good)}条.xlsx")
        write_new(target, render_many(form, [m for _, m in good], "xlsx"), force)
        click.echo(str(target))
    elif len(records) == 1 and not (out and (Path(out).is_dir() or out.endswith(("/", os.sep)))):
        if good:
            name = render_name(pattern, form, good[0][1], 0) + f".{fmt}"
            target = Path(out) if out else Path(name)
            write_new(
                target, render_form(form, good[0][1], fmt, flatten=flatten, marks=marks), force
            )
            click.echo(str(target))
    else:
        folder = Path(out or ".")
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder} 不是目录：多条记录需要 -o 目录")
        used: set[str] = set()
        for index, model in good:
            stem = render_name(pattern, form, model, index)
            name, n = stem, 2
            while name in used:
                name, n = f"{stem}-{n}", n + 1
            used.add(name)
            target = folder / f"{name}.{fmt}"
            write_new(target, render_form(form, model, fmt, flatten=flatten, marks=marks), force)
            click.echo(str(target))
    if len(records) > 1:
        click.echo(f"共 {len(records)} 条：生成 {len(good)} 份，跳过 {skipped} 条", err=True)
    if skipped:
        sys.exit(1)


def _report_skipped(data: str, records: list[DataRecord]) -> list[tuple[int, FormModel]]:
    """Records with wrong values are reported by place (cell, line) and left out."""
    good = []
    for index, rec in enumerate(records):
        bad = rec.invalid_issues
        if not bad:
            good.append((index, rec.model))
            continue
        where = rec.where or f"第{index + 1}条"
        for issue in bad:
            cell = rec.locations.get(issue.path)
            click.echo(f"跳过 {data}（{cell or where}）：{issue.message}", err=True)
    return good


def _roster(data: str | None, out: str | None, force: bool) -> None:
    from ..models import Annex3, Annex4
    from ..render.xlsx_roster import render_roster

    target = Path(out or "申报名册.xlsx")
    if target.suffix.lower() != ".xlsx":
        raise UsageError("名册是 Excel 文件：-o 应以 .xlsx 结尾")
    if data is None:
        write_new(target, render_roster(), force)
    else:
        from ..parse.reader import read_forms
        from ..records import validate_record

        rows = [
            validate_record(p.form, p.data)
            for p in read_forms(data)
            if p.form in ("annex3", "annex4")
        ]
        models = [r.model for r in rows if r.status != "invalid"]
        if len(models) < len(rows):
            click.echo(
                f"跳过 {len(rows) - len(models)} 条有错误的记录（先用 check 查看）", err=True
            )
        experts = [m for m in models if isinstance(m, Annex4)]
        units = [m for m in models if isinstance(m, Annex3)]
        write_new(target, render_roster(experts=experts, units=units), force)
    click.echo(str(target))


@click.command()
@click.option("-o", "--out", "out_dir", default="fupin-forms-demo", show_default=True,
              type=click.Path(file_okay=False))  # fmt: skip
def demo(out_dir: str) -> None:
    """用自带样例走一遍全流程：Schema、检查、生成、读回、数据流。"""
    from ..demo import run_demo

    friendly(lambda: sys.exit(run_demo(Path(out_dir), click.echo)))()
