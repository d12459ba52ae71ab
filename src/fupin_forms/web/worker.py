"""A queue worker process: ``python -m fupin_forms.web.worker --data DIR [--database URL]``.

``fupin-forms serve`` starts one beside the web server; ``fupin-forms worker`` starts more,
on this machine or another one sharing the database (PostgreSQL).
"""

from __future__ import annotations

import argparse


def run(data: str | None, database: str | None) -> None:
    from .bootstrap import configure

    configure(data, database)
    from django.core.management import call_command

    call_command("qcluster")


def main() -> None:
    parser = argparse.ArgumentParser(prog="fupin_forms.web.worker")
    parser.add_argument("--data")
    parser.add_argument("--database")
    args = parser.parse_args()
    run(args.data, args.database)


if __name__ == "__main__":
    main()
