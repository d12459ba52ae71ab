"""jieba's word frequencies come from a copy built once in the user's cache folder
(``scan._wordbook``): the same numbers as jieba's own dictionary, built atomically, reused by
the next process, and read into memory when the cache cannot be written or read."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fupin_forms.scan import _wordbook

# words and their frequencies as jieba's dict.txt (0.42.1) lists them; 0: no word
_KNOWN = {"的": 318825, "效果": 4924, "昌乐县": 2, "放果": 0, "": 0, "不是一个词语": 0}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _wordbook.word_lookup.cache_clear()
    yield tmp_path / "fupin-forms"
    _wordbook.word_lookup.cache_clear()


def _jieba_freq() -> dict[str, int]:
    import jieba

    words: dict[str, int] = {}
    with jieba.get_dict_file() as fh:
        for raw in fh:
            word, freq, *_ = raw.decode("utf-8").split()
            words[word] = int(freq)
    return words


def test_the_copy_answers_as_jiebas_dictionary(cache: Path) -> None:
    freq = _wordbook.word_lookup()
    built = list(cache.glob("jieba-words-*.sqlite3"))
    assert len(built) == 1
    assert not list(cache.glob(".*.part"))  # the temporary file was renamed into place
    jieba = _jieba_freq()
    for word, n in _KNOWN.items():
        assert freq(word) == jieba.get(word, 0) == n, word
    sample = list(jieba.items())[::997]
    assert [freq(w) for w, _ in sample] == [n for _, n in sample]


def test_the_next_process_reuses_the_copy(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _wordbook.word_lookup()
    built = next(cache.glob("jieba-words-*.sqlite3"))
    stamp = built.stat().st_mtime_ns
    _wordbook.word_lookup.cache_clear()

    def no_build(source: Path, target: Path) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(_wordbook, "_build", no_build)
    assert _wordbook.word_lookup()("效果") == 4924
    assert built.stat().st_mtime_ns == stamp


def test_an_unwritable_cache_reads_the_words_into_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder would go
    _wordbook.word_lookup.cache_clear()
    try:
        assert _wordbook.word_lookup()("效果") == 4924
    finally:
        _wordbook.word_lookup.cache_clear()


def test_a_damaged_copy_is_not_trusted(cache: Path) -> None:
    source = _wordbook._source()
    target = _wordbook._path(source)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"half a file" * 10)
    assert _wordbook.word_lookup()("昌乐县") == 2
    assert target.read_bytes() == b"half a file" * 10  # left as found, not relied on


def test_a_failed_build_leaves_no_file(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(source: Path) -> Iterator[tuple[str, int]]:
        yield "的", 1
        raise OSError("disk full")

    monkeypatch.setattr(_wordbook, "_entries", broken)
    with pytest.raises(OSError):
        _wordbook._build(_wordbook._source(), cache / "words.sqlite3")
    assert os.listdir(cache) == []
