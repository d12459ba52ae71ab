"""What the annexes call things: every label 附件3–5 print, and the variants clerks type instead.

One truth for every Chinese name of a field. The models' field titles (and so the JSON
schemas, ``label_of`` in issue messages and the review page), the layout's printed cells, the
Excel ledger and roster headers, the roster reader and the reading core all take their words
from here; ``tests/test_label_truth.py`` fails when a label is spelled in a second module.

Why a leaf module and not ``layout/``: the models sit below the layout (import-linter
layers in ``pyproject.toml``), and their titles are labels. Rather than let the models import
``layout`` (a cycle of layers) or derive the reading tables from pydantic titles (the printed
wording is often longer than a title: ``项目内容（帮扶的内容…）``, and the variants have no
place in a model), the table sits in its own layer under ``models``; it imports nothing from
the package and no library, so everything above, models included, may read it.
``fupin_forms.layout.labels`` re-exports it for code written against that name.

One table per annex: JSON path → the printed label first, then variants, and the ``title``
(the short name models, headers and messages use) when it is not the printed label itself.
Where one annex prints a field in its own words (附件4 prints 所在单位意见), ``printed``
says so.

Matching ignores spaces (ASCII and full-width), line breaks, colons and the kind of bracket,
so ``申报人\\n姓  名``, ``姓名：`` and ``姓　　名`` are one spelling each of the same label.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "APPROVALS",
    "CATEGORY_MARKS",
    "CATEGORY_VARIANTS",
    "EXTRA_LABELS",
    "FIELD_LABELS",
    "FORM_TITLES",
    "LEDGER_COLUMNS",
    "LEDGER_WORDS",
    "MODEL_TITLES",
    "SKELETON_WORDS",
    "TITLES",
    "TOTAL_WORDS",
    "VILLAGE_BLOCK",
    "VILLAGE_COLUMNS",
    "VILLAGE_WORDS",
    "LabelSet",
    "label_set",
    "norm_label",
    "printed",
    "title",
]


@dataclass(frozen=True)
class LabelSet:
    """``printed`` is the annex's own wording; ``variants`` are accepted at medium confidence;
    ``title`` is the short name shown to people (model titles, Excel headers, messages) when it
    is not ``printed`` itself (it is then one of the variants)."""

    path: str
    printed: str
    variants: tuple[str, ...] = ()
    short: str = ""

    @property
    def all(self) -> tuple[str, ...]:
        return (self.printed, *self.variants)

    @property
    def title(self) -> str:
        return self.short or self.printed


_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_TRANS = str.maketrans({"(": "（", ")": "）", "[": "（", "]": "）", "【": "（", "】": "）", "〔": "（", "〕": "）",
                        "〖": "（", "〗": "）",
                        ":": "", "：": "", "﹕": "", "︰": "", "*": "", "＊": "", "★": ""})  # fmt: skip


def norm_label(text: str) -> str:
    """A label's comparable form: NFKC (full-width letters and commas as ASCII), no spaces,
    line breaks, colons or stars; brackets full-width."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_TRANS)


def _ls(path: str, printed: str, *variants: str, short: str = "") -> LabelSet:
    assert not short or short in variants, (path, short)
    return LabelSet(path, printed, variants, short)


# The annexes' titles, as the seed prints them above each table.
FORM_TITLES = {
    "annex3": "山东省科协精准扶贫专家服务行动项目书（一）",
    "annex4": "山东省科协精准扶贫专家服务行动项目书（二）",
    "annex5": "山东省科协精准扶贫专家服务行动工作台帐",
}

# Words that are both a label's start and a title of their own, spelled once here.
_CONTENT = "项目内容"
_CONTENT_NOTE = "（帮扶的内容、形式、时间、地点、{}等情况及预期目标、效果）"
_VILLAGES = "联系帮扶贫困村情况"
_UNIT_OPINION = "所在单位意见"  # 附件4's wording of 单位意见
_FILLED_ON = _ls("filled_on", "填表时间", "填表日期", "填报时间", "填报日期")

