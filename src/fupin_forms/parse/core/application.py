"""附件3 and 附件4 from a grid: fields by their labels, the village block by its header, the
four approval boxes, the project category, and the 填表时间 line above the table."""

from __future__ import annotations

import re

from ...labels import norm_label, printed
from ...layout import CATEGORIES
from ._ctx import Ctx, is_label, labels
from .collect import Out
from .grid import GridCell, Sheet
from .match import Match, classify, find_inline, looks_like_label, split_at_labels
from .tiers import CONFLICT, POSITION, VARIANT
from .values import clean_text, read_approval, read_choice, read_date
from .village_block import read_village_table
from .village_list import read_village_list

__all__ = ["read_application"]

_MULTILINE = {"project_content"}


def read_application(form: str, sheet: Sheet, out: Out) -> None:
    rows = [row for table in sheet.tables for row in table.rows]
    ctx = Ctx(form, out, rows, POSITION if sheet.position_only else 1.0, [], set())
    block_rows = read_village_table(ctx)
    block_rows |= read_village_list(out, rows, block_rows, ctx.tier)
    for r, row in enumerate(rows):
        if r in block_rows:
            continue
        for c, cell in enumerate(row):
            if id(cell) in ctx.used:
                continue
            matches = [m for m in labels(cell, form) if m.kind in ("field", "approval")]
            if not matches:
                if _is_unknown(cell, form):
                    value = _value_cell(ctx, r, c, block_rows)
                    extra = [m for m in classify(cell.text, form) if m.kind == "extra"]
                    rest = extra[0].rest if extra else ""
                    name = extra[0].key if extra else norm_label(cell.text)
                    if not rest and value is not None:
                        ctx.used.add(id(value))
                        rest = value.text.strip()
                    if rest:
                        ctx.unknown.append(name)
                continue
            m = matches[0]
            if m.rest:
                _put(ctx, m, _split_rest(ctx, m, cell), cell, cell.picture)
                continue
            value = _value_cell(ctx, r, c, block_rows)
            if value is None:
                if m.key == "expert_signed" and cell.picture:  # 专家签名：[picture] in one cell
                    _put(ctx, m, "", cell, True)
                continue
            ctx.used.add(id(value))
            text, picture = "" if value.hint else value.text, value.picture
            if m.kind == "approval":
                text, picture = _approval_cells(ctx, row, value, text, picture)
                below = r + 1 < len(ctx.rows) and any(x is value for x in ctx.rows[r + 1])
                text, picture = _approval_below(ctx, r + below, value, text, picture, below)
            _put(ctx, m, text, value, picture)
    for n, text in enumerate(sheet.paragraphs):
        spot = GridCell(text, 0, 0, where=f"表格外第{n + 1}段")
        for m, typed in find_inline(text, form):
            if m.kind == "field" and not out.has(m.key):
                _put(ctx, m, typed, spot, False)
    if ctx.unknown:
        names = "、".join(dict.fromkeys(ctx.unknown))
        out.warnings.append(f"表中有未识别的栏目：{names}（未读取）")
    out.data.setdefault("villages", [])


def _split_rest(ctx: Ctx, m: Match, cell: GridCell) -> str:
    """``姓名：孙月娥    性别：女    出生年月：1968.5`` in one cell: the value ends at the next
    label; a known field after it is read as its own (if not read already), an unknown one is
    named in the warning. Opinions and the project content are prose and are not cut."""
    if m.kind != "field" or m.key in _MULTILINE:
        return m.rest
    value, more = split_at_labels(m.rest, ctx.form)
    for label, typed in more:
        hits = [h for h in classify(label, ctx.form) if h.kind in ("field", "approval")]
        if not hits:
            if typed:
                ctx.unknown.append(norm_label(label))
            continue
        hit = hits[0]
        if not ctx.out.has(hit.key):
            _put(ctx, Match(hit.kind, hit.key, hit.tier, typed, label), typed, cell, False)
    return value


def _is_unknown(cell: GridCell, form: str) -> bool:
    """A label of something our models do not hold (性别, 出生年月, or any ``xx：``)."""
    if cell.merged_above or cell.hint:
        return False
    if any(m.kind == "extra" for m in classify(cell.text, form)):
        return True
    return looks_like_label(cell.text)


