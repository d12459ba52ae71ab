"""附件5 from a grid: the 县/专家/填表时间 line (above or inside the table) and the entries,
read by their header row; a date without a year takes the ledger's year, with a warning."""

from __future__ import annotations

import re

from ...labels import LEDGER_COLUMNS, LEDGER_WORDS, TOTAL_WORDS, norm_label, title
from ...rules import Issue
from .collect import Out
from .grid import GridCell, Sheet
from .match import classify, find_inline
from .tables import Header, column_of, find_header, is_number_only, row_values
from .tiers import INFERRED, POSITION, VARIANT
from .values import DateRead, clean_text, parse_int, read_date
from .years import infer_years

_DATE = title("entries", "date")

__all__ = ["ledger_column", "read_ledger", "split_activity", "year_issue"]

_MULTILINE = {"activity"}
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def read_ledger(sheet: Sheet, out: Out) -> None:
    cap = POSITION if sheet.position_only else 1.0
    header: Header | None = None
    entries: list[tuple[dict[str, tuple[str, GridCell]], Header]] = []
    head_texts: list[tuple[str, GridCell | None]] = [
        (p, GridCell(p, 0, 0, where=f"表格外第{n + 1}段")) for n, p in enumerate(sheet.paragraphs)
    ]
    extra_warned: set[str] = set()
    meta: list[tuple[str, GridCell, float]] = []
    for table in sheet.tables:
        width = len(table.rows[0]) if table.rows else 0
        if (
            header is not None
            and width
            and abs(width - len(header.columns) - len(header.extra)) > 1
        ):
            header = None  # another table, not a continuation of the ledger
        for row in table.rows:
            found = find_header(row, LEDGER_COLUMNS, LEDGER_WORDS, 2, lambda t: False)
            if found is not None and any(
                c.key in ("date", "place", "activity") for c in found.columns
            ):
                header = found
                for name in found.extra:
                    if name not in extra_warned:
                        extra_warned.add(name)
                        out.warnings.append(f"台帐表中有未识别的列：{name}（未读取）")
                continue
            labels = _label_row(row)
            if labels:
                meta = labels
                continue
            if meta:
                _meta(out, meta, row, cap)
                meta = []
                continue
            if header is None and _pairs(out, row, cap):
                continue
            if header is None or _is_head_row(row):
                head_texts += [(c.text, c) for c in row if not c.merged_above]
                continue
            values = row_values(row, header)
            texts = [t for k, (t, _) in values.items() if k != "seq"]
            if all(is_number_only(t) for t in texts):
                continue  # blank or numbered-but-empty
            total = _total_row(row)
            if total:
                out.warnings.append(f"台帐表中的“{total}”行是合计，未作为活动读入")
                continue
            entries.append((values, header))
    _head(out, head_texts, cap)
    _entries(out, entries, cap, [t for t, _ in head_texts])
    out.data.setdefault("entries", [])


def _total_row(row: list[GridCell]) -> str:
    """The word of a 合计/小计 row (its first filled cell says so), else ""."""
    first = next((c.text for c in row if c.text.strip() and not c.merged_above), "")
    word = norm_label(first)
    return word if word in TOTAL_WORDS else ""


def _label_row(row: list[GridCell]) -> list[tuple[str, GridCell, float]]:
    """The row's cells as head labels, if every filled cell is one with nothing after it."""
    out = []
    for cell in row:
        if cell.merged_above or not cell.text.strip():
            continue
        hits = [m for m in classify(cell.text, "annex5") if m.kind == "field" and not m.rest]
        if not hits:
            return []
        out.append((hits[0].key, cell, hits[0].tier))
    return out


def _field_label(cell: GridCell) -> tuple[str, float] | None:
    hits = [m for m in classify(cell.text, "annex5") if m.kind == "field" and not m.rest]
    return (hits[0].key, hits[0].tier) if hits and not cell.merged_above else None


def _pairs(out: Out, row: list[GridCell], cap: float) -> bool:
    """A list table of the head (县（市、区）科协 | 五莲县科协, one per row): each label with
    the cell right of it. False when the row holds no such pair."""
    cells = [c for c in row if not c.merged_above]
    found = False
    for n, cell in enumerate(cells[:-1]):
        hit = _field_label(cell)
        value = cells[n + 1]
        if hit is None or _field_label(value) is not None or not value.text.strip():
            continue
        key, tier = hit
        found = True
        if out.has(key) and not _blank(_get(out, key)):
            continue
        if key == "filled_on":
            _filled_on(out, value.text, value, min(tier, cap))
        else:
            text = _place(value.text) if key == "county" else value.text
            out.put(key, clean_text(text, False), value, min(tier, cap))
    return found