_COMMON = (
    _ls("address", "通信地址", "通讯地址", "地址", "联系地址", "通信住址", "单位地址"),
    _ls("postcode", "邮政编码", "邮编"),
    _ls("phone", "联系电话", "电话", "手机", "手机号码", "联系方式", "电话号码", "联系手机"),
    _ls("email", "电子邮箱", "电子邮件", "邮箱", "E-mail", "Email", "电子信箱"),
    _ls("project_name", "项目名称", "项目名"),
    _ls(
        "project_content",
        _CONTENT + _CONTENT_NOTE.format("场次"),
        _CONTENT + _CONTENT_NOTE.format("人次"),
        _CONTENT,
        "项目主要内容",
        "项目内容及预期目标",
        short=_CONTENT,
    ),
    _FILLED_ON,
)

FIELD_LABELS: dict[str, tuple[LabelSet, ...]] = {
    "annex3": (
        _ls("unit_name", "申报单位", "单位名称", "申报单位名称", "申报单位（盖章）"),
        _ls("unit_head", "单位负责人", "负责人"),
        _ls("contact_person", "联系人", "单位联系人"),
        *_COMMON,
    ),
    "annex4": (
        _ls("applicant_name", "申报人姓名", "姓名", "专家姓名", "申报人", "申报专家姓名"),
        _ls("employer", "工作单位", "单位", "所在单位", "工作单位名称", "工作单位及职务"),
        _ls("specialty", "申报人专业", "专业", "所学专业", "从事专业", "专业方向", "专业特长"),
        _ls("title", "职称", "专业技术职称", "技术职称", "职务职称", "职称职务"),
        _ls("category", "项目类别", "类别", "项目类型"),
        _ls("expert_signed", "专家签名", "申报人签名", "签名"),
        *_COMMON,
    ),
    "annex5": (
        _ls("county", "县（市、区）科协", "县市区科协", "县（市区）科协", "科协", "县区科协"),
        _ls("expert", "承担项目专家", "项目专家", "专家", "专家姓名", "承担专家"),
        _ls("filled_on", *_FILLED_ON.all, "记录日期"),
    ),
}

# The village block: the tall label on the left, then one header row naming the columns.
VILLAGE_BLOCK = _ls(
    "villages",
    _VILLAGES + "（根据帮扶贫困村的数量填写）",
    _VILLAGES, "帮扶贫困村情况", "联系帮扶贫困村", "结对帮扶贫困村情况", "贫困村情况",
    "帮扶贫困村", "结对帮扶贫困村",
    short=_VILLAGES,
)  # fmt: skip
VILLAGE_COLUMNS = (
    _ls("name", "贫困村名称", "村名称", "贫困村", "村名", "村庄名称", "帮扶村名称", "名称"),
    _ls("contact", "贫困村联系人", "联系人", "村联系人", "村联系人姓名"),
    _ls("phone", "联系电话", "电话", "联系方式", "村联系电话", "手机"),
)
LEDGER_COLUMNS = (
    _ls("seq", "序号", "编号", "序"),
    _ls("date", "时间", "日期", "活动时间", "活动日期", "帮扶时间", "服务时间"),
    _ls("place", "地点", "活动地点", "帮扶地点", "服务地点", "地址"),
    _ls(
        "activity",
        "帮扶活动形式、内容",
        "帮扶活动形式内容",
        "帮扶活动形式,内容",
        "帮扶活动形式和内容",
        "帮扶活动",
        "活动形式、内容",
        "帮扶活动内容",
        "活动内容",
        "帮扶内容",
        "形式、内容",
        "帮扶活动形式及内容",
        "活动形式及内容",
        "服务内容",
    ),
    _ls("participants", "参加人次", "人次", "参加人数", "参与人次", "受益人次"),
    _ls("outcome", "服务效果", "效果", "活动效果", "帮扶效果"),
)

# Approval rows: the opinion box of each office.
APPROVALS = (
    _ls("reviews.unit", "单位意见", _UNIT_OPINION, "申报单位意见", "推荐单位意见", "单位推荐意见",
        "所在单位推荐意见"),
    _ls("reviews.county_poverty_office", "县扶贫办核审意见", "县扶贫办意见", "县扶贫办审核意见",
        "县（市、区）扶贫办意见", "县扶贫办核查意见", "扶贫办意见", "县扶贫开发领导小组办公室意见"),
    _ls("reviews.county_cast", "县级科协意见", "县科协意见", "县（市、区）科协意见", "县级科协审核意见"),
    _ls("reviews.city_cast", "市级科协意见", "市科协意见", "市级科协审核意见", "市科协审核意见"),
)  # fmt: skip

