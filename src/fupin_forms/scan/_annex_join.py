"""A second page of an annex 3/4 form a county re-typed: read as that annex, joined to it.

A county's Word copy of the province's annex often runs onto a second sheet: the county and
city 科协 opinions, or the last villages, on a page with no title. Such a page used to be
tried only as a ledger continuation (a page with no title was taken for one): its review
labels came back as ledger 序号 ("县级科协意见"), the form lost its reviews, and the stray
"ledger" was missing its first page. On a held-out set, two re-typed annex 4 files lost 40
values each so.

The rule: when the file holds an annex 3 or 4 form (and no ledger), a page with no title is
read as that annex; it continues the form when it yields a value the form did not read
(``continues``). Its values fill what the form lacks (``join``): a value the form already read
is kept (a page can repeat a label, not an answer), and villages read on it are added after
the form's own rows. Joined values keep their confidence and page; the form says which page
it took them from.
"""

from __future__ import annotations

import re
from typing import Any

from ..parse import ParsedForm
from ..render import lookup
from ._misread import put_value

__all__ = ["continues", "join"]

_ROW = re.compile(r"^villages\[(\d+)\](.*)$")


def _filled(value: Any) -> bool:
    return value is True or (isinstance(value, str) and bool(value.strip()))


def _new_paths(form: ParsedForm, page: ParsedForm) -> list[str]:
    """Paths ``page`` read a value for that ``form`` did not, or read at all where ``form``
    has no reading (a box read empty on the second sheet: "not stamped", with its
    confidence, rather than nothing)."""
    return [
        p for p in page.fields
        if not _ROW.match(p) and not _filled(lookup(form.data, p))
        and (_filled(lookup(page.data, p)) or p not in form.fields)
    ]  # fmt: skip


def _adds(form: ParsedForm, page: ParsedForm) -> bool:
    """``page`` read a value ``form`` lacks (a box read empty alone is no continuation)."""
    return any(_filled(lookup(page.data, p)) for p in _new_paths(form, page))


def _rows(page: ParsedForm) -> list[int]:
    """Village rows of ``page`` with any value."""
    rows = page.data.get("villages") or []
    return [i for i, row in enumerate(rows) if isinstance(row, dict) and any(_filled(v) for v in row.values())]


def continues(form: ParsedForm, page: ParsedForm) -> bool:
    """``page`` (read as ``form``'s annex) adds a value ``form`` lacks."""
    return page.form == form.form and (_adds(form, page) or bool(_rows(page)))


def join(form: ParsedForm, page: ParsedForm, n: int) -> None:
    """Fill ``form`` with what its continuation ``page`` (page ``n`` of the file) read."""
    joined = set(_new_paths(form, page))
    for path in joined:
        put_value(form.data, path, lookup(page.data, path))
        form.fields[path] = page.fields[path]
    rows = _rows(page)
    if rows:
        villages = form.data.setdefault("villages", [])
        while villages and not any(_filled(v) for v in (villages[-1] or {}).values()):
            villages.pop()  # the form's empty rows at its end give way to the continuation's
            gone = f"villages[{len(villages)}]"
            for key in [k for k in form.fields if k.startswith(gone)]:
                del form.fields[key]
        for i in rows:
            at = len(villages)
            villages.append(page.data["villages"][i])
            for key, source in page.fields.items():
                match = _ROW.match(key)
                if match and int(match.group(1)) == i:
                    form.fields[f"villages[{at}]{match.group(2)}"] = source
                    joined.add(key)
    form.issues += [issue for issue in page.issues if issue.path in joined and not _ROW.match(issue.path)]
    form.warnings += page.warnings
    form.warnings.append(f"第{n}页没有标题，按本表的续页读取，所填内容并入本表")
