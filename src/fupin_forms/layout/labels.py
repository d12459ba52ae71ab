"""The label table as the layout's readers knew it: kept as a name only.

The table itself lives in ``fupin_forms.labels`` (a layer under the models, so the models'
titles can come from it too; its docstring says why). Code in the package imports it from
there; this module keeps ``from fupin_forms.layout.labels import …`` working for branches
written before the move, and holds no data of its own.
"""

from __future__ import annotations

from ..labels import (
    APPROVALS,
    CATEGORY_MARKS,
    CATEGORY_VARIANTS,
    EXTRA_LABELS,
    FIELD_LABELS,
    LEDGER_COLUMNS,
    LEDGER_WORDS,
    SKELETON_WORDS,
    TITLES,
    TOTAL_WORDS,
    VILLAGE_BLOCK,
    VILLAGE_COLUMNS,
    VILLAGE_WORDS,
    LabelSet,
    norm_label,
)

__all__ = [
    "APPROVALS",
    "CATEGORY_MARKS",
    "CATEGORY_VARIANTS",
    "EXTRA_LABELS",
    "FIELD_LABELS",
    "LEDGER_COLUMNS",
    "LEDGER_WORDS",
    "SKELETON_WORDS",
    "TITLES",
    "TOTAL_WORDS",
    "VILLAGE_BLOCK",
    "VILLAGE_COLUMNS",
    "VILLAGE_WORDS",
    "LabelSet",
    "norm_label",
]
