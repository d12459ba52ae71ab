"""One current record per source file: a re-read file replaces what was read from it before.

A clerk corrects a returned form and parses it again at the same path. The feed then holds
two records of one application: the old one must stay (it is what was read then) but must
not be counted. ``parse`` marks it ``superseded_by`` the new file's sha256; readers of feeds
(``aggregate``, ``publish``) keep only the last record of each source path across all the
feeds they are given, so a feed written before this rule, or two feeds that both read the
file, still count the application once.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

__all__ = ["mark_superseded", "source_key", "superseded_lines"]


def source_key(record: dict[str, Any]) -> str | None:
    """The source path a record was read from, or None when it names none."""
    source = record.get("source")
    path = source.get("path") if isinstance(source, dict) else None
    return path if isinstance(path, str) and path else None


def mark_superseded(record: dict[str, Any], newer: dict[str, str]) -> bool:
    """Mark ``record`` superseded when ``newer`` (path → sha256 of records just read) holds
    its path with another content. True when the record was changed."""
    key = source_key(record)
    if key is None or key not in newer or record.get("superseded_by"):
        return False
    sha = (record.get("source") or {}).get("sha256")
    if sha == newer[key]:
        return False
    record["superseded_by"] = newer[key]
    return True


def superseded_lines(records: Iterable[tuple[int, Hashable, dict[str, Any]]]) -> set[Hashable]:
    """Positions of records that are not current, from ``(feed number, position, record)``
    in reading order: marked ``superseded_by``, or of a source path read again later.

    One reading of a file is a run of consecutive records with the same path and sha256 in
    one feed (a workbook gives one record per sheet); the last reading of a path is current.
    """
    out: set[Hashable] = set()
    latest: dict[str, tuple[int, list[Hashable]]] = {}  # path → (reading number, positions)
    previous: tuple[int, str, Any] | None = None
    reading = 0
    for feed_no, position, record in records:
        key = source_key(record)
        if record.get("superseded_by") or key is None:
            if record.get("superseded_by"):
                out.add(position)
            previous = None
            continue
        ident = (feed_no, key, (record.get("source") or {}).get("sha256"))
        if ident != previous:
            reading += 1
            previous = ident
        current = latest.get(key)
        if current is not None and current[0] == reading:
            current[1].append(position)
            continue
        if current is not None:
            out.update(current[1])
        latest[key] = (reading, [position])
    return out
