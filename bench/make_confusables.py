"""Measure which characters the PP-OCR recogniser confuses on our synthetic hands, and write
the table ``src/fupin_forms/data/confusables.tsv`` that ``scan/_lexicon`` reads.

The published confusion sets we found (pycorrector's ``same_stroke.txt``) group characters
by a shared component (风 枫 飘 疯 凤) and miss the pairs our scans actually show (县/且,
人/入, 已/己); the recogniser's own mistakes are the better source. The characters: the
3000 most frequent in jieba's dictionary (summed word frequencies) plus digits and the
Latin letters a hand writes in e-mails. Each is written in lines of 8 by the blind2 hand
(``tests/fixtures/scans_blind2/blind2_hand.py``: Kai/Ming, size, tilt, slant, wobble,
pressure) in several hands, read alone (``_probe.class_probs``), and at every column where
a character was emitted for a line read at its true length, the class read there is noted. A
pair is confusable when one was read instead of the other at least once. (Counting a
runner-up of ≥ 0.05 as well doubled the table with pairs no scan showed, 在/径, and made
false alarms on correct text.)

usage: python bench/make_confusables.py [--hands 6] [--chars 3000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "scans_blind2"))

from blind2_hand import Hand  # noqa: E402

from fupin_forms.scan._probe import _charset, class_probs  # noqa: E402

_EXTRA = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _chars(n: int) -> list[str]:
    import jieba

    freq: Counter[str] = Counter()
    with open(jieba.get_dict_file().name, encoding="utf-8") as fh:
        for line in fh:
            word, f, *_ = line.split()
            for ch in word:
                if "\u4e00" <= ch <= "\u9fff":
                    freq[ch] += int(f)
    return [c for c, _ in freq.most_common(n)]


def _render(hand: Hand, text: str) -> np.ndarray:
    strip = hand.line_image(text, hand.rng.uniform(34, 52))
    page = Image.new("RGB", (strip.width + 40, strip.height + 20), (250, 248, 242))
    page.paste(strip, (20, 10), strip)
    return np.asarray(page.convert("L"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hands", type=int, default=6)
    ap.add_argument("--chars", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=str(ROOT / "src/fupin_forms/data/confusables.tsv"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    chars = _chars(args.chars) + list(_EXTRA)
    classes = _charset()
    won: Counter[tuple[str, str]] = Counter()
    lines = 0
    for h in range(args.hands):
        hand = Hand(random.Random(rng.randrange(1 << 30)))
        order = chars[:]
        random.Random(h).shuffle(order)
        for i in range(0, len(order), 8):
            text = "".join(order[i : i + 8])
            probs = class_probs(_render(hand, text))
            if probs is None:
                sys.exit("recogniser internals not reachable")
            best = probs.argmax(axis=1)
            cols = [t for t, k in enumerate(best) if k != 0 and (t == 0 or k != best[t - 1])]
            lines += 1
            if len(cols) != len(text):
                continue  # a dropped or added character: positions do not align
            for truth, t in zip(text, cols, strict=True):
                got = classes[int(best[t])]
                if got != truth:
                    won[truth, got] += 1
    pairs = set(won)
    table: dict[str, set[str]] = {}
    for a, b in pairs:
        if a.strip() and b.strip():
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
    out = Path(args.out)
    body = "".join(f"{a}\t{''.join(sorted(bs))}\n" for a, bs in sorted(table.items()))
    header = (
        "# Characters the PP-OCR recogniser (rapidocr's default recognition model) confuses on synthetic hands;\n"
        f"# made by bench/make_confusables.py --hands {args.hands} --chars {args.chars} --seed {args.seed}\n"
        f"# ({lines} lines read; a pair: one read instead of the other at least once).\n"
        "# character<TAB>its confusable partners\n"
    )
    tmp = out.with_suffix(".tmp")
    tmp.write_text(header + body, encoding="utf-8")
    tmp.replace(out)
    print(f"{lines} lines, {len(won)} misreads, {len(table)} characters with partners -> {out}")


if __name__ == "__main__":
    main()
