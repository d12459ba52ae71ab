"""The ``fupin-forms`` command: parses options, calls the API, maps errors to exit codes.

Exit 0 = ok, 1 = the data has problems, 2 = usage error. Users see one-line Chinese reasons,
never a traceback (set FUPIN_FORMS_DEBUG=1 to see one).
"""

from __future__ import annotations

import sys

import click

from ._cli_util import friendly as _friendly
from ._version import __version__
from .rules import STAGES

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="fupin-forms")
def main() -> None:
    """山东省科协精准扶贫专家服务行动表格工具：生成、读取、检查、汇总附件3–5。"""


@main.command()
@click.option("-o", "--out", "out_dir", default="schemas", show_default=True,
              type=click.Path(file_okay=False), help="写入 JSON Schema 的目录")  # fmt: skip
@_friendly
def schema(out_dir: str) -> None:
    """写出附件3/4/5 与数据流记录的 JSON Schema（draft 2020-12）。"""
    from .schema import write_schemas

    for path in write_schemas(out_dir):
        click.echo(str(path))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--stage", type=click.Choice(STAGES), default="applicant", show_default=True,
              help="检查是否可交给该环节盖章")  # fmt: skip
@_friendly
def check(paths: tuple[str, ...], stage: str) -> None:
    """检查表格是否齐全、可交给 STAGE 盖章；全部就绪时退出码为 0。"""
    from ._cli_report import print_check

    sys.exit(print_check(list(paths), stage))


def _register() -> None:
    from ._cli_commands import demo, generate
    from ._cli_intake import aggregate, parse, publish, review
    from .web.cli import COMMANDS as web_commands  # serve, worker, user, backup (Django lazily)

    for command in (generate, parse, aggregate, publish, review, demo, *web_commands):
        main.add_command(command)


_register()