def _value_cell(ctx: Ctx, r: int, c: int, skip: set[int]) -> GridCell | None:
    """The cell right of the label, else the one below it (a label row over a value row)."""
    row = ctx.rows[r]
    right = next((x for x in row[c + 1 :] if not x.merged_above), None)
    if right is not None and not is_label(right, ctx.form):
        return right
    if r + 1 >= len(ctx.rows) or r + 1 in skip:
        return None
    label = row[c]
    below = [
        x
        for x in ctx.rows[r + 1]
        if not x.merged_above and min(x.right, label.right) - max(x.left, label.left) > 0
    ]
    if len(below) != 1 or is_label(below[0], ctx.form):
        return None
    cell = below[0]
    wide = cell.right - cell.left
    if wide > 0 and (min(cell.right, label.right) - max(cell.left, label.left)) < 0.5 * wide:
        return None  # the cell below belongs mostly to another label
    return cell


def _approval_cells(
    ctx: Ctx, row: list[GridCell], value: GridCell, text: str, picture: bool
) -> tuple[str, bool]:
    """An approval laid out as 意见 | 盖章 | 日期 cells: the cells right of the opinion in
    its row are read with it, as one box (each on its own line)."""
    at = next((n for n, cell in enumerate(row) if cell is value), None)
    if at is None:
        return text, picture
    for cell in row[at + 1 :]:
        if cell.merged_above or id(cell) in ctx.used or labels(cell, ctx.form):
            break
        ctx.used.add(id(cell))
        picture = picture or cell.picture
        if cell.text.strip() and not cell.hint:
            text = f"{text}\n{cell.text}"
    return text, picture


def _approval_below(
    ctx: Ctx, r: int, value: GridCell, text: str, picture: bool, vertical: bool = False
) -> tuple[str, bool]:
    """The date (or stamp) in its own row under the opinion, the office's label merged over
    both rows or left blank (or, ``vertical``, the box under its label cut in two by a page
    end): read with the box when it holds no opinion of its own."""
    if r + 1 >= len(ctx.rows) or not ctx.rows[r + 1]:
        return text, picture
    below = ctx.rows[r + 1]
    first = below[0]
    if not (vertical or first.merged_above or not first.text.strip()) or any(
        labels(c, ctx.form) for c in below
    ):
        return text, picture
    under = [
        c for c in below[0 if vertical else 1 :]
        if not c.merged_above and id(c) not in ctx.used
        and min(c.right, value.right) - max(c.left, value.left) > 0
    ]  # fmt: skip
    extra = "\n".join(c.text for c in under if not c.hint)
    if not under or read_approval(extra, False).opinion is not None:
        return text, picture
    ctx.used.update(id(c) for c in under)
    return f"{text}\n{extra}", picture or any(c.picture for c in under)


def _put(ctx: Ctx, m: Match, text: str, cell: GridCell | None, picture: bool) -> None:
    tier = ctx.tier(m.tier)
    if m.kind == "approval":
        _approval(ctx, m.key, text, cell, picture, tier)
        return
    key = m.key
    if key == "category":
        _category(ctx, text, cell, tier)
        return
    if key == "expert_signed":
        _signed(ctx, text, cell, picture, tier)
        return
    if key == "project_content":
        head, sep, tail = text.partition(printed("annex4", "expert_signed"))
        if sep:
            text = head
            _signed(ctx, tail.lstrip("：: \u3000"), cell, picture, tier)
    if key == "filled_on":
        _date(ctx, key, text, cell, tier)
        return
    if key == "address":
        text = _address_postcode(ctx, m, text, cell, tier)
    value = clean_text(text, key in _MULTILINE)
    _store(ctx, key, value, cell, tier)
    if key == "email" and value and value.partition("@")[2] != value.partition("@")[2].lower():
        ctx.out.issue(
            "normalised", key, f"电子邮箱“{value}”的域名含大写字母，按小写读取，请核对",
            "warning", f"{key}: upper-case domain in {value!r} read in lower case",
        )  # fmt: skip


_TAIL_POSTCODE = re.compile(r"[，,；;\s\u3000]*(邮编|邮政编码)?\s*[:：]?\s*(\d{6})\s*$")


def _address_postcode(ctx: Ctx, m: Match, text: str, cell: GridCell | None, tier: float) -> str:
    """``通信地址（含邮编）| …青菏路88号 274400`` or ``…8号，邮编：261041``: the postcode is
    taken off the address when the label or the text says a postcode is there."""
    tail = _TAIL_POSTCODE.search(text)
    if tail is None or not (tail.group(1) or "邮编" in norm_label(m.label)):
        return text
    if not ctx.out.has("postcode") or _get(ctx.out.data, "postcode") in (None, ""):
        ctx.out.put("postcode", tail.group(2), cell, min(tier, VARIANT))
    return text[: tail.start()]


