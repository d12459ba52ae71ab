"""The same workbench tests on a real PostgreSQL server, started for the run in a temporary
folder on a free loopback port (skipped when PostgreSQL's programs are not installed).

As root, the server runs as the ``postgres`` account (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ._proc import env, free_port

HERE = Path(__file__).resolve().parent


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL")
    return [runuser, "-u", "postgres", "--", *args]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL (initdb, pg_ctl) is not installed")
    root = Path(tempfile.mkdtemp(prefix="fupin-pg-"))
    root.chmod(0o755)
    data = root / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(data, "postgres")
    port = free_port()
    try:
        subprocess.run(
            _as_server_user(
                [initdb, "-D", str(data), "-U", "fupin", "--auth=trust", "-E", "UTF8", "--locale=C"]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            _as_server_user(
                [pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        yield f"postgresql://fupin@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


def test_suite_on_postgresql(postgres_url: str) -> None:
    """The client tests and the access table, against PostgreSQL (the OCR test is left to the
    SQLite run: it exercises the reader, not the database)."""
    files = [str(HERE / "test_web_flow.py"), str(HERE / "test_web_access.py")]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            *files,
            "-k",
            "not scan",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=HERE.parents[1],
        env=env(FUPIN_TEST_DATABASE_URL=postgres_url),
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout.splitlines()[-1]


def test_backup_and_restore_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    """``backup`` writes ``pg_dump`` output; loading it into an empty database restores it."""
    from ._proc import cli, django

    psql = _bin("psql")
    if psql is None or _bin("pg_dump") is None:
        pytest.skip("psql / pg_dump not installed")
    data, copy = tmp_path / "data", tmp_path / "copy"
    url = postgres_url.rsplit("/", 1)[0]
    subprocess.run(
        [psql, f"{url}/postgres", "-c", "CREATE DATABASE live", "-c", "CREATE DATABASE restored"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    add = subprocess.run(
        [
            *cli(),
            "user",
            "add",
            "dezhou",
            "--office",
            "德州市科协",
            "--level",
            "city",
            "--region",
            "德州市",
            "--role",
            "approver",
            "--data",
            str(data),
            "--database",
            f"{url}/live",
        ],
        input="pw-2\n",
        capture_output=True,
        text=True,
        env=env(),
        timeout=120,
    )
    assert add.returncode == 0, add.stderr
    backed = subprocess.run(
        [*cli(), "backup", str(copy), "--data", str(data), "--database", f"{url}/live"],
        capture_output=True,
        text=True,
        env=env(),
        timeout=120,
    )
    assert backed.returncode == 0, backed.stderr
    subprocess.run(
        [psql, "-q", f"{url}/restored", "-f", str(copy / "db.sql")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    found = django(
        copy,
        """
from django.contrib.auth import authenticate
u = authenticate(username="dezhou", password="pw-2")
print(json.dumps(u.profile.city if u else None))
""",
        database=f"{url}/restored",
    )
    assert found == "德州"
