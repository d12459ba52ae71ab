"""File names built from data: readable Chinese, and safe on every file system.

``临沂-孟庆华-附件4.docx``: the city (from the address or unit), the applicant, the annex.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ._names import DEFAULT_PATTERN
from ._text import strip_bidi
from .errors import UsageError
from .models import Annex3, Annex4, Annex5, FormModel, load_quota

__all__ = ["ANNEX_CN", "DEFAULT_PATTERN", "city_of", "name_fields", "render_name", "safe_filename"]

ANNEX_CN = {"annex3": "附件3", "annex4": "附件4", "annex5": "附件5"}
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]')
_MAX_BYTES = 180  # leaves room for a suffix and "-2" under the 255-byte limit


def city_of(record: FormModel) -> str:
    """The 附件2 city named in the address or unit name, or ``""``."""
    texts = [getattr(record, name, None) for name in ("address", "unit_name", "employer")]
    haystack = " ".join(t for t in texts if t)
    for quota in load_quota().quota:
        if quota.city in haystack:
            return quota.city
    return ""


def name_fields(form: str, record: FormModel) -> dict[str, Any]:
    if isinstance(record, Annex4):
        who = record.applicant_name
    elif isinstance(record, Annex3):
        who = record.unit_name
    elif isinstance(record, Annex5):
        who = record.expert
    else:  # pragma: no cover
        who = None
    return {
        "city": city_of(record) or (record.county if isinstance(record, Annex5) else "") or "",
        "name": who or "",
        "annex": ANNEX_CN.get(form, form),
        "form": form,
    }


def render_name(pattern: str, form: str, record: FormModel, index: int) -> str:
    """Fill ``pattern`` ({city} {name} {annex} {form} {n}); empty parts and dashes collapse."""
    values = {**name_fields(form, record), "n": index + 1}
    try:
        name = pattern.format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        raise UsageError(
            f"文件名模式 {pattern!r} 有误：{exc}；可用 {{city}} {{name}} {{annex}} {{n}}"
        ) from None
    name = re.sub(r"-{2,}", "-", name).strip("-")
    return safe_filename(name or f"{ANNEX_CN.get(form, form)}-{index + 1}")


def safe_filename(name: str) -> str:
    """Valid on Windows, macOS and Linux: no separators, no reserved names, not too long."""
    name = strip_bidi(unicodedata.normalize("NFC", name))  # U+202E would disguise the suffix
    name = _BAD.sub("_", name).strip(" .")
    while name.startswith(("~$", "~")):  # Office's lock-file prefix: readers skip such files
        name = name[1:].lstrip("$").strip(" .")
    if not name or set(name) <= {"_", "."}:
        name = "未命名"
    if _RESERVED.match(name):
        name = "_" + name
    while len(name.encode("utf-8")) > _MAX_BYTES:
        name = name[:-1]
    return name.rstrip(" .") or "未命名"
