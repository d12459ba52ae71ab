"""What ``check`` prints: per file, ready or the list of what is missing, in Chinese."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from .._text import clean_text
from ..api import check_paths

__all__ = ["print_check"]

_STATUS = {"complete": "齐全", "incomplete": "不齐全", "invalid": "有错误", "error": "无法读取"}


def print_check(paths: list[str | Path], stage: str) -> int:
    """Print the check report; return the exit code (0 only when every form is ready)."""
    counts: Counter[str] = Counter()
    total = 0
    for result in check_paths(paths, stage):
        total += 1
        label = clean_text(result.path + (f"（{result.where}）" if result.where else ""))
        if result.error is not None:
            counts["error"] += 1
            counts["bug"] += result.bug
            click.echo(f"[无法读取] {label}：{clean_text(result.error)}")
            continue
        counts["ready" if result.ready else result.status] += 1
        head = "[可以盖章]" if result.ready else f"[{_STATUS[result.status]}]"
        click.echo(f"{head} {label} {result.form}")
        for issue in result.issues:
            mark = "错误" if issue.severity == "error" else "提示"
            where = result.locations.get(issue.path)
            click.echo(
                f"    {mark} {issue.path or '-'}{f'（{where}）' if where else ''}："
                + clean_text(issue.message)
            )
    if total == 0:
        click.echo("没有找到可检查的文件", err=True)
        return 2
    not_ready = total - counts["ready"]
    click.echo(
        f"共 {total} 份（环节 {stage}）：{counts['ready']} 份可以盖章，"
        f"{counts['incomplete']} 份不齐全，{counts['invalid']} 份有错误，{counts['error']} 份无法读取"
    )
    if counts["bug"]:
        return 3
    return 0 if not_ready == 0 else 1
