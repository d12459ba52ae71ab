"""Where things sit in the Excel ledger (附件5) and rosters: one description, read by both
``render/xlsx*`` and ``parse/xlsx*`` so no cell address or label is written down twice.

Labels come from the models' field titles; the spellings people type for the ledger's
columns, and how labels are compared (``norm_label``), from ``fupin_forms.labels``, as for every
reader. The parser finds a header by its labels, not by these row numbers, so a ledger typed
by hand with the title in another row still reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..labels import norm_label, title
from ..models import Annex3, Annex4, Annex5, FormModel, LedgerEntry, Village

__all__ = [
    "ACTIVITY_FORMS",
    "DATE_FORMAT",
    "LEDGER_COLUMNS",
    "LEDGER_FIRST_DATA_ROW",
    "LEDGER_HEAD_ROW",
    "LEDGER_META_ROW",
    "LEDGER_TITLE_ROW",
    "ROSTER_KEYS",
    "ROSTER_SEQ_LABEL",
    "ROSTER_SHEETS",
    "ROSTER_VILLAGE_GROUPS",
    "Column",
    "Kind",
    "ledger_meta_labels",
    "norm_label",
    "roster_columns",
    "village_label",
]

Kind = Literal["int", "date", "text", "long", "phone", "postcode", "email", "category"]
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
ACTIVITY_FORMS = ("培训", "咨询", "示范", "服务", "其他")


@dataclass(frozen=True)
class Column:
    """One column: the JSON key (``entries[i].<key>`` or a roster path), its label, its kind,
    its width in Excel character units, and the input message shown when a cell is selected."""

    key: str
    label: str
    kind: Kind
    width: float
    prompt: str


def _title(model: type[FormModel], name: str) -> str:
    title = model.model_fields[name].title
    assert title, f"{model.__name__}.{name} has no title"
    return title


# --- 附件5 ledger ---------------------------------------------------------------------------
LEDGER_TITLE_ROW, LEDGER_META_ROW, LEDGER_HEAD_ROW, LEDGER_FIRST_DATA_ROW = 1, 2, 3, 4

_LEDGER_SPEC: tuple[tuple[str, Kind, float, str], ...] = (
    ("seq", "int", 6, "活动的顺序号，从 1 起的整数。"),
    ("date", "date", 16, "活动日期，如 2016-4-9 或 2016年4月9日；单元格按日期保存。"),
    ("place", "text", 22, "活动地点：乡镇、村、基地名称。"),
    (
        "activity",
        "long",
        44,
        "先从下拉列表选形式（培训/咨询/示范/服务/其他），再按 F2 在后面写内容，"
        "如“培训：肉牛育肥饲料配制”；也可直接输入文字。",
    ),
    ("participants", "int", 10, "参加人次：不小于 0 的整数。"),
    ("outcome", "long", 28, "服务效果：能用数据说明的尽量用数据，如“诊治病羊26只”。"),
)
LEDGER_COLUMNS: tuple[Column, ...] = tuple(
    Column(key, _title(LedgerEntry, key), kind, width, prompt)
    for key, kind, width, prompt in _LEDGER_SPEC
)

def ledger_meta_labels() -> dict[str, str]:
    """The header-line labels above the table: ``county``, ``expert``, ``filled_on``."""
    return {name: _title(Annex5, name) for name in ("county", "expert", "filled_on")}


# --- rosters (附件3, 附件4) ----------------------------------------------------------------
ROSTER_SHEETS = {"annex4": "专家", "annex3": "单位"}
ROSTER_SEQ_LABEL = title("entries", "seq")
ROSTER_KEYS = {"annex4": "applicant_name", "annex3": "unit_name"}  # a roster's header names it
ROSTER_VILLAGE_GROUPS = 3
_ROSTER_SKIP = {"villages", "reviews", "expert_signed", "filled_on"}
_ROSTER_KIND: dict[str, tuple[Kind, float]] = {
    "address": ("long", 30), "project_name": ("long", 26), "project_content": ("long", 40),
    "employer": ("long", 24), "unit_name": ("long", 24), "phone": ("phone", 15),
    "postcode": ("postcode", 9), "email": ("email", 24), "category": ("category", 13),
    "filled_on": ("date", 15),
}  # fmt: skip
_VILLAGE_KIND: dict[str, tuple[Kind, float]] = {
    "name": ("text", 22),
    "contact": ("text", 11),
    "phone": ("phone", 15),
}
_PROMPTS = {
    "phone": "手机 11 位，或固定电话带区号，如 0539-3261847。单元格为文本格式，前导 0 不会丢。",
    "postcode": "6 位数字。",
    "email": "如 name@example.cn",
    "category": "从下拉列表选一项：技术培训类、产业技术类、科普教育类。",
    "date": "日期，如 2016-3-8 或 2016年3月8日。",
}
_MODELS: dict[str, type[FormModel]] = {"annex3": Annex3, "annex4": Annex4}


def village_label(group: int, key: str) -> str:
    """``(1, "phone")`` → ``贫困村1联系电话``: the village titles, numbered."""
    return f"贫困村{group}{_title(Village, key).removeprefix('贫困村')}"


def roster_columns(form: str, groups: int = ROSTER_VILLAGE_GROUPS) -> tuple[Column, ...]:
    """The roster columns of ``form`` after 序号: the form's labels, then the village groups.

    ``key`` is the JSON path (``phone``, ``villages[0].phone``)."""
    model = _MODELS[form]
    names = [n for n in model.model_fields if n not in _ROSTER_SKIP] + ["filled_on"]
    out = []
    for name in names:
        kind, width = _ROSTER_KIND.get(name, ("text", 14))
        label = _title(model, name)
        out.append(Column(name, label, kind, width, _PROMPTS.get(kind, f"填写{label}。")))
    for group in range(1, groups + 1):
        for key, (kind, width) in _VILLAGE_KIND.items():
            label = village_label(group, key)
            prompt = _PROMPTS.get(kind, f"填写{label}；村数多时可在右侧照样增加列。")
            out.append(Column(f"villages[{group - 1}].{key}", label, kind, width, prompt))
    return tuple(out)
