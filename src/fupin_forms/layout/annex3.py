"""附件3 项目书（一）, the unit's application, row by row as the seed prints it."""

from __future__ import annotations

from ..labels import FORM_TITLES
from ._common import (
    GRID_CM,
    cue,
    filled_on_line,
    pair_row,
    project_content_rows,
    review_row,
    village_rows,
    wide_row,
)
from ._model import Page, Para, Text

__all__ = ["ANNEX3"]

ANNEX3 = Page(
    form_id="annex3",
    annex_line="附件3：",
    title=FORM_TITLES["annex3"],
    head=(filled_on_line("annex3"),),
    grid_cm=GRID_CM,
    rows=(
        wide_row("annex3", "unit_name"),
        pair_row(cue("annex3", "address"), cue("annex3", "postcode", 2)),
        pair_row(cue("annex3", "unit_head", 2), cue("annex3", "contact_person")),
        pair_row(cue("annex3", "phone"), cue("annex3", "email")),
        *village_rows(),
        wide_row("annex3", "project_name"),
        *project_content_rows("annex3", signature=False, height_cm=4.4),
        review_row("annex3", "unit", 2),
        review_row("annex3", "county_poverty_office", 4),
        review_row("annex3", "county_cast", 4),
        review_row("annex3", "city_cast", 4),
    ),
    notes=(Para((Text("备注：此表申报主体为单位，单位只申报科普教育类项目。"),)),),
)
