"""The building blocks of a page layout: plain frozen dataclasses, no file-format imports.

One ``Page`` per annex says, in the seed's order, what is printed where: static text, the
labels of the table, spans, and for every value the JSON path it holds. Renderers draw from
it, parsers find values by it, so nobody hard-codes a cell twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..labels import FIELD_LABELS, title

__all__ = [
    "Align",
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
    "VMerge",
]

FieldKind = Literal["text", "multiline", "date", "check", "option", "int"]
Align = Literal["left", "center", "right", "both"]
VMerge = Literal["restart", "continue"]


@dataclass(frozen=True)
class Text:
    """Printed text; ``\\n`` is a line break inside the paragraph."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class RowNumber:
    """The 1-based number of a repeated row (the 1, 2, 3 of the village block)."""


@dataclass(frozen=True)
class Field:
    """A value. ``path`` is its JSON path; inside a ``Repeat`` it contains ``{i}``.

    ``option`` is set for one box of a choice (``category`` = ``技术培训类``): the box is
    checked when the value equals ``option``. ``label`` is the Chinese title shown to users.
    """

    path: str
    label: str
    kind: FieldKind = "text"
    hint: str = ""
    option: str | None = None

    @property
    def key(self) -> str:
        """Unique name of the control: the path, plus ``=option`` for a box of a choice."""
        return self.path if self.option is None else f"{self.path}={self.option}"

    def at(self, index: int) -> Field:
        """This field for the ``index``-th repeated row (paths with ``{i}``)."""
        return Field(
            self.path.replace("{i}", str(index)), self.label, self.kind, self.hint, self.option
        )

    @property
    def shown(self) -> str:
        """What a person is shown for this control: its label, or for one box of a choice
        the choice's title and the option (``项目类别：技术培训类``)."""
        if self.option is None:
            return self.label
        where = next(f for f, sets in FIELD_LABELS.items() if any(s.path == self.path for s in sets))
        return f"{title(where, self.path)}：{self.option}"

    @property
    def relative(self) -> str:
        """Path below the repeated item: ``villages[{i}].phone`` → ``phone``."""
        return self.path.split("].", 1)[1] if "{i}" in self.path else self.path


Item = Text | Field | RowNumber


@dataclass(frozen=True)
class Para:
    """One paragraph. ``when_filled``: printed only when one of its fields has a value
    (the ledger's 参加人次/服务效果 line, which the printed annex has no column for)."""

    items: tuple[Item, ...]
    align: Align = "left"
    when_filled: bool = False

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(i for i in self.items if isinstance(i, Field))


@dataclass(frozen=True)
class Cell:
    """A table cell spanning ``span`` grid columns; ``vmerge`` for a label over several rows.
    ``label`` cells are what the parser anchors on."""

    paras: tuple[Para, ...] = ()
    span: int = 1
    vmerge: VMerge | None = None
    label: bool = False

    @property
    def text(self) -> str:
        return "\n".join(
            "".join(i.text for i in p.items if isinstance(i, Text)) for p in self.paras
        )

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for p in self.paras for f in p.fields)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    height_cm: float = 0.9
    exact: bool = False
    header: bool = False

    @property
    def anchor(self) -> str | None:
        """The text of the row's first label cell that starts here: how a parser finds it."""
        first = self.cells[0]
        if first.label and first.vmerge != "continue":
            return first.text
        return None

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for c in self.cells for f in c.fields)


@dataclass(frozen=True)
class Repeat:
    """A row printed once per list item (``villages``, ``entries``); ``min_rows`` on blanks."""

    list_path: str
    row: Row
    min_rows: int

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.row.fields


@dataclass(frozen=True)
class Page:
    """One annex page: the lines above the table, the table, the lines below it."""

    form_id: str
    annex_line: str
    title: str
    head: tuple[Para, ...]
    grid_cm: tuple[float, ...]
    rows: tuple[Row | Repeat, ...]
    notes: tuple[Para, ...] = field(default=())

    def fields(self) -> Iterator[Field]:
        """Every field, in reading order (repeated ones with ``{i}`` in the path)."""
        for para in self.head:
            yield from para.fields
        for row in self.rows:
            yield from row.fields
        for para in self.notes:
            yield from para.fields

    def repeats(self) -> tuple[Repeat, ...]:
        return tuple(r for r in self.rows if isinstance(r, Repeat))

    def field(self, key: str) -> Field:
        """The field whose ``key`` is ``key`` (``villages[{i}].name`` style for repeats)."""
        for f in self.fields():
            if f.key == key:
                return f
        raise KeyError(key)
