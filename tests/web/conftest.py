"""Workbench tests: Django test client on SQLite (or PostgreSQL when FUPIN_TEST_DATABASE_URL
is set, see test_web_postgres.py); queued tasks run at once, in the request (real worker
processes are tested in test_web_workers.py)."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django_q  # noqa: F401  (the web extra is part of the test extra: missing fails, no skip)
import pytest

_DATA = tempfile.mkdtemp(prefix="fupin-web-test-")
os.environ["FUPIN_DATA"] = _DATA
os.environ["FUPIN_FAST_HASHER"] = "1"
if os.environ.get("FUPIN_TEST_DATABASE_URL"):
    os.environ["FUPIN_DATABASE_URL"] = os.environ["FUPIN_TEST_DATABASE_URL"]
os.environ["DJANGO_SETTINGS_MODULE"] = "fupin_forms.web.settings"
import django  # noqa: E402

django.setup()  # pytest-django saw no settings when it started: set up here

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PASSWORD = "pw-测试-1"

# (name, office, level, region, role)
ACCOUNTS = {
    "yishui_clerk": ("沂水县科协", "county", "临沂市沂水县", "clerk"),
    "yishui_approver": ("沂水县科协", "county", "临沂市沂水县", "approver"),
    "yishui_poverty": ("沂水县扶贫办", "county", "临沂市沂水县", "approver"),
    "lanshan_clerk": ("临沂市兰山区科协", "county", "临沂市兰山区", "clerk"),
    "linyi_city": ("临沂市科协", "city", "临沂市", "approver"),
    "dezhou_city": ("德州市科协", "city", "德州市", "clerk"),
    "qingyun_clerk": ("庆云县科协", "county", "德州市庆云县", "clerk"),
    "province_admin": ("山东省科协", "province", "山东省", "admin"),
    "unit_clerk": ("临沂市农业科学院", "unit", "临沂市兰山区", "clerk"),
}


@pytest.fixture(autouse=True)
def tasks_run_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """``async_task("pkg.mod.func", *args)`` calls the function now. (django-q2's own sync mode
    closes the database connection after each task, which breaks a test's transaction.)"""
    import importlib

    import django_q.tasks

    def run(name: str, *args: Any, **kwargs: Any) -> None:
        module, _, func = name.rpartition(".")
        getattr(importlib.import_module(module), func)(*args)

    monkeypatch.setattr(django_q.tasks, "async_task", run)


@pytest.fixture
def accounts(db: Any) -> dict[str, Any]:
    from fupin_forms.web.accounts.service import add_user

    return {name: add_user(name, PASSWORD, *spec) for name, spec in ACCOUNTS.items()}


@pytest.fixture
def client_for(accounts: dict[str, Any]) -> Callable[[str], Any]:
    from django.test import Client

    def make(name: str) -> Any:
        client = Client()
        client.force_login(accounts[name])
        return client

    return make


@pytest.fixture
def upload(accounts: dict[str, Any]) -> Callable[..., list[Any]]:
    """Receive files as a given account (stored, parsed at once: the queue runs in sync)."""
    from fupin_forms.web.intake.tasks import receive

    def send(name: str, *paths: Path) -> list[Any]:
        profile = accounts[name].profile
        out = []
        for path in paths:
            with open(path, "rb") as handle:
                out.append(
                    receive(path.name, io.BytesIO(handle.read()), accounts[name], profile.office)
                )
        return out

    return send
