"""``parse`` at scale: many files into one feed, idempotent, atomic, optionally parallel.

Re-running with the same feed skips inputs whose sha256 is already in it (``force`` re-reads
them and replaces their records). A file that changed since (same path, new sha256) is read
again and its older records stay in the feed marked ``superseded`` (kept for the record,
never counted: ``aggregate`` reads only the current ones). The new feed is written beside the old one and renamed over
it at the end, so an interrupted run leaves the previous feed intact. With ``jobs > 1`` files
are read in worker processes; records come out in the same order as a serial run.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._atomic import new_temp_file
from ._current import mark_superseded
from .api import parse_paths
from .feed import error_record, feed_line, file_sha256, shown_path, source_of
from .parse.reader import input_files

__all__ = ["IntakeResult", "existing_hashes", "run_intake"]


@dataclass
class IntakeResult:
    counts: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    files: int = 0
    errors: list[str] = field(default_factory=list)  # "path：reason"


def existing_hashes(feed: Path) -> set[str]:
    """The sha256 of every current source in ``feed`` (missing feed: none)."""
    hashes: set[str] = set()
    if not feed.is_file():
        return hashes
    with open(feed, encoding="utf-8") as handle:
        for line in handle:
            try:
                record = json.loads(line)
                if not record.get("superseded_by"):  # a file changed back is read again
                    hashes.add(record["source"]["sha256"])
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
                continue
    return hashes


def _read_one(args: tuple[str, str, str]) -> list[dict[str, Any]]:
    path, stage, shown = args
    try:
        records = list(parse_paths([path], stage))
    except Exception as exc:  # a bug in one parser must not stop the batch
        try:
            source = source_of(path, shown=shown)
        except OSError:
            source = {"path": shown, "sha256": "0" * 64, "format": "json"}
        return [error_record(source, f"内部错误：{type(exc).__name__}: {exc}")]
    for record in records:
        record["source"]["path"] = shown
    return records


def _records(
    files: list[tuple[Path, str]], stage: str, jobs: int
) -> Iterator[list[dict[str, Any]]]:
    work = [(str(f), stage, shown) for f, shown in files]
    if jobs <= 1 or len(work) < 2:
        yield from map(_read_one, work)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_read_one, work, chunksize=max(1, min(16, len(work) // (jobs * 4))))


def run_intake(
    paths: list[str | Path],
    out: Path | None,
    *,
    stage: str = "applicant",
    jobs: int = 1,
    force: bool = False,
    emit: Callable[[str], object] | None = None,
    tick: Callable[[], object] | None = None,
) -> IntakeResult:
    """Read every file under ``paths`` into the feed ``out`` (or ``emit`` each line)."""
    result = IntakeResult()
    files = input_files(paths)
    known = existing_hashes(out) if out is not None else set()
    anchor = out.parent if out is not None else None
    todo: list[tuple[Path, str]] = []
    for path, root in files:
        try:
            digest = file_sha256(path)
        except OSError:
            digest = ""
        if digest in known and not force:
            result.skipped += 1
        else:
            todo.append((path, shown_path(path, root, anchor)))
    result.files = len(todo)
    tmp_path = None
    handle = None
    if out is not None:
        fd, tmp_path = new_temp_file(out)
        handle = os.fdopen(fd, "w", encoding="utf-8")
    try:
        replaced: set[str] = set()
        newer: dict[str, str] = {}  # source path → sha256 just read (older readings superseded)
        new_lines: list[str] = []
        for records in _records(todo, stage, jobs):
            for record in records:
                result.counts[record["status"]] += 1
                replaced.add(record["source"]["sha256"])
                newer[record["source"]["path"]] = record["source"]["sha256"]
                if record["status"] == "error":
                    result.errors.append(f"{record['source']['path']}：{record['error']}")
                line = feed_line(record)
                if handle is None and emit is not None:
                    emit(line)
                else:
                    new_lines.append(line)
            if tick is not None:
                tick()
        if handle is not None and out is not None and tmp_path is not None:
            _copy_old(out, handle, replaced if force else set(), newer)
            handle.writelines(new_lines)
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.replace(tmp_path, out)
            tmp_path = None
    finally:
        if handle is not None and not handle.closed:
            handle.close()
        if tmp_path is not None:
            Path(tmp_path).unlink(missing_ok=True)
    return result


def _copy_old(feed: Path, handle: Any, drop: set[str], newer: dict[str, str]) -> None:
    """The old feed's lines: those of a re-read sha256 (``drop``) left out, those of a path
    read again with other content kept but marked ``superseded_by`` (never counted again)."""
    if not feed.is_file():
        return
    with open(feed, encoding="utf-8") as old:
        for line in old:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                sha = record["source"]["sha256"]
            except (json.JSONDecodeError, KeyError, TypeError):
                record = sha = None
            if sha is not None and sha in drop:
                continue
            if isinstance(record, dict) and mark_superseded(record, newer):
                line = feed_line(record)
            handle.write(line if line.endswith("\n") else line + "\n")
