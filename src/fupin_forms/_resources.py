"""Where the templates, schemas and samples are, installed or in a source checkout.

They live at the repository's top level (``templates/annex/``, ``schemas/``, ``samples/``) and
the wheel carries them as ``fupin_forms/_resources/…``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_dir"]

_PACKAGED = Path(__file__).resolve().parent / "_resources"
_CHECKOUT = Path(__file__).resolve().parents[2]


def resource_dir(name: str) -> Path:
    """``templates``, ``schemas`` or ``samples``: the packaged copy, else the checkout's."""
    for base in (_PACKAGED, _CHECKOUT):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到资源目录 {name}（安装不完整？）")
