"""jieba's word frequencies, looked up without loading jieba's dictionary into every process.

Parsing jieba's ``dict.txt`` (349k words) into a dict cost ~0.9 s of CPU, plus ~0.25 s to
import jieba, in every process that read a scan, for a few hundred look-ups per page. The
dictionary is therefore copied once into a read-only SQLite file in the user's cache folder
(``$XDG_CACHE_HOME/fupin-forms``, else ``~/.cache/fupin-forms``; on Windows
``%LOCALAPPDATA%``), named after the source file's size and time, so a new jieba makes a new
copy. Opening it costs about a millisecond and a look-up a few microseconds. Nothing is
downloaded: the source is the ``dict.txt`` of the installed jieba wheel (MIT), read without
importing jieba. The copy is written to a temporary file and renamed into place, so a worker
never sees half a file and two workers building at once both end with a whole one. When the
cache folder cannot be written, the words are read into memory as before.
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

__all__ = ["cache_dir", "word_lookup"]

_FORMAT = 1  # bump when the file's layout changes


def cache_dir() -> Path:
    """The user's cache folder for fupin-forms (not created here)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base and os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
    return Path(base or Path.home() / ".cache") / "fupin-forms"


def _source() -> Path:
    """jieba's ``dict.txt``, found without importing jieba (its import costs ~0.25 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def _entries(source: Path) -> Iterator[tuple[str, int]]:
    """(word, frequency) of each line of ``source``, as jieba writes them: ``word freq tag``."""
    with source.open("rb") as fh:
        for raw in fh:
            word, freq, *_ = raw.decode("utf-8").split()
            yield word, int(freq)


def _build(source: Path, target: Path) -> None:
    """``source``'s words into the SQLite file ``target``, written atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA journal_mode=OFF")
            con.execute("PRAGMA synchronous=OFF")
            con.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
            # a later line of the same word wins, as in the dict it replaces
            con.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)", _entries(source))
            con.commit()
        finally:
            con.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _path(source: Path) -> Path:
    st = source.stat()
    return cache_dir() / f"jieba-words-v{_FORMAT}-{st.st_size}-{st.st_mtime_ns}.sqlite3"


class _Book:
    """The SQLite copy, one read-only connection per thread and process."""

    def __init__(self, path: Path) -> None:
        self._uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        self._local = threading.local()
        self.freq("的")  # opens it: a damaged file fails here, not in the middle of a page

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None or getattr(self._local, "pid", None) != os.getpid():
            con = sqlite3.connect(self._uri, uri=True)
            self._local.con, self._local.pid = con, os.getpid()
        return con

    def freq(self, word: str) -> int:
        row = self._con().execute("SELECT freq FROM words WHERE word = ?", (word,)).fetchone()
        return int(row[0]) if row else 0


@cache
def word_lookup() -> Callable[[str], int]:
    """word → jieba's frequency of it (0: no word), from the cached copy, built on first use."""
    source = _source()
    try:
        path = _path(source)
        if not path.exists():
            _build(source, path)
        return _Book(path).freq
    except (OSError, RuntimeError, sqlite3.Error):  # RuntimeError: no home folder
        words = dict(_entries(source))  # no cache to be had: in memory, as before
        return lambda word: words.get(word, 0)
