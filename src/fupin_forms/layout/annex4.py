"""附件4 项目书（二）, the individual expert's application, row by row as the seed prints it."""

from __future__ import annotations

from ..labels import FORM_TITLES, printed
from ..models import Category
from ._common import (
    GRID_CM,
    cue,
    filled_on_line,
    label,
    pair_row,
    project_content_rows,
    review_row,
    village_rows,
    wide_row,
)
from ._model import Cell, Field, Page, Para, Row, Text

__all__ = ["ANNEX4", "CATEGORIES"]

CATEGORIES = tuple(c.value for c in Category)  # in the order the form prints its boxes


def _category_cell() -> Cell:
    items: list[Text | Field] = []
    for n, option in enumerate(CATEGORIES):
        if n:
            items.append(Text("    "))
        items += [Field("category", option, "option", option=option), Text(option)]
    return Cell((Para(tuple(items)),), span=4)


ANNEX4 = Page(
    form_id="annex4",
    annex_line="附件4：",
    title=FORM_TITLES["annex4"],
    head=(filled_on_line("annex4"),),
    grid_cm=GRID_CM,
    rows=(
        pair_row(cue("annex4", "applicant_name", 3, spread=True), cue("annex4", "employer")),
        pair_row(cue("annex4", "address"), cue("annex4", "postcode", 2)),
        pair_row(cue("annex4", "specialty", 3, spread=True), cue("annex4", "title")),
        pair_row(cue("annex4", "phone"), cue("annex4", "email")),
        *village_rows(),
        wide_row("annex4", "project_name"),
        Row((label(printed("annex4", "category")), _category_cell())),
        *project_content_rows("annex4", signature=True, height_cm=3.6),
        review_row("annex4", "unit", 4),
        review_row("annex4", "county_poverty_office", 4),
        review_row("annex4", "county_cast", 4),
        review_row("annex4", "city_cast", 4),
    ),
    notes=(Para((Text("备注：此表申报主体为个人"),)),),
)