def _is_head_row(row: list[GridCell]) -> bool:
    """A row inside the table holding the 县/专家/填表时间 line instead of an activity."""
    text = "".join(c.text for c in row)
    return any(m.kind == "field" for m, _ in find_inline(text, "annex5"))


_TITLE_COUNTY = re.compile(r"^\s*(\S+?[县市区旗])科协.*工作台[帐账]")
_UNIT = "县市区旗"
_OFFICE = re.compile(r"^(\S+?[县市区旗])\s*科协(?:[（(].*[)）])?$")


def _head(out: Out, texts: list[tuple[str, GridCell | None]], cap: float) -> None:
    for text, cell in texts:
        found = [(m, v) for m, v in find_inline(text, "annex5", loose=True) if m.kind == "field"]
        if not found:
            title = _TITLE_COUNTY.match(text)
            if title and not out.has("county"):  # "临朐县科协2016年…工作台帐"
                out.put("county", title.group(1), cell, min(VARIANT, cap))
            continue
        first, _ = found[0]
        at = text.find(first.label)
        prefix = text[:at].strip(" \t\u3000_") if at > 0 else ""
        office = _OFFICE.match(prefix)
        if first.key != "county" and office and not out.has("county"):
            # "泗水县科协（县（市、区）科协）  承担项目专家：…": the office before the line
            out.put("county", office.group(1), cell, min(VARIANT, cap))
        prefix = _place(prefix) if first.key == "county" else prefix
        if first.key == "county" and prefix and not out.has("county"):
            # the seed prints "____县（市、区）科协": the county is written in the blank before
            if first.label.startswith("县") and prefix[-1] not in _UNIT:
                prefix += "县"
            out.put("county", prefix, cell, min(VARIANT, cap))
        for m, value in found:
            if out.has(m.key) and not _blank(_get(out, m.key)):
                continue
            tier = min(m.tier, cap)
            if m.key == "filled_on":
                _filled_on(out, value, cell, tier)
                continue
            value, date = _trailing_date(value)
            if m.key == "county":  # "沂南县科协": the office's name, the field holds the place
                value = _place(value)
            if value.strip():
                out.put(m.key, clean_text(value, False), cell, tier)
            if date and not out.has("filled_on"):
                _filled_on(out, date, cell, min(tier, VARIANT))


def _get(out: Out, key: str) -> object:
    return out.data.get(key)


def _place(value: str) -> str:
    """``沂南县科协`` → 沂南县; ``牡丹区（市、区）``: the printed ``（市、区）`` of
    ``县（市、区）科协`` left after the county written over 县 is skeleton, not value."""
    value = re.sub(r"[（(]\s*市\s*[、,，]?\s*区\s*[)）]", "", value.strip())
    return re.sub(r"(?<=[县市区旗])\s*科协$", "", value.strip())


def _filled_on(out: Out, value: str, cell: GridCell | None, tier: float) -> None:
    d = read_date(value)
    if d.status == "blank":
        return
    what = f"{title('annex5', 'filled_on')}："
    if not out.put_date("filled_on", d, cell, tier, what):
        out.put("filled_on", None, cell, tier)
        out.issue("invalid", "filled_on", f"{what}“{d.raw}”没有年份", "error")


def _meta(
    out: Out, labels: list[tuple[str, GridCell, float]], row: list[GridCell], cap: float
) -> None:
    """A row of head labels over a row of values (县（市、区）科协 | 承担项目专家 | 填表日期)."""
    for key, label, tier in labels:
        tier = min(tier, cap)
        below = [c for c in row if min(c.right, label.right) - max(c.left, label.left) > 0]
        if len(below) != 1 or not below[0].text.strip() or out.has(key):
            continue
        text = below[0].text
        if key == "filled_on":
            _filled_on(out, text, below[0], tier)
        else:
            out.put(
                key, clean_text(_place(text) if key == "county" else text, False), below[0], tier
            )


_SKELETON = re.compile(r"[\s\u3000_]*年[\s\u3000_]*月[\s\u3000_]*日[\s\u3000_]*")
_TAIL_DATE = re.compile(
    r"^(.*?)(?:[\s\u3000]{2,}|(?<=[\u4e00-\u9fff])(?=\d{4}\s*年))(\S*\d{4}\s*年.*日|\d{4}[./-]\d{1,2}[./-]\d{1,2}|[\s\u3000_]*年[\s\u3000_]*月[\s\u3000_]*日)$"
)


