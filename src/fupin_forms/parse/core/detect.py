"""Which annex a file holds: its title if it has a known one, else the labels of its cells
(a form titled only ``个人项目书``, or with no title at all, is still recognisable)."""

from __future__ import annotations

import re

from ...labels import TITLES
from .grid import Sheet
from .match import classify

__all__ = ["detect_sheet", "detect_title"]

# Labels only one annex has: a vote each.
_OWN = {
    "annex3": {"unit_name", "unit_head", "contact_person"},
    "annex4": {"applicant_name", "employer", "specialty", "title", "category", "expert_signed"},
    "annex5": {"county", "expert"},
}


def detect_title(text: str) -> str | None:
    flat = re.sub(r"\s+", "", text)
    for form, pattern in TITLES:
        if pattern.search(flat):
            return form
    return None


def detect_sheet(sheet: Sheet) -> str | None:
    """``annex3``/``annex4``/``annex5``, or None when neither title nor labels say."""
    head = "\n".join(sheet.paragraphs[:12])
    first = sheet.tables[0].rows[:2] if sheet.tables and sheet.tables[0].rows else []
    found = detect_title(head + "\n" + "\n".join(c.text for row in first for c in row))
    if found:
        return found
    votes = dict.fromkeys(_OWN, 0)
    for form, keys in _OWN.items():
        texts = [c.text for t in sheet.tables for row in t.rows for c in row] + sheet.paragraphs
        seen = set()
        for text in texts:
            for m in classify(text, form):
                if m.kind == "field" and m.key in keys and m.tier > 0.9:
                    seen.add(m.key)
        votes[form] = len(seen)
    ledger = sum(
        1
        for t in sheet.tables
        for row in t.rows[:3]
        for c in row
        if any(m.kind == "ledger" for m in classify(c.text, "annex5"))
    )
    votes["annex5"] += 1 if ledger >= 3 else 0
    best = max(votes, key=lambda k: votes[k])
    if votes[best] == 0 or sorted(votes.values())[-2] == votes[best]:
        return None
    return best
