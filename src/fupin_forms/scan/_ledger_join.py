"""Unmarked 附件5 pages → ledgers: which pages are one ledger, and in what order.

A ledger longer than a page is printed as a first page (title, 县（市、区）科协, 专家, 填表时间
and the table) and continuation pages (the table alone). Without our QR code nothing on a
page says which ledger it belongs to or where it goes, and a scanner stores pages in any
order. What the pages do say: a continuation has no header block, and its 序号 go on from
where another page's stop. So a continuation joins the ledger whose 序号 it continues, and
the pages are joined in 序号 order, whatever the file order was.

Where that evidence is missing the join is a guess, and a guess is said: a continuation
whose 序号 do not read, or leave a gap after the only ledger of the file, is joined to it
with a warning and its values below the review threshold (the validator also names the
gap in the 序号); so is one whose 序号 overlap the only ledger's (a misread number, or a
page of another ledger). A continuation that cannot be tied to one ledger (no first page in
the file, or several ledgers it could or could not continue) stays a record
of its own with a warning saying why, and lacks page 1 (``pages_missing``), so it is never
``complete``; pages that continue it join it (a first page whose header did not read, 序号
from 1, is followed by its continuation as usual). A second page that repeats the first's header (someone wrote the county and
expert again on a second printed sheet) is the same ledger when its 序号 continue and its
header agrees; with another county or expert it is another ledger.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from ..parse import ParsedForm
from ._cells import squash
from ._evidence import DOUBT

if TYPE_CHECKING:
    from ..rules import Issue

__all__ = ["join_ledgers"]

_ENTRY = re.compile(r"entries\[(\d+)\](.*)")
_HEAD = ("county", "expert")


def _number(entry: object) -> int | None:
    seq = entry.get("seq") if isinstance(entry, dict) else None
    try:
        number = float(str(seq).strip())
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() and number > 0 else None


def _span(page: ParsedForm) -> tuple[int, int] | None:
    """The first and last 序号 of the page's rows, None when none reads.

    Taken from the numbers that agree with their row (序号 minus row index): one misread
    number (a hand's 11 read 71, a 10 read 1010) does not move the page, and a row the
    reader split in two shifts only the numbers above it. When no two numbers agree, the
    lowest and highest as read."""
    rows = [_number(e) for e in page.data.get("entries") or []]
    known = [(i, s) for i, s in enumerate(rows) if s is not None]
    if not known:
        return None
    start, votes = Counter(s - i for i, s in known).most_common(1)[0]
    if votes < 2:
        return min(s for _, s in known), max(s for _, s in known)
    return start, start + len(rows) - 1


def _has_head(page: ParsedForm) -> bool:
    return any(page.data.get(key) for key in _HEAD)


@dataclass
class _Ledger:
    """A ledger being assembled: its first page and the file pages joined to it."""

    form: ParsedForm
    pages: list[int]
    last: int = 0  # the highest 序号 of its pages (``_span``)
    marked: bool = False  # a record read by its QR codes, lacking one page


def join_ledgers(
    pages: list[tuple[int, ParsedForm]], waiting: list[ParsedForm] | None = None
) -> list[ParsedForm]:
    """The forms of a file's unmarked pages (``(file page, form)``, in file order): every
    non-ledger page as it is, ledger pages joined into ledgers, each in 序号 order.

    ``waiting``: ledgers of the same file read by their QR codes that lack exactly one
    page; a continuation whose 序号 go on from one of them is that page (its QR did not
    read) and is joined to it, not returned."""
    out: list[tuple[int, ParsedForm]] = [(n, p) for n, p in pages if p.form != "annex5"]
    ledgers = [
        _Ledger(f, [], _end(f), marked=True)
        for f in waiting or []
        if f.form == "annex5" and len(f.pages_missing) == 1
    ]
    heads = [(n, p) for n, p in pages if p.form == "annex5" and _has_head(p)]
    tails = [(n, p) for n, p in pages if p.form == "annex5" and not _has_head(p)]
    for n, page in sorted(heads, key=_lowest):
        if not _same_ledger(ledgers, n, page):
            ledgers.append(_Ledger(page, [n], _end(page)))
            out.append((n, page))
    for n, page in sorted(tails, key=_lowest):
        target, doubt = _place(ledgers, n, page)
        if target is None:  # a record of its own, which later pages may continue
            span = _span(page)
            if span and span[0] == 1:
                doubt = f"第{n}页的序号从 1 起，像是台帐的首页，但没有读出县（市、区）科协、专家和填表时间"
            else:
                page.pages_missing = [1]
            page.warnings.append(doubt)
            ledgers.append(_Ledger(page, [n], _end(page)))
            out.append((n, page))
            continue
        if doubt:
            _doubt(page, doubt)
        if target.marked:
            (missing,) = target.form.pages_missing
            target.form.pages_missing = []
            target.form.warnings = [w for w in target.form.warnings if f"缺第{missing}页" not in w]
            page.warnings.append(
                f"第{n}页的二维码没有读出，它的序号接着本表的序号，按本表的第{missing}页读取"
            )
            _append(target, n, page)
            _say_order(target.form)
            ledgers.remove(target)  # whole now: it takes no other page
            continue
        _append(target, n, page)
    for ledger in ledgers:
        if len(ledger.pages) > 1:
            _say_order(ledger.form)
    return [page for _, page in sorted(out, key=lambda o: o[0])]


def _lowest(page: tuple[int, ParsedForm]) -> tuple[int, int]:
    """Lowest 序号 first (unreadable last), then file order: a ledger's pages are taken in
    their own order, whichever came first in the file."""
    span = _span(page[1])
    return (span[0] if span else 10**9), page[0]


def _end(page: ParsedForm) -> int:
    span = _span(page)
    return span[1] if span else 0


def _same_ledger(ledgers: list[_Ledger], n: int, page: ParsedForm) -> bool:
    """Join ``page`` (with a header) to a ledger whose header it repeats and whose 序号 it
    continues; True when joined."""
    span = _span(page)
    if span is None:
        return False
    for ledger in [led for led in ledgers if not led.marked]:
        agree = all(
            squash(str(page.data.get(k) or "")) == squash(str(ledger.form.data.get(k) or ""))
            for k in _HEAD
        )
        if agree and span[0] == ledger.last + 1:
            page.warnings.append(
                f"第{n}页另有表头，县、专家与第{ledger.pages[0]}页相同且序号接续，按同一份台帐合并"
            )
            _append(ledger, n, page)
            return True
    return False


def _place(ledgers: list[_Ledger], n: int, page: ParsedForm) -> tuple[_Ledger | None, str]:
    """The ledger the continuation page ``n`` belongs to and, when that is a guess, why;
    or None and why it stays a record of its own."""
    span = _span(page)
    if not ledgers:
        return None, (
            f"第{n}页是台帐的续页（没有标题和县、专家、填表时间），文件中没有它的首页；"
            "表头各项未读取，请补上首页"
        )
    alone = len(ledgers) == 1 and not ledgers[0].marked  # the file's only ledger, unmarked
    if span is None:
        if alone:
            return ledgers[0], (
                f"第{n}页是台帐的续页，但序号认不出，按文件顺序接在第{ledgers[0].pages[0]}页的台帐后面"
            )
        return (
            None,
            f"第{n}页是台帐的续页，但序号认不出，文件中有 {len(ledgers)} 份台帐，无法判断属于哪一份",
        )
    first = span[0]
    fits = [ledger for ledger in ledgers if first == ledger.last + 1]
    if len(fits) == 1:
        return fits[0], ""
    if len(fits) > 1:
        return (
            None,
            f"第{n}页是台帐的续页（序号从 {first} 起），可接在文件中几份台帐后面，无法判断属于哪一份",
        )
    if alone:  # one ledger in the file: most likely its page, but the 序号 do not say so
        ledger = ledgers[0]
        why = "中间可能缺页" if first > ledger.last else "序号重复或读错，也可能不是同一份台帐"
        return ledger, (
            f"第{n}页是台帐的续页，序号从 {first} 起，而第{ledger.pages[0]}页的台帐到 {ledger.last} 为止："
            f"{why}；按序号接在后面"
        )
    return None, f"第{n}页是台帐的续页，序号从 {first} 起，与文件中的台帐序号重复或接不上，单独列出"


def _doubt(page: ParsedForm, why: str) -> None:
    """A guessed join: the page's values are for a person to check."""
    for key, source in list(page.fields.items()):
        if source.confidence > DOUBT:
            page.fields[key] = source.doubt(DOUBT, "续页接在哪份台帐后面是推断的")
    page.warnings.append(f"需人工核对：{why}（置信度 {DOUBT:.2f}）")


_TABLE_NOTES = ("台帐表中有未识别的列", "本页没有表头")  # ``_ledger_fit``'s notes on a page's columns


def _append(ledger: _Ledger, n: int, more: ParsedForm) -> None:
    first = ledger.form
    offset = len(first.data.get("entries") or [])
    first.data.setdefault("entries", []).extend(more.data.get("entries") or [])
    for key, source in more.fields.items():
        match = _ENTRY.match(key)
        if match:
            first.fields[f"entries[{int(match.group(1)) + offset}]{match.group(2)}"] = source
    # a note about the table itself (a county's own column) is said once, not once a page
    first.warnings.extend(w for w in more.warnings if not (w.startswith(_TABLE_NOTES) and w in first.warnings))
    first.issues.extend(_moved(more, offset))
    ledger.pages.append(n)
    ledger.last = max(ledger.last, _end(more))


def _moved(more: ParsedForm, offset: int) -> list[Issue]:
    """The continuation's own issues about its entries, renumbered into the ledger."""
    out: list[Issue] = []
    for issue in more.issues:
        match = _ENTRY.match(issue.path)
        if match:
            out.append(
                replace(issue, path=f"entries[{int(match.group(1)) + offset}]{match.group(2)}")
            )
    return out


def _say_order(ledger: ParsedForm) -> None:
    """The joined entries stay in page order (pages in 序号 order, rows as printed): a
    warning when their 序号 do not then run upward, since one of them, or a page's place,
    is then in doubt. Entries are never re-sorted one by one: a misread 序号 (11 read 71)
    would move its entry among the others."""
    read = [_number(e) for e in ledger.data.get("entries") or []]
    seqs = [s for s in read if s is not None]
    if len(seqs) < len(read):
        ledger.warnings.append("台帐各页的条目按页的顺序排列：有的序号认不出，顺序需人工核对")
    elif any(b <= a for a, b in pairwise(seqs)):
        ledger.warnings.append("台帐各页的条目按页的顺序排列：序号有重复或读错，顺序需人工核对")
