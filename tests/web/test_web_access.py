"""Access control as a table: every account (role × level × region) × every route × a form
inside and outside its region. Outside → 404; a role without the right → 403; anonymous →
login (pages) or 401 (API)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import ACCOUNTS, SAMPLES

pytestmark = pytest.mark.django_db

FILES = {  # form → (sample, uploaded by)
    "meng": (SAMPLES / "annex4_linyi_meng.json", "yishui_clerk"),  # 沂水县, 临沂; at 省科协
    "half": (
        SAMPLES / "invalid" / "annex4_half_stamped_for_city.json",
        "unit_clerk",
    ),  # 沂水县; at 县扶贫办
    "zhao": (SAMPLES / "annex4_dezhou_zhao.json", "qingyun_clerk"),  # 庆云县, 德州
}
VISIBLE = {  # the table: which forms each account sees
    "yishui_clerk": {"meng", "half"},
    "yishui_approver": {"meng", "half"},
    "yishui_poverty": {"meng", "half"},
    "lanshan_clerk": set(),  # same city, other county
    "linyi_city": {"meng", "half"},
    "dezhou_city": {"zhao"},
    "qingyun_clerk": {"zhao"},
    "province_admin": {"meng", "half", "zhao"},
    "unit_clerk": {"half"},  # a unit: only what it sent
}
ROLE_ACTIONS = {
    "clerk": {"view", "upload", "correct", "export"},
    "approver": {"view", "upload", "approve", "export"},
    "admin": {"view", "upload", "correct", "approve", "export"},
}
# the office whose turn it is, per form (who may approve now)
AT_OFFICE = {"meng": {"province_admin"}, "half": {"yishui_poverty"}, "zhao": {"province_admin"}}

# (method, url, action, kind, status when allowed); {pk} = the form under test
ROUTES = [
    ("GET", "/", "view", "page", 200),
    ("GET", "/stats/", "view", "page", 200),
    ("GET", "/upload/", "view", "page", 200),
    ("POST", "/upload/send", "upload", "page", 302),
    ("GET", "/upload/status", "view", "page", 200),
    ("GET", "/exports/", "export", "page", 200),
    ("GET", "/exports/feed.jsonl", "export", "page", 200),
    ("GET", "/exports/summary.xlsx", "export", "page", 200),
    ("GET", "/exports/disclosure.xlsx", "export", "page", 200),
    ("POST", "/exports/generate", "export", "page", 200),
    ("GET", "/forms/{pk}/", "view", "form", 200),
    ("GET", "/forms/{pk}/original", "view", "form", 200),
    ("POST", "/forms/{pk}/correct", "correct", "form", 302),
    ("POST", "/forms/{pk}/stamped", "approve", "form", 302),
    ("POST", "/forms/{pk}/approve", "approve", "form", "turn"),
    ("GET", "/api/forms", "view", "api", 200),
    ("GET", "/api/feed", "export", "api", 200),
    ("POST", "/api/files", "upload", "api", 202),
    ("GET", "/healthz", None, "open", 200),
    ("GET", "/login/", None, "open", 200),
    ("POST", "/logout/", None, "open", 302),
    ("GET", "/admin/", "admin", "admin", 200),
]


def test_the_table_covers_every_route() -> None:
    from django.urls import get_resolver

    routes = {str(p.pattern) for p in get_resolver().url_patterns}
    covered = {url.lstrip("/").replace("{pk}", "<int:pk>") for _, url, *_ in ROUTES}
    assert routes == covered


def _expected(account: str | None, route: tuple[Any, ...], form: str) -> int:
    _, _, action, kind, ok = route
    if kind == "open":
        return int(ok)
    if account is None:
        return 401 if kind == "api" else 302
    role = ACCOUNTS[account][3]
    if kind == "admin":
        return 200 if role == "admin" else 302  # the admin sends others to its own login
    if action not in ROLE_ACTIONS[role]:
        return 403
    if kind == "form" and form not in VISIBLE[account]:
        return 404
    if ok == "turn":
        return 302 if account in AT_OFFICE[form] else 409
    return int(ok)


def _call(client: Any, route: tuple[Any, ...], pk: int, token: str | None) -> int:
    method, url, *_ = route
    url = url.replace("{pk}", str(pk))
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token and url.startswith("/api/") else {}
    if method == "GET":
        response = client.get(url, **headers)
        if response.streaming:  # read to the end: the test client then closes the file
            b"".join(response.streaming_content)
        return int(response.status_code)
    body: dict[str, Any] = {
        "path": "email",
        "value": "a@b.cn",
        "decision": "approve",
        "opinion": "同意。",
        "signed_on": "2016-04-01",
        "form": "annex4",
    }
    if url in ("/upload/send", "/api/files") or url.endswith("/stamped"):
        body["file"] = open(SAMPLES / "annex5_qingyun_zhao.json", "rb")  # noqa: SIM115
    try:
        return int(client.post(url, body, **headers).status_code)
    finally:
        if "file" in body:
            body["file"].close()


@pytest.mark.parametrize("account", [*ACCOUNTS, None])
def test_access_table(account: str | None, accounts: Any, upload: Any) -> None:
    from django.test import Client

    from fupin_forms.web.accounts.models import ApiToken
    from fupin_forms.web.intake.models import Form

    forms = {}
    for key, (path, by) in FILES.items():
        upload(by, path)
        forms[key] = Form.objects.get(file__name=path.name).pk
    token = ApiToken.issue(accounts[account]) if account else None
    if account is not None:
        _only_the_region(account, accounts, token)
    wrong = []
    ordered = [r for r in ROUTES if r[1] != "/logout/"] + [r for r in ROUTES if r[1] == "/logout/"]
    for key, pk in forms.items():
        # routes without a form answer the same whichever form: asked once
        for route in [r for r in ordered if r[3] == "form" or key == "meng"]:
            client = Client()
            if account:
                client.force_login(accounts[account])
            got, want = _call(client, route, pk, token), _expected(account, route, key)
            if got != want:
                wrong.append(f"{route[0]} {route[1]} [{key}]: {got}, expected {want}")
    assert not wrong, "\n".join(wrong)


def _only_the_region(account: str, accounts: Any, token: str | None) -> None:
    """What the pages and the API list: exactly the forms of the table, nothing more."""
    from django.test import Client

    client = Client()
    client.force_login(accounts[account])
    want = {FILES[k][0].name for k in VISIBLE[account]}
    board = client.get("/").content.decode()
    shown = {f for f in (p.name for p, _ in FILES.values()) if f in _board_files(board, client)}
    assert shown == want
    feed = b"".join(client.get("/exports/feed.jsonl").streaming_content).decode()
    assert {json.loads(line)["source"]["path"] for line in feed.splitlines()} == want
    api = client.get("/api/forms", HTTP_AUTHORIZATION=f"Token {token}").json()["forms"]
    assert {f["file"]["name"] for f in api} == want
    assert ("赵" in board) == ("zhao" in VISIBLE[account])


def _board_files(board: str, client: Any) -> set[str]:
    """The files behind the forms the board lists (each row links to its form page)."""
    import re

    out = set()
    for pk in set(re.findall(r'data-form="(\d+)"', board)):
        page = client.get(f"/forms/{pk}/").content.decode()
        out.update(re.findall(r'/original">([^<]+)<', page))
    return out
