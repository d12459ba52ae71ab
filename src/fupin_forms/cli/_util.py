"""Error handling shared by every command: our errors become one line and an exit code."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from ..errors import FupinFormsError, UsageError

__all__ = ["friendly"]

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn our errors into one line and an exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
        except FupinFormsError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: still one line for the user
            if os.environ.get("FUPIN_FORMS_DEBUG"):
                traceback.print_exc()
            click.echo(f"内部错误（请报告）：{type(exc).__name__}: {exc}", err=True)
            sys.exit(3)

    return wrapper  # type: ignore[return-value]
