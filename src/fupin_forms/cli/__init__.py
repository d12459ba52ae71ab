"""The ``fupin-forms`` command: parses options, calls the API, maps errors to exit codes.

Exit 0 = ok, 1 = the data has problems, 2 = usage error, 3 = internal error (a bug). Users see
one-line Chinese reasons, never a traceback (set FUPIN_FORMS_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import sys

import click

from .._names import STAGES
from .._version import __version__
from ..budgets import ENV_SCALE
from ._util import friendly as _friendly

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="fupin-forms")
@click.option("--budget-scale", type=click.FloatRange(min=1, max=1000), default=None,
              help="把每个文件的读取预算（页数、单元格数、像素等）放大 N 倍")  # fmt: skip
def main(budget_scale: float | None) -> None:
    """山东省科协精准扶贫专家服务行动表格工具：生成、读取、检查、汇总附件3–5。

    \b
    退出码 Exit codes:
      0  全部正常 all is well
      1  数据有问题：文件无法读取、表格未就绪、记录被跳过 the data has problems
      2  用法错误：选项、表格名称有误 usage error
      3  内部错误，请报告 internal error (a bug, please report)
    """
    if budget_scale is not None:  # the environment reaches worker processes too (parse -j)
        os.environ[ENV_SCALE] = str(budget_scale)


@main.command()
@click.option("-o", "--out", "out_dir", default="schemas", show_default=True,
              type=click.Path(file_okay=False), help="写入 JSON Schema 的目录")  # fmt: skip
@_friendly
def schema(out_dir: str) -> None:
    """写出附件3/4/5 与数据流记录的 JSON Schema（draft 2020-12）。"""
    from ..schema import write_schemas

    for path in write_schemas(out_dir):
        click.echo(str(path))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--stage", type=click.Choice(STAGES), default="applicant", show_default=True,
              help="检查是否可交给该环节盖章")  # fmt: skip
@_friendly
def check(paths: tuple[str, ...], stage: str) -> None:
    """检查表格是否齐全、可交给 STAGE 盖章；全部就绪时退出码为 0。"""
    from ._report import print_check

    sys.exit(print_check(list(paths), stage))


def _register() -> None:
    from ._commands import demo, generate
    from ._intake import aggregate, parse, publish, review
    from ._web import COMMANDS as web_commands  # serve, worker, user, backup (Django lazily)

    for command in (generate, parse, aggregate, publish, review, demo, *web_commands):
        main.add_command(command)


_register()
