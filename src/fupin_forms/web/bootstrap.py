"""Point Django at a data folder and database, set it up, and migrate: one call per process."""

from __future__ import annotations

import os
from pathlib import Path


def configure(data: str | Path | None = None, database: str | None = None) -> None:
    """Set the environment the settings read, then ``django.setup()`` (idempotent)."""
    if data is not None:
        os.environ["FUPIN_DATA"] = str(Path(data).resolve())
    if database:
        os.environ["FUPIN_DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin_forms.web.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
