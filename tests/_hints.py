"""The hint texts printed in empty cells (请填写…, 联系人, 电话, 人次, 服务效果): their characters
belong in the round-trip alphabets, so values that share them with a hint are tested.

A value *equal* to its field's hint is read back as blank today (issue 11); the strategies
leave out exactly those values, and each round-trip module has one strict-xfail test for it.
"""

from __future__ import annotations

from fupin_forms.layout import page_for

__all__ = ["HINTS", "HINT_CHARS", "not_a_hint"]


def _hints() -> frozenset[str]:
    out = set()
    for form in ("annex3", "annex4", "annex5"):
        page = page_for(form)
        fields = [*page.fields(), *(f for r in page.repeats() for f in r.fields)]
        out |= {f.hint.strip() for f in fields if f.hint.strip()}
    return frozenset(out)


HINTS = _hints()
HINT_CHARS = "".join(sorted({c for h in HINTS for c in h if not c.isspace() and c != "\n"}))


def not_a_hint(value: object) -> bool:
    return not (isinstance(value, str) and value.strip() in HINTS)
