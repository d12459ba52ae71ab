"""The village block of 附件3/4 laid out as a table: a header row (贫困村名称 | 贫困村联系人 |
联系电话, any order, by header text) and a row per village until the next label."""

from __future__ import annotations

import re

from ...labels import VILLAGE_BLOCK, VILLAGE_COLUMNS, VILLAGE_WORDS, norm_label, printed
from ._ctx import Ctx, labels
from .grid import GridCell
from .tables import Header, find_header, is_number_only, row_values
from .values import clean_text
from .village_list import put_split, split_items

__all__ = ["read_village_table"]

# A list number typed before a village's name: 1. 吴店镇李庄村, （2）高庄村, 三、西范村.
_ENUMERATOR = re.compile(r"^(?:\d{1,2}\s*[.．、)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}、)\s*")


def _ignore_in_header(text: str) -> bool:
    """The block's own tall label and a 序号 column: part of the header, not a column."""
    norm = norm_label(text)
    return norm in (norm_label(printed("entries", "seq")), "") or any(
        norm == norm_label(v)
        or (len(norm_label(v)) >= 7 and norm_label(v) in norm)  # 帮扶贫困村名称 is a column
        or (len(norm) >= 4 and norm in norm_label(v))
        for v in VILLAGE_BLOCK.all
    )


def read_village_table(ctx: Ctx) -> set[int]:
    """Rows of every village block (header and items), read into ``villages``."""
    consumed: set[int] = set()
    index = 0
    r = 0
    while r < len(ctx.rows):
        header = find_header(ctx.rows[r], VILLAGE_COLUMNS, VILLAGE_WORDS, 2, _ignore_in_header)
        if (
            header is None
            or not any(c.key == "name" for c in header.columns)
            or _otherlabels(ctx, ctx.rows[r])
        ):
            r += 1
            continue
        consumed.add(r)
        if header.extra:
            ctx.out.warnings.append(f"贫困村表中有未识别的列：{'、'.join(header.extra)}（未读取）")
        r += 1
        while r < len(ctx.rows) and not _ends_block(ctx, ctx.rows[r]):
            consumed.add(r)
            index += _village_row(ctx, ctx.rows[r], header, index)
            r += 1
    return consumed


def _otherlabels(ctx: Ctx, row: list[GridCell]) -> bool:
    """A row holding a label of another field (项目名称 | … | 联系电话 | …) is no village header,
    whatever words its cells share with the village columns."""
    for cell in row:
        kinds = {m.kind for m in labels(cell, ctx.form) if not m.rest}
        if kinds & {"field", "approval"} and not kinds & {"village", "block"}:
            return True
    return False


def _ends_block(ctx: Ctx, row: list[GridCell]) -> bool:
    for cell in row:
        for m in labels(cell, ctx.form):
            if m.kind in ("field", "approval") and not m.rest:
                return True
            if m.kind in ("field", "approval", "extra") and m.rest:
                return True
    return False


def _village_row(ctx: Ctx, row: list[GridCell], header: Header, index: int) -> int:
    """How many villages the row holds (several when its name cell lists them)."""
    values = row_values(row, header)
    texts = {k: clean_text(t, False) for k, (t, _) in values.items()}
    if texts.get("name"):
        texts["name"] = _ENUMERATOR.sub("", texts["name"] or "") or None
    if all(v is None or is_number_only(v) for v in texts.values()):
        return 0
    if "name" in values and len(split_items(values["name"][0], names=True)) > 1:
        return put_split(ctx.out, values, index, ctx.tier)
    byname = {c.key: c for c in header.columns}
    for key, (_, cell) in values.items():
        path = f"villages[{index}].{key}"
        ctx.out.put(path, texts[key], cell, ctx.tier(byname[key].tier))
    for col in header.columns:
        if col.key not in values:
            ctx.out.put(f"villages[{index}].{col.key}", None, None, ctx.tier(col.tier))
    return 1
