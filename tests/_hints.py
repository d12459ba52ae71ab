"""The hint texts printed in empty cells (请填写…, 联系人, 电话, 人次, 服务效果): their characters
belong in the round-trip alphabets, so values that share them with a hint are tested.

A value *equal* to its field's hint must read back as typed (issue 11: a hint is known by
how the file marks it, never by its wording): the strategies draw whole hint texts as values
too, and each round-trip module has one explicit test for it.
"""

from __future__ import annotations

from hypothesis import strategies as st

from fupin_forms.layout import page_for

__all__ = ["HINTS", "HINT_CHARS", "HINT_VALUES"]


def _hints() -> frozenset[str]:
    out = set()
    for form in ("annex3", "annex4", "annex5"):
        page = page_for(form)
        fields = [*page.fields(), *(f for r in page.repeats() for f in r.fields)]
        out |= {f.hint.strip() for f in fields if f.hint.strip()}
    return frozenset(out)


HINTS = _hints()
HINT_CHARS = "".join(sorted({c for h in HINTS for c in h if not c.isspace() and c != "\n"}))


HINT_VALUES = st.sampled_from(sorted(HINTS))  # a value typed exactly like a hint