def _store(ctx: Ctx, key: str, value: object, cell: GridCell | None, tier: float) -> None:
    out = ctx.out
    if out.has(key):
        old = _get(out.data, key)
        if value in (None, "") or old == value:
            return
        if old not in (None, ""):
            out.lower(key, CONFLICT)
            out.issue("conflict", key, f"同一栏目读到两个不同的值：“{old}”与“{value}”，请核对")
            return
    out.put(key, value, cell, tier)


def _get(data: dict[str, object], key: str) -> object:
    target: object = data
    for step in key.split("."):
        if not isinstance(target, dict):
            return None
        target = target.get(step)
    return target


def _date(ctx: Ctx, key: str, text: str, cell: GridCell | None, tier: float) -> None:
    if ctx.out.has(key) and _get(ctx.out.data, key) not in (None, ""):
        _store(ctx, key, read_date(text).value, cell, tier)  # a second reading: compare
        return
    if not ctx.out.put_date(key, read_date(text), cell, tier):
        ctx.out.put(key, None, cell, tier)
        ctx.out.issue(
            "invalid", key, f"日期“{text.strip()}”没有年份（应如 2016年3月5日）", "error",
            f"{key}: no year in {text.strip()!r}",
        )  # fmt: skip


def _approval(
    ctx: Ctx, base: str, text: str, cell: GridCell | None, picture: bool, tier: float
) -> None:
    a = read_approval(text, picture)
    _store(ctx, f"{base}.opinion", a.opinion, cell, tier)
    _date(ctx, f"{base}.signed_on", a.date.raw if a.date.status != "blank" else "", cell, tier)
    _store(ctx, f"{base}.stamped", a.stamped, cell, tier)
    lacking = [w for w, gone in (("盖章", a.stamped is None), ("日期", a.date.status == "blank"))
               if gone]  # fmt: skip
    if a.opinion and lacking:
        ctx.out.issue(
            "approval_incomplete", base,
            f"审核意见已填写，但未找到{'、'.join(lacking)}，请核对原件", "warning",
            f"{base}: opinion written, no {' or '.join(lacking)} found",
        )  # fmt: skip
    if a.by_picture:
        ctx.out.lower(f"{base}.stamped", POSITION)
        ctx.out.issue(
            "stamp_unconfirmed", f"{base}.stamped",
            "意见栏中有图片，按已盖章读取，请人工确认印章", "warning",
            "a picture in the approval box was read as the seal: confirm",
        )  # fmt: skip


def _category(ctx: Ctx, text: str, cell: GridCell | None, tier: float) -> None:
    ticked, marked = read_choice(text, CATEGORIES)
    if len(ticked) > 1:
        ctx.out.put("category", ticked, cell, CONFLICT)  # the validator names the conflict
        return
    if ticked:
        _store(ctx, "category", ticked[0], cell, tier)
        return
    if not marked:
        named = [o for o in CATEGORIES if o in norm_label(text)]
        if len(named) == 1 and norm_label(text) == named[0]:
            _store(ctx, "category", named[0], cell, min(tier, VARIANT))
            return
        # no box or tick anywhere: an option set apart by underline/highlight/frame is chosen
        styled = {
            o for o in CATEGORIES for m in (cell.marked if cell else ()) if o in norm_label(m)
        }
        if len(styled) == 1:
            _store(ctx, "category", styled.pop(), cell, min(tier, VARIANT))
            return
        if len(styled) > 1:
            ctx.out.put("category", sorted(styled), cell, CONFLICT)
            return
        # the options not wanted struck through: the one left standing is chosen
        struck = {o for o in named for m in (cell.struck if cell else ()) if o in norm_label(m)}
        left = [o for o in CATEGORIES if o in norm_label(text) and o not in struck]
        if struck and len(left) == 1:
            _store(ctx, "category", left[0], cell, min(tier, VARIANT))
            return
    _store(ctx, "category", None, cell, tier)


_SIGN_BOX = ("☒", "☑", "■", "✓", "✔", "√")


def _signed(ctx: Ctx, text: str, cell: GridCell | None, picture: bool, tier: float) -> None:
    flat = norm_label(text)
    if "已签名" in flat:
        at = flat.index("已签名")
        box = flat[at - 1] if at else ""
        _store(ctx, "expert_signed", True if box in _SIGN_BOX else None, cell, tier)
        return
    if flat or picture:
        _store(ctx, "expert_signed", True, cell, min(tier, VARIANT))
        return
    _store(ctx, "expert_signed", None, cell, tier)
