"""附件5 工作台帐, the county's ledger of one expert's activities.

The printed annex has four columns; 附件1 工作要求（四） also asks for 参加人次 and 服务效果,
so those print as a second line in the activity cell, only when filled.
"""

from __future__ import annotations

from ..labels import FORM_TITLES, printed, title
from ._common import DATE_HINT
from ._model import Align, Cell, Field, FieldKind, Page, Para, Repeat, Row, Text

__all__ = ["ANNEX5"]


def _hcell(key: str) -> Cell:
    return Cell((Para((Text(printed("entries", key)),), align="center"),), label=True)


def _cell(field: Field, align: Align = "left") -> Cell:
    return Cell((Para((field,), align=align),))


def _entry(key: str, kind: FieldKind, hint: str = " ") -> Field:
    return Field(f"entries[{{i}}].{key}", title("entries", key), kind, hint)


def _says(where: str, key: str, before: str = "") -> Text:
    """A label printed in a line of text: ``县（市、区）科协：``."""
    return Text(f"{before}{printed(where, key)}：")


_PARTICIPANTS = title("entries", "participants")
_extra = Para(
    (
        _says("entries", "participants"),
        _entry("participants", "int", _PARTICIPANTS.removeprefix("参加")),
        _says("entries", "outcome", "  "),
        _entry("outcome", "text", title("entries", "outcome")),
    ),
    when_filled=True,
)

ANNEX5 = Page(
    form_id="annex5",
    annex_line="附件5：",
    title=FORM_TITLES["annex5"],
    head=(
        # The seed leaves a blank before "县（市、区）科协"; values are full names (沂水县), so
        # the label goes first to avoid printing "沂水县县（市、区）科协".
        Para(
            (
                _says("annex5", "county"),
                Field("county", title("annex5", "county"), "text", "        "),
                _says("annex5", "expert", "    "),
                Field("expert", title("annex5", "expert"), "text", "            "),
                Text("    "),
                Field("filled_on", title("annex5", "filled_on"), "date", DATE_HINT),
            ),
            align="left",
        ),
    ),
    grid_cm=(1.6, 3.4, 3.6, 7.0),
    rows=(
        Row(tuple(_hcell(key) for key in ("seq", "date", "place", "activity")), header=True),
        Repeat(
            "entries",
            Row(
                (
                    _cell(_entry("seq", "int"), "center"),
                    _cell(_entry("date", "date")),
                    _cell(_entry("place", "text")),
                    Cell((Para((_entry("activity", "multiline"),)), _extra)),
                ),
                height_cm=2.0,
            ),
            min_rows=7,
        ),
    ),
)
