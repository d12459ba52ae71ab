"""Text from strangers, made safe to write: control and bidi characters out, nothing else changed.

Every output we write (workbooks, Word files, HTML, file names) holds text typed by someone
else. C0/C1 control characters break XML writers (openpyxl and lxml raise on ``\\x01``) and
bidirectional overrides (U+202E …) make a name display as something it is not. Both are
removed here, in one place, so one odd record never stops a whole command.
"""

from __future__ import annotations

import re

__all__ = ["BIDI", "clean_text", "strip_bidi"]

# Tab, newline and carriage return stay: they are text. Everything else below U+0020, DEL,
# the C1 block, lone surrogates and the two non-characters XML forbids goes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Marks and embeddings/overrides/isolates of the Unicode bidirectional algorithm.
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI}]")


def strip_bidi(text: str) -> str:
    """``text`` without bidirectional control characters."""
    return _BIDI.sub("", text)


def clean_text(text: str) -> str:
    """``text`` without control characters (tab and newlines kept) or bidi controls."""
    return _BIDI.sub("", _CONTROL.sub("", text))
