"""A ledger row's values are only as sure as the row they were put in.

On an unmarked page the table reader finds rows by ruling lines; when a photo bends a rule
or a wrapped line falls into the next cell, one entry's cells can be split over two rows or
two entries merged. Each value then reads right as text and carries a high confidence, but
it belongs to another entry: ``纸坊镇小河口村`` in a row of its own, or ``树湾村`` left in the
row below ``纸坊镇柳``. The 序号 column is the row's own evidence: every entry of a ledger is
numbered, so an entry that has values but no 序号, in a ledger whose other entries have one,
is a row the reader may have cut wrongly, and each of its values is for a person to check.
"""

from __future__ import annotations

import re

from ..parse import ParsedForm
from ._evidence import DOUBT

__all__ = ["doubt_unnumbered_rows"]

_ENTRY = re.compile(r"entries\[(\d+)\]")


def _number(entry: object) -> float | None:
    seq = entry.get("seq") if isinstance(entry, dict) else None
    try:
        return float(str(seq).strip())
    except (TypeError, ValueError):
        return None


def doubt_unnumbered_rows(form: ParsedForm) -> None:
    """Cap at ``DOUBT`` every value of an entry without a 序号 when others have one, and,
    in such a ledger, of every entry whose 序号 is not its place (the rows after a split
    row are shifted: right values under another entry's number)."""
    entries = form.data.get("entries") or []
    numbers = [_number(e) for e in entries]
    if all(n is None for n in numbers) or all(n is not None for n in numbers):
        return
    rows = {n for n, seq in enumerate(numbers) if seq != n + 1}
    noted: set[int] = set()
    for key, source in list(form.fields.items()):
        m = _ENTRY.match(key)
        if m is None or int(m.group(1)) not in rows or source.confidence < DOUBT:
            continue
        form.fields[key] = source.doubt(DOUBT, f"台帐第{int(m.group(1)) + 1}行序号不对，可能分错了行")
        row = int(m.group(1))
        if row not in noted:
            noted.add(row)
            form.warnings.append(
                f"需人工核对：台帐第{row + 1}行没有序号或序号不对，这一行可能分错了行"
                f"（置信度 {DOUBT:.2f}）"
            )