def _trailing_date(value: str) -> tuple[str, str]:
    """``孟庆华    2016年8月28日``: the line's date, set apart by spaces, is the 填表时间; a
    value that is nothing but the date (``承担项目专家：  年 月 日`` left blank, the skeleton
    read as the expert at 0.92 on a scanned continuation page) holds no name."""
    if _SKELETON.fullmatch(value):
        return "", value
    m = _TAIL_DATE.match(value)
    return (m.group(1), m.group(2)) if m else (value, "")


def _blank(value: object) -> bool:
    return value in (None, "")


def _entries(
    out: Out,
    rows: list[tuple[dict[str, tuple[str, GridCell]], Header]],
    cap: float,
    head: list[str],
) -> None:
    pending: list[tuple[int, DateRead, GridCell]] = []
    for n, (values, header) in enumerate(rows):
        tiers = {c.key: min(c.tier, cap) for c in header.columns}
        for key, (text, cell) in values.items():
            path = f"entries[{n}].{key}"
            if key in ("seq", "participants"):
                out.put(path, parse_int(clean_text(text, False)), cell, tiers[key])
            elif key == "date":
                d = read_date(text)
                if not out.put_date(path, d, cell, tiers[key], f"{_DATE}："):
                    pending.append((n, d, cell))
                    out.put(path, None, cell, tiers[key])
            elif key == "activity":
                _activity(out, n, text, cell, tiers)
            else:
                out.put(path, clean_text(text, key in _MULTILINE), cell, tiers[key])
    if pending:
        _years(out, pending, head)


def split_activity(text: str) -> tuple[str, dict[str, str]]:
    """The activity cell's text → (the activity, {``participants``/``outcome``: text}): our
    own ledger prints ``参加人次：… 服务效果：…`` as a second line in that cell. The labels
    are found as everywhere else (``find_inline``); Word, PDF and scans split it here."""
    found = find_inline(text, "annex5")
    extras = [
        (m, v) for m, v in found if m.kind == "ledger" and m.key in ("participants", "outcome")
    ]
    if not extras:
        return text, {}
    first = min(text.find(m.label) for m, _ in extras if m.label in text)
    values: dict[str, str] = {}
    for m, value in extras:
        values.setdefault(m.key, value)  # a label written twice: the first one counts
    return text[:first], values


def _activity(out: Out, n: int, text: str, cell: GridCell, tiers: dict[str, float]) -> None:
    body, extras = split_activity(text)
    for key, value in extras.items():
        path = f"entries[{n}].{key}"
        if not out.has(path) or out.data["entries"][n].get(key) is None:
            v = (
                parse_int(clean_text(value, False))
                if key == "participants"
                else clean_text(value, False)
            )
            out.put(path, v, cell, tiers["activity"])
    out.put(f"entries[{n}].activity", clean_text(body, True), cell, tiers["activity"])


def _years(out: Out, pending: list[tuple[int, DateRead, GridCell]], head: list[str]) -> None:
    fallback = None
    for text in head:
        m = _YEAR.search(text)
        if m:
            fallback = int(m.group(1))
            break
    entries = out.data["entries"]
    dates = [e.get("date") for e in entries]
    raws = {n: d for n, d, _ in pending}
    found = infer_years(dates, {n: (d.month, d.day) for n, d in raws.items()},
                        out.data.get("filled_on"), fallback)  # fmt: skip
    for n, value in found.items():
        flag_year(out, f"entries[{n}].date", raws[n].raw, value)
        if value is not None:
            entries[n]["date"] = value


def flag_year(out: Out, path: str, raw: str, value: str | None) -> None:
    if value is not None:
        out.lower(path, INFERRED)
    out.issues.append(year_issue(path, raw, value))


def year_issue(path: str, raw: str, value: str | None) -> Issue:
    """The warning every reader gives an inferred year (the error when none was found)."""
    if value is None:
        return Issue("invalid", path, "error", f"{_DATE}：“{raw}”没有年份，台帐中也找不到年份",
                     f"{path}: no year in {raw!r} and none in the ledger")  # fmt: skip
    return Issue(
        "date_year", path, "warning", f"{_DATE}“{raw}”没有写年份，按台帐的年份读作 {value}，请核对",
        f"{path}: no year in {raw!r}, read as {value}",
    )  # fmt: skip


def ledger_column(text: str, words: bool = True) -> str | None:
    """The ledger column a header text names (序号, 活动时间, 帮扶活动形式及内容 …), or None:
    the same spellings for the Excel reader as for Word and PDF tables. ``words=False``:
    the listed spellings only (a worksheet's header row is found by them, and a roster's
    通信地址 or 项目内容 must not make it a ledger)."""
    hit = column_of(text, LEDGER_COLUMNS, LEDGER_WORDS if words else ())
    return hit[0] if hit else None
