"""Work cut for speed (issue 12, point 5) must not change what is read: the faster lookups
give exactly the answers of the loops they replaced, here kept as references.

- ``near_division`` finds the divisions one character off a window by a lookup per position,
  where it compared the window with every division name of its length;
- ``_label_score`` reuses one difflib matcher per label word, where it built one per
  (cell text, word) pair;
- ``ink_only`` does its clipped arithmetic with OpenCV's saturating uint8 operations.
"""

from __future__ import annotations

import difflib
import random

from fupin_forms.scan import _table_fit
from fupin_forms.scan._lexicon import _UNIT, _in_word, _places, confusables, near_division


def _near_division_reference(text: str) -> tuple[str, str] | None:
    """``near_division`` as it was: every window against every name of its length."""
    names, by_len = _places()
    taken = [False] * len(text)
    for n in names:
        at = text.find(n)
        while at >= 0:
            taken[at : at + len(n)] = [True] * len(n)
            at = text.find(n, at + len(n))
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
                read, real = window[diff[0]], name[diff[0]]
                if read in _UNIT or not ("\u4e00" <= read <= "\u9fff"):
                    continue
                if real in _UNIT and read not in table.get(real, ""):
                    continue
                return window, name
    return None


def _texts() -> list[str]:
    """Division names with one character swapped (a look-alike, a common character, a
    suffix), alone and inside addresses, and a few real and unrelated texts."""
    rng = random.Random(12)
    names = sorted(_places()[0])
    table = confusables()
    out = ["潍坊市昌乐且振头", "临沂市沂水且院东头镇", "沾化区科协", "东平湖", "开发区", "同意上报。"]
    for name in rng.sample(names, 60):
        k = rng.randrange(len(name))
        for swap in (table.get(name[k], "")[:1] or "且", "王", "区" if name[k] != "区" else "县"):
            wrong = name[:k] + swap + name[k + 1 :]
            out += [wrong, f"山东省{wrong}文化路12号", f"{wrong}农业局"]
    return out


def test_near_division_answers_as_the_full_comparison_did() -> None:
    texts = _texts()
    found = [near_division(t) for t in texts]
    assert found == [_near_division_reference(t) for t in texts]
    assert sum(f is not None for f in found) > 20  # the swaps do make near misses


def _label_score_reference(text: str, words: tuple[str, ...]) -> float:
    got = _table_fit._fold(text)
    if not got:
        return 0.0
    best = 0.0
    for w in words:
        if got == w:
            return 1.0
        m = difflib.SequenceMatcher(None, got, w, autojunk=False)
        if m.real_quick_ratio() > best and m.quick_ratio() > best:
            best = max(best, m.ratio())
    return best


def test_label_scores_are_those_of_a_fresh_matcher() -> None:
    words = tuple(sorted({_table_fit._fold(w) for w in ("姓名", "性别", "出生年月", "工作单位",
                                                      "职称", "专业", "联系电话", "电子邮箱")}))  # fmt: skip
    cells = ["姓各", "性 别", "出生年月日", "工作单位（盖章）", "职 称", "专业特长", "联系电话：",
             "电子邮件", "备注", "", "手机", "单位名称", "工作单位工作单位"]  # fmt: skip
    for _ in range(2):  # the second pass reuses the kept matchers
        for text in cells:
            assert _table_fit._label_score(text, words) == _label_score_reference(text, words), text


def test_ink_only_is_the_int16_arithmetic_it_replaced() -> None:
    import numpy as np

    from fupin_forms.scan._lines import ink_only

    rng = np.random.default_rng(5)
    page = rng.integers(0, 256, (300, 200, 3), dtype=np.uint8)
    for bgr in (page, page[30:250, 17:190]):  # a whole image and a view into one
        b, g, r = (bgr[:, :, i].astype(np.int16) for i in range(3))
        want = np.clip(r + np.maximum(r - np.maximum(g, b), 0), 0, 255).astype(np.uint8)
        assert np.array_equal(ink_only(bgr), want)