# Where one annex prints a field in words of its own (a variant of the shared set).
_OWN_WORDING = {
    ("annex4", "reviews.unit"): _UNIT_OPINION,
    ("annex4", "project_content"): _CONTENT + _CONTENT_NOTE.format("人次"),
}

# Titles of the models' groups and parts, which no annex prints as a label of its own.
MODEL_TITLES = {
    "reviews": "审核意见",
    "entries": "台帐条目",
    "opinion": "意见",
    "stamped": "盖章",
    "signed_on": "年月日",
}

_TABLES: dict[str, tuple[LabelSet, ...]] = {
    **{form: (*sets, *APPROVALS, VILLAGE_BLOCK) for form, sets in FIELD_LABELS.items()},
    "villages": VILLAGE_COLUMNS,
    "entries": LEDGER_COLUMNS,
    "reviews": APPROVALS,
}


def label_set(where: str, path: str) -> LabelSet:
    """The labels of ``path`` in ``where``: an annex (``annex4``, JSON paths such as
    ``phone`` or ``reviews.unit``), or a repeated row (``villages``, ``entries``: column keys).
    KeyError when there is none."""
    for s in _TABLES[where]:
        if s.path == path:
            return s
    raise KeyError(f"{where}: {path}")


def title(where: str, path: str) -> str:
    """The short name of a field (``project_content`` → ``项目内容``): model titles, Excel
    headers and messages."""
    return label_set(where, path).title


def printed(where: str, path: str) -> str:
    """The label ``where`` (an annex) prints for ``path``, in that annex's own words."""
    return _OWN_WORDING.get((where, path)) or label_set(where, path).printed


# Column headers not in the lists above are still recognised by the word that names what the
# column holds, first rule first (``帮扶贫困村名称`` → name, ``贫困村联系人`` → contact,
# ``联系人电话`` → phone).
VILLAGE_WORDS = (
    ("phone", ("电话", "手机", "联系方式")),  # 联系人电话 is a phone column
    ("contact", ("联系人",)),
    ("name", ("名称", "村名", "村庄", "贫困村")),
)
LEDGER_WORDS = (
    ("seq", ("序号", "编号")),
    ("participants", ("人次", "人数")),
    ("outcome", ("效果", "成效")),
    ("date", ("时间", "日期")),
    ("place", ("地点", "地址")),
    ("activity", ("内容", "形式", "活动")),
)

# A ledger row whose first filled cell is one of these sums the rows above: not an activity.
TOTAL_WORDS = ("合计", "总计", "小计", "共计", "总合计")

# Words an approval box prints around the office's own entry: never part of a value.
SKELETON_WORDS = ("盖章", "公章", "签字", "签章", "负责人签字", "负责人", "单位盖章")

# Labels of the provincial annexes' relatives that our models have no field for: recognised
# as labels (so their values are never absorbed), reported once as unrecognised columns.
EXTRA_LABELS = (
    "性别", "出生年月", "出生日期", "年龄", "民族", "学历", "学位", "政治面貌", "身份证号",
    "身份证号码", "职务", "籍贯", "毕业院校", "所在县", "所在县（市、区）", "传真", "QQ",
    "微信", "备注", "单位性质", "工作年限", "从事专业年限", "健康状况", "行政职务",
)  # fmt: skip

CATEGORY_MARKS = "☑☒■√✓✔●▇█◉✗✘"
# Other wordings of a category option: the plan's 三、 calls 产业技术类 "产业服务类".
CATEGORY_VARIANTS = {"产业服务类": "产业技术类"}

# Titles: which annex a file is. "个人" and "单位" name 附件4 and 附件3 when the（一）/（二） is gone.
TITLES = (
    ("annex3", re.compile(r"项目书[（(]\s*一\s*[)）]|单位项目书|项目书（单位")),
    ("annex4", re.compile(r"项目书[（(]\s*二\s*[)）]|个人项目书|项目书（个人|专家项目书")),
    ("annex5", re.compile(r"工作台[帐账]")),
)
