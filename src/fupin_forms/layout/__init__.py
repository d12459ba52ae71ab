"""Where every field sits on each annex page: the one description that the Word renderer,
the Word parser, and later the PDF renderer and scan reader all read."""

from __future__ import annotations

from ._model import (
    Cell,
    Field,
    FieldKind,
    Item,
    Page,
    Para,
    Repeat,
    Row,
    RowNumber,
    Text,
)
from .annex3 import ANNEX3
from .annex4 import ANNEX4, CATEGORIES
from .annex5 import ANNEX5

__all__ = [
    "ANNEX3",
    "ANNEX4",
    "ANNEX5",
    "CATEGORIES",
    "PAGES",
    "Cell",
    "Field",
    "FieldKind",
    "Item",
    "Page",
    "Para",
    "Repeat",
    "Row",
    "RowNumber",
    "Text",
    "page_for",
]

PAGES: dict[str, Page] = {"annex3": ANNEX3, "annex4": ANNEX4, "annex5": ANNEX5}


def page_for(form_id: str) -> Page:
    """The layout of ``annex3``/``annex4``/``annex5``; KeyError for anything else."""
    return PAGES[form_id]
