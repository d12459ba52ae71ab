"""The file store: each file once, by sha256, written and fsynced before it is acknowledged."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from django.conf import settings

from ...parse.reader import SUPPORTED_SUFFIXES

MAX_ZIP_MEMBERS = 2000
MAX_ZIP_BYTES = 500 * 1024 * 1024


def store_dir() -> Path:
    return Path(settings.STORE_DIR)


def stored_path(sha256: str, suffix: str) -> Path:
    return store_dir() / sha256[:2] / f"{sha256}{suffix}"


def put(stream: IO[bytes], suffix: str) -> tuple[str, int]:
    """Copy ``stream`` into the store; returns (sha256, size). Already stored: kept as is."""
    store_dir().mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp = tempfile.mkstemp(dir=store_dir(), prefix=".up-")
    try:
        with os.fdopen(fd, "wb") as out:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        final = stored_path(sha, suffix)
        if final.exists():
            os.unlink(tmp)
        else:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
        return sha, size
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def suffix_of(name: str) -> str:
    return PurePosixPath(name).suffix.lower()[:10]


def accepted(name: str) -> bool:
    base = PurePosixPath(name).name
    return (
        suffix_of(name) in SUPPORTED_SUFFIXES
        and not base.startswith(("~$", "."))
        and not base.endswith(".expected.json")
    )


def zip_members(stream: IO[bytes]) -> Iterator[tuple[str, IO[bytes]]]:
    """The readable forms inside a .zip (names decoded as the archive says, GBK otherwise)."""
    with zipfile.ZipFile(stream) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()][:MAX_ZIP_MEMBERS]
        if sum(i.file_size for i in infos) > MAX_ZIP_BYTES:
            raise ValueError("压缩包解压后过大")
        for info in infos:
            name = info.filename
            if not info.flag_bits & 0x800:  # not flagged UTF-8: Windows zips in China use GBK
                with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                    name = name.encode("cp437").decode("gbk")
            if accepted(name):
                with archive.open(info) as member:
                    yield name, member


def expand(items: Iterable[tuple[str, IO[bytes]]]) -> Iterator[tuple[str, IO[bytes]]]:
    """Uploaded (name, stream) pairs, with each .zip replaced by the forms inside it."""
    for name, stream in items:
        if suffix_of(name) == ".zip":
            yield from zip_members(stream)
        elif accepted(name):
            yield name, stream
