"""Is this cell a label, which one, and does a value follow it in the same cell?

Labels come from ``fupin_forms.labels``; here they are only compared. A cell is a label
when its text, normalised, is one of them (optionally followed by a bracketed note such as
``项目内容（帮扶的内容…）`` or ``申报单位（盖章）``), or starts with one followed by a colon or a
space and then the value (``姓　　名：孟庆华``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ...labels import (
    APPROVALS,
    EXTRA_LABELS,
    FIELD_LABELS,
    LEDGER_COLUMNS,
    VILLAGE_BLOCK,
    VILLAGE_COLUMNS,
    LabelSet,
    norm_label,
)
from ...layout import PAGES, Repeat
from .tiers import EXACT, VARIANT

__all__ = [
    "Kind",
    "Match",
    "classify",
    "field_label",
    "find_inline",
    "looks_like_label",
    "split_at_labels",
]

Kind = Literal["field", "approval", "block", "village", "ledger", "extra"]


@dataclass(frozen=True)
class Match:
    kind: Kind
    key: str  # JSON path (field, approval) or column name (village, ledger) or the label
    tier: float
    rest: str = ""  # the value typed after the label in the same cell
    label: str = ""  # the label as it is printed in this file


def _sets(form: str) -> list[tuple[Kind, LabelSet]]:
    out: list[tuple[Kind, LabelSet]] = [("field", s) for s in FIELD_LABELS.get(form, ())]
    if form in ("annex3", "annex4"):
        out += [("approval", s) for s in APPROVALS]
        out.append(("block", VILLAGE_BLOCK))
        out += [("village", s) for s in VILLAGE_COLUMNS]
    else:
        out += [("ledger", s) for s in LEDGER_COLUMNS]
    out += [("extra", LabelSet(w, w)) for w in EXTRA_LABELS]
    return out


@cache
def _printed(form: str) -> dict[str, str]:
    """JSON path (or its review's base) → the label this annex's own layout prints for it."""
    out: dict[str, str] = {}
    page = PAGES.get(form)
    if page is None:
        return out
    for item in page.rows:
        row = item.row if isinstance(item, Repeat) else item
        for n, cell in enumerate(row.cells[:-1]):
            fields = row.cells[n + 1].fields
            if cell.label and cell.text.strip() and fields:
                path = fields[0].path
                out[path.rsplit(".", 1)[0] if path.startswith("reviews.") else path] = cell.text
    return out


@cache
def _table(form: str) -> dict[str, list[tuple[Kind, str, float]]]:
    """Normalised label → every (kind, key, tier) it can mean (联系人: field or column).
    High tier for the wording this annex prints (its layout), medium for the variants."""
    out: dict[str, list[tuple[Kind, str, float]]] = {}
    printed = {k: norm_label(v) for k, v in _printed(form).items()}
    for kind, s in _sets(form):
        for n, text in enumerate(s.all):
            own = printed.get(s.path) if kind in ("field", "approval") else None
            tier = EXACT if (own == norm_label(text) if own else n == 0) else VARIANT
            entry = out.setdefault(norm_label(text), [])
            if all(k != kind or key != s.path for k, key, _ in entry):
                entry.append((kind, s.path, tier))
    return out


@cache
def _inline(form: str) -> re.Pattern[str]:
    """Any label at the start of a text, then a colon or space, then the rest."""
    labels = sorted(_table(form), key=len, reverse=True)
    gap = r"[\s\u3000]*"
    alts = []
    for text in labels:
        chars = [
            re.escape(c) if c not in "（）" else ("[（(]" if c == "（" else "[）)]") for c in text
        ]
        alts.append(gap.join(chars))
    return re.compile(
        rf"^{gap}(?P<open>[【〔〖\[（(])?{gap}(?P<label>{'|'.join(alts)})"
        rf"(?P<sep>{gap}[:：﹕︰]|[\s\u3000]+|(?(open){gap}[】〕〗\]）)]{gap}[:：﹕︰]?|(?!)))(?P<rest>.*)$",
        re.S,
    )


_NOTE = re.compile(r"^(.+?)（[^（）]*）$")


def classify(text: str, form: str) -> list[Match]:
    """Every label reading of a cell's text (empty: not a label)."""
    norm = norm_label(text)
    if not norm:
        return []
    table = _table(form)
    if norm in table:
        return [Match(k, key, t, "", text.strip()) for k, key, t in table[norm]]
    if norm.startswith("（") and norm.endswith("）") and norm[1:-1] in table:  # 〔工作单位〕
        return [Match(k, key, min(t, VARIANT), "", text.strip()) for k, key, t in table[norm[1:-1]]]
    m = _NOTE.match(norm)
    if m and m.group(1) in table:
        return [Match(k, key, min(t, VARIANT), "", text.strip()) for k, key, t in table[m.group(1)]]
    if "/" in norm or "／" in norm:  # 职务/职称: the part we know names the field
        parts = [p for p in re.split(r"[/／]", norm) if p]
        hits = [h for p in parts for h in table.get(p, []) if h[0] != "extra"]
        if len({(k, key) for k, key, _ in hits}) == 1:
            k, key, t = hits[0]
            return [Match(k, key, min(t, VARIANT), "", text.strip())]
    im = _inline(form).match(text)
    if im and not _spaced_on(im):
        rest = im.group("rest").strip(" \t\n\u3000")
        hits = table.get(norm_label(im.group("label")), [])
        return [Match(k, key, t, rest, im.group("label")) for k, key, t in hits]
    return []


_SPACED = re.compile(r"^\S(?:[ \u3000]+\S)+$")


def _spaced_on(im: re.Match[str]) -> bool:
    """``专 业 特 长``: a label typed letter-spaced goes on past a known label (专业) with the
    same spacing; what follows is more label, not a value."""
    label, rest = im.group("label").strip(), im.group("rest").strip(" \t\n\u3000")
    return (
        not re.search(r"[:：﹕︰]", im.group("sep"))
        and bool(_SPACED.match(label))
        and bool(_SPACED.match(rest) or (len(rest) == 1 and _CJK_CHAR.match(rest)))
    )


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def field_label(text: str, form: str) -> tuple[str, float] | None:
    """(JSON path, tier) when ``text`` is a whole label of exactly one field of ``form``:
    for column headers (a roster's 姓名 or 通讯地址)."""
    hits = {(m.key, m.tier) for m in classify(text, form) if m.kind == "field" and not m.rest}
    return hits.pop() if len(hits) == 1 else None


_UNKNOWN = re.compile(r"^[\u4e00-\u9fff（）()、/ \u3000]{2,10}[:：]$")


def looks_like_label(text: str) -> bool:
    """A short text ending in a colon (``籍贯：``): a label we do not know."""
    return bool(_UNKNOWN.match(text.strip()))


@cache
def _colon(form: str, loose: bool = False) -> re.Pattern[str]:
    labels = sorted((t for t in _table(form) if len(t) >= 2), key=len, reverse=True)
    gap = r"[\s\u3000]*"
    alts = []
    for lab in labels:
        chars = [
            re.escape(c) if c not in "（）" else ("[（(]" if c == "（" else "[）)]") for c in lab
        ]
        alts.append(gap.join(chars))
    sep = r"(?:[:：﹕︰]|(?=[\s\u3000])|$)" if loose else r"[:：﹕︰]"
    return re.compile(rf"(?P<label>{'|'.join(alts)}){gap}{sep}")


def find_inline(text: str, form: str, loose: bool = False) -> list[tuple[Match, str]]:
    """Labels written in a line of text with their values: ``县（市、区）科协：沂水县  承担项目
    专家：王某  填表时间：2016年3月5日``. A label counts here only with a colon after it, or,
    ``loose`` (a line that is all labels and values), with a space or the line's end. A column
    name (日期, 地点) counts only as a word of its own: ``记录日期：`` is not ``日期：``. A value
    ends where the next label, known or not (``记录人：``), begins."""
    table = _table(form)
    hits = [
        m
        for m in _colon(form, loose).finditer(text)
        if _at_word(text, m.start())
        or any(k in ("field", "approval") for k, _, _ in table[norm_label(m.group("label"))])
    ]
    cuts = sorted({m.start() for m in hits} | set(_unknown_starts(text)))
    out = []
    for m in hits:
        end = next((c for c in cuts if c >= m.end()), len(text))
        value = text[m.end() : end].strip(" \t\n\u3000")
        for kind, key, tier in table[norm_label(m.group("label"))]:
            out.append((Match(kind, key, tier, value, m.group("label")), value))
    return out


# A label we may not know, set apart by spaces and ending in a colon: ``  性别：`` ``  记录人：``.
_NEXT = re.compile(
    r"(?<=[\s\u3000])[\u4e00-\u9fff][\u4e00-\u9fff（）()、/]{0,9}?[\s\u3000]*[:：﹕︰]"
)


def _at_word(text: str, at: int) -> bool:
    return at == 0 or not _CJK_CHAR.match(text[at - 1])


def _unknown_starts(text: str) -> list[int]:
    return [m.start() for m in _NEXT.finditer(text)]


def split_at_labels(text: str, form: str) -> tuple[str, list[tuple[str, str]]]:
    """``孙月娥        性别：女        出生年月：1968.5``: a value typed after its label ends
    where the next label ``X：`` begins (set apart by spaces), known (``邮  编:``) or not.
    Returns the value and the (label, value) pairs that followed it, in order."""
    known = [(m.start(), m.end()) for m in _colon(form).finditer(text) if _at_word(text, m.start())]
    starts = {a for a, _ in known} | {
        s for s in _unknown_starts(text) if not any(a < s < b for a, b in known)
    }
    starts = {s for s in starts if text[:s].strip(" \t\n\u3000")}
    if not starts:
        return text, []
    cuts = sorted(starts)
    pairs = []
    for n, at in enumerate(cuts):
        end = cuts[n + 1] if n + 1 < len(cuts) else len(text)
        piece = text[at:end]
        parts = re.split(r"[:：﹕︰]", piece, maxsplit=1)
        label, value = parts[0], parts[1] if len(parts) > 1 else ""
        pairs.append((label.strip(" \t\n\u3000"), value.strip(" \t\n\u3000")))
    return text[: cuts[0]].rstrip(" \t\n\u3000"), pairs
