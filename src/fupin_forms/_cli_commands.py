"""``generate``, ``parse`` and ``demo``: thin wrappers over the API."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._atomic import atomic_write_bytes
from ._cli_util import friendly
from .api import FORMATS, load_data_records
from .api import render_form as api_render
from .errors import UsageError
from .models import FormModel, resolve_form_id
from .naming import ANNEX_CN, DEFAULT_PATTERN, render_name

__all__ = ["demo", "generate", "write_new"]


def _form(name: str) -> str:
    try:
        return resolve_form_id(name)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def write_new(path: Path, data: bytes, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(f"{path} 已存在；加 --force 覆盖")
    atomic_write_bytes(path, data)


@click.command()
@click.argument("form")
@click.option("-d", "--data", type=click.Path(dir_okay=False), help="JSON / JSON Lines 数据文件")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), default="docx", show_default=True
)
@click.option("-o", "--out", help="输出文件（一条记录）或目录（多条记录）")
@click.option("--name", "pattern", default=DEFAULT_PATTERN, show_default=True,
              help="批量时的文件名模式：{city} {name} {annex} {n}")  # fmt: skip
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
@click.option("--flatten", is_flag=True, help="PDF：把填写内容画在页面上，不留表单域（打印用）")
def generate(
    form: str, data: str | None, fmt: str, out: str | None, pattern: str, force: bool, flatten: bool
) -> None:
    """生成空白或预填的表格（FORM：annex3|annex4|annex5，或 附件4、expert、台账 等）。"""
    friendly(_generate)(form, data, fmt, out, pattern, force, flatten)


def _generate(
    form: str, data: str | None, fmt: str, out: str | None, pattern: str, force: bool, flatten: bool
) -> None:
    form = _form(form)
    if flatten and fmt != "pdf":
        raise UsageError("--flatten 只用于 PDF（-f pdf）")

    def render_form(form: str, model: FormModel | None, fmt: str) -> bytes:
        return api_render(form, model, fmt, flatten=flatten)

    if data is None:
        target = Path(out or f"{ANNEX_CN[form]}-空白.{fmt}")
        write_new(target, render_form(form, None, fmt), force)
        click.echo(str(target))
        return
    records = load_data_records(form, data)
    good: list[tuple[int, FormModel]] = []
    skipped = 0
    for index, rec in enumerate(records):
        bad = rec.invalid_issues
        if bad:
            skipped += 1
            where = rec.where or f"第{index + 1}条"
            click.echo(
                f"跳过 {data}（{where}）：{bad[0].message}"
                + (f" 等 {len(bad)} 处" if len(bad) > 1 else ""),
                err=True,
            )
            continue
        good.append((index, rec.model))
    single = len(records) == 1 and not (out and Path(out).is_dir())
    if single and good:
        target = Path(out) if out else Path(render_name(pattern, form, good[0][1], 0) + f".{fmt}")
        write_new(target, render_form(form, good[0][1], fmt), force)
        click.echo(str(target))
    elif not single:
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
            write_new(target, render_form(form, model, fmt), force)
            click.echo(str(target))
        click.echo(f"共 {len(records)} 条：生成 {len(good)} 份，跳过 {skipped} 条", err=True)
    if skipped:
        sys.exit(1)


@click.command()
@click.option("-o", "--out", "out_dir", default="fupin-forms-demo", show_default=True,
              type=click.Path(file_okay=False))  # fmt: skip
def demo(out_dir: str) -> None:
    """用自带样例走一遍全流程：Schema、检查、生成、读回、数据流。"""
    from .demo import run_demo

    friendly(lambda: sys.exit(run_demo(Path(out_dir), click.echo)))()
