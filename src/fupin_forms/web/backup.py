"""A consistent copy of the workbench while it runs: database first, then the file store.

SQLite: the online backup API (a snapshot even while workers write). PostgreSQL: ``pg_dump``
(one transaction, consistent). Stored files never change once written (named by sha256), so
copying them after the database leaves none that the copy refers to missing. The copy is a
data folder: ``fupin-forms serve --data COPY`` runs on it (PostgreSQL: load db.sql first).
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection


def backup(target: Path) -> list[str]:
    """Write the copy into ``target`` (created; must be empty); returns what was written."""
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise ValueError(f"备份目录 {target} 不是空的")
    written = []
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        out = sqlite3.connect(target / "db.sqlite3")
        src = sqlite3.connect(db["NAME"], timeout=30)
        with out:
            src.backup(out)
        src.close()
        out.close()
        written.append("db.sqlite3")
    else:
        dump = shutil.which("pg_dump") or next(
            iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), reverse=True)), None
        )
        if dump is None:
            raise ValueError("找不到 pg_dump，无法备份 PostgreSQL 数据库")
        env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
        args = [
            dump,
            "--no-owner",
            "-f",
            str(target / "db.sql"),
            "-h",
            str(db.get("HOST") or "localhost"),
            "-p",
            str(db.get("PORT") or 5432),
            "-U",
            str(db.get("USER") or ""),
            str(db["NAME"]),
        ]
        subprocess.run(args, check=True, env=env, capture_output=True)
        written.append("db.sql")
    connection.close()
    store = Path(settings.STORE_DIR)
    if store.is_dir():
        shutil.copytree(store, target / "files", ignore=shutil.ignore_patterns(".up-*"))
        written.append("files/")
    secret = Path(settings.DATA_DIR) / "secret_key"
    if secret.exists():
        shutil.copy2(secret, target / "secret_key")
        written.append("secret_key")
    return written
