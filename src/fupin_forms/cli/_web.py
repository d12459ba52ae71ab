"""The workbench's commands: ``serve``, ``worker``, ``user add|token``, ``backup``.

Django is imported inside each command, never at import time: ``fupin-forms --help`` stays fast
and works without the ``web`` extra.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import click

from ._util import friendly

_DATA = click.option(
    "--data",
    default="fupin-data",
    show_default=True,
    type=click.Path(file_okay=False),
    help="数据目录（数据库、文件库、收件箱）",
)
_DB = click.option(
    "--database",
    envvar="FUPIN_DATABASE_URL",
    default=None,
    help="数据库地址，如 postgresql://用户:密码@主机:端口/库名（默认 数据目录下的 SQLite）",
)


def _setup(data: str, database: str | None, migrate: bool = False) -> None:
    try:
        import django  # noqa: F401
    except ImportError:
        raise click.ClickException("工作台需要 web 组件：pip install 'fupin-forms[web]'") from None
    from ..web.bootstrap import configure
    from ..web.bootstrap import migrate as run_migrations

    configure(data, database)
    if migrate:
        run_migrations()


@click.command()
@_DATA
@_DB
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers", default=1, show_default=True, type=int, help="同时启动的读取进程数（0 = 不启动）"
)
@friendly
def serve(data: str, database: str | None, host: str, port: int, workers: int) -> None:
    """启动工作台（网页 + 后台读取进程），默认 http://127.0.0.1:8000 。"""
    _setup(data, database, migrate=True)
    from waitress import serve as wsgi_serve

    from ..web.intake.inbox import watch
    from ..web.wsgi import application

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the workers on the way out
    procs = [_start_worker(data, database) for _ in range(max(0, workers))]
    watch()
    click.echo(f"工作台：http://{host}:{port}/  数据目录：{Path(data).resolve()}", err=True)
    try:
        wsgi_serve(application, host=host, port=port, threads=8, ident="fupin-forms")
    finally:
        for proc in procs:
            _stop(proc)


def _start_worker(data: str, database: str | None) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "fupin_forms.web.worker", "--data", str(Path(data).resolve())]
    if database:
        args += ["--database", database]
    return subprocess.Popen(args, start_new_session=True)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        # the queue's own process stops its children; a signal to the whole group makes
        # django-q2 wait for children that are already gone
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@click.command()
@_DATA
@_DB
@friendly
def worker(data: str, database: str | None) -> None:
    """启动一个后台读取进程（可在多台机器上各启动若干个，共用同一数据库）。"""
    _setup(data, database, migrate=True)
    from ..web.worker import run

    run(data, database)


@click.group()
def user() -> None:
    """工作台账户：add 新建，token 生成 API 令牌。"""


@user.command("add")
@click.argument("name")
@click.option("--office", required=True, help="单位名称，如 临沂市兰山区科协")
@click.option("--level", required=True, type=click.Choice(["unit", "county", "city", "province"]))
@click.option("--region", required=True, help="地区，如 临沂市兰山区、临沂市、山东省")
@click.option("--role", required=True, type=click.Choice(["clerk", "approver", "admin"]))
@_DATA
@_DB
@friendly
def user_add(
    name: str, office: str, level: str, region: str, role: str, data: str, database: str | None
) -> None:
    """新建账户；密码从标准输入读取（一行）。"""
    password = sys.stdin.readline().rstrip("\r\n")
    _setup(data, database, migrate=True)
    from ..web.accounts.service import add_user

    try:
        add_user(name, password, office, level, region, role)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"已新建账户 {name}（{office}）")


@user.command("token")
@click.argument("name")
@_DATA
@_DB
@friendly
def user_token(name: str, data: str, database: str | None) -> None:
    """为账户生成一个 API 令牌（只显示这一次）。"""
    _setup(data, database, migrate=True)
    from django.contrib.auth.models import User

    from ..web.accounts.models import ApiToken

    account = User.objects.filter(username=name).first()
    if account is None:
        raise click.UsageError(f"没有账户 {name}")
    click.echo(ApiToken.issue(account))


@click.command()
@click.argument("target", type=click.Path(file_okay=False))
@_DATA
@_DB
@friendly
def backup(target: str, data: str, database: str | None) -> None:
    """把数据库和文件库一致地复制到 TARGET（工作台运行中也可以）。"""
    _setup(data, database)
    from ..web.backup import backup as run_backup

    try:
        written = run_backup(Path(target))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"已备份到 {target}：{'、'.join(written)}")


COMMANDS = (serve, worker, user, backup)
