"""The workbench's commands in real processes: user add/token, serve (web + worker, API),
backup while it runs, and a restore from the backup."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from pathlib import Path

from ._proc import cli, django, env, files_state, free_port, start, stop, wait_for
from .conftest import SAMPLES


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cli(), *args], input=stdin, capture_output=True, text=True, env=env(), timeout=120
    )


def test_user_commands_and_their_errors(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    ok = _run(
        "user",
        "add",
        "lanshan",
        "--office",
        "临沂市兰山区科协",
        "--level",
        "county",
        "--region",
        "临沂市兰山区",
        "--role",
        "clerk",
        "--data",
        data,
        stdin="pw-1\n",
    )
    assert ok.returncode == 0, ok.stderr
    again = _run(
        "user",
        "add",
        "lanshan",
        "--office",
        "x",
        "--level",
        "county",
        "--region",
        "临沂市兰山区",
        "--role",
        "clerk",
        "--data",
        data,
        stdin="pw\n",
    )
    assert again.returncode == 2 and "已存在" in again.stderr and "Traceback" not in again.stderr
    nowhere = _run(
        "user",
        "add",
        "x",
        "--office",
        "x",
        "--level",
        "county",
        "--region",
        "火星",
        "--role",
        "clerk",
        "--data",
        data,
        stdin="pw\n",
    )
    assert nowhere.returncode == 2 and "无法识别地区" in nowhere.stderr
    token = _run("user", "token", "lanshan", "--data", data)
    assert token.returncode == 0 and token.stdout.startswith("ff_")
    assert _run("user", "token", "nobody", "--data", data).returncode == 2
    check = django(
        Path(data),
        """
from django.contrib.auth import authenticate
user = authenticate(username="lanshan", password="pw-1")
print(json.dumps([user.profile.county, user.profile.city, user.password.split("$")[0]]))
""",
    )
    assert check == ["兰山区", "临沂", "md5"]  # the tests' fast hasher; serve uses Django's default


def test_serve_api_backup_while_running_and_restore(tmp_path: Path) -> None:
    data, copy = tmp_path / "data", tmp_path / "backup"
    _run(
        "user",
        "add",
        "yishui",
        "--office",
        "沂水县科协",
        "--level",
        "county",
        "--region",
        "临沂市沂水县",
        "--role",
        "clerk",
        "--data",
        str(data),
        stdin="pw-1\n",
    )
    token = _run("user", "token", "yishui", "--data", str(data)).stdout.strip()
    port = free_port()
    server = start([*cli(), "serve", "--data", str(data), "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _get(f"{base}/healthz") == "ok", 120, "the server")
        files = [SAMPLES / "annex4_linyi_meng.json", SAMPLES / "annex5_yishui_meng.json"]
        sent = _post_files(f"{base}/api/files", token, files)
        assert sent[0] == 202 and len(sent[1]["files"]) == 2
        wait_for(lambda: all(s["state"] == "done" for s in files_state(data)), 120, "parsing")
        backed = _run("backup", str(copy), "--data", str(data))  # the server still runs
        assert backed.returncode == 0, backed.stderr
        assert _run("backup", str(copy), "--data", str(data)).returncode == 2  # not empty
    finally:
        stop(server)
    assert sorted(s["forms"] for s in files_state(copy)) == [1, 1]
    restored = django(
        copy,
        """
from django.contrib.auth import authenticate
from fupin_forms.web.intake.models import Form
from fupin_forms.web.intake.store import stored_path
from fupin_forms.feed import file_sha256
forms = list(Form.objects.select_related("file"))
print(json.dumps({"user": authenticate(username="yishui", password="pw-1") is not None,
                  "files": all(file_sha256(stored_path(f.file.sha256, f.file.suffix)) == f.file.sha256
                               for f in forms),
                  "stages": sorted(f.ready_for for f in forms)}))
""",
    )
    assert restored == {"user": True, "files": True, "stages": ["applicant", "province"]}


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return str(r.read().decode())
    except OSError:
        return ""


def _post_files(url: str, token: str, paths: list[Path]) -> tuple[int, dict[str, object]]:
    boundary = "----fupinboundary"
    body = b""
    for p in paths:
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{p.name}"\r\nContent-Type: application/json\r\n\r\n'
        ).encode()
        body += p.read_bytes() + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as r:
        return r.status, json.loads(r.read())
