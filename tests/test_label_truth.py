"""No label of 附件3–5 is spelled in two modules (issue 11: "labels as data, one truth").

Every string constant in ``src/fupin_forms`` is compared, after the label normalisation the
readers use (spaces, full-width spaces, line breaks, colons, bracket kinds), with the labels
the annexes print, the short titles the models show and the annexes' titles. Each such label
may be written in one module only: ``fupin_forms/labels.py``. The list of labels is written out
here (not imported from the package), so moving a label out of the table is caught too.

Not counted: docstrings (documentation; pydantic copies a class docstring into the schema's
description, and the schemas are frozen by their own drift test).
"""

from __future__ import annotations

import ast
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "fupin_forms"
HOME = "labels.py"

# The labels the seed's annexes print, and the short titles shown for them.
PRINTED = (
    "申报单位", "通信地址", "邮政编码", "单位负责人", "联系人", "联系电话", "电子邮箱", "项目名称", "项目内容", "填表时间",
    "申报人姓名", "工作单位", "申报人专业", "职称", "项目类别", "专家签名",
    "联系帮扶贫困村情况", "联系帮扶贫困村情况（根据帮扶贫困村的数量填写）", "贫困村名称", "贫困村联系人",
    "项目内容（帮扶的内容、形式、时间、地点、场次等情况及预期目标、效果）",
    "项目内容（帮扶的内容、形式、时间、地点、人次等情况及预期目标、效果）",
    "单位意见", "所在单位意见", "县扶贫办核审意见", "县级科协意见", "市级科协意见",
    "县（市、区）科协", "承担项目专家", "序号", "时间", "地点", "帮扶活动形式、内容", "参加人次", "服务效果",
    "山东省科协精准扶贫专家服务行动项目书（一）", "山东省科协精准扶贫专家服务行动项目书（二）",
    "山东省科协精准扶贫专家服务行动工作台帐",
)  # fmt: skip

# Justified exceptions: (module, label) → why it is spelled there too.
EXCEPTIONS: dict[tuple[str, str], str] = {
}

_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_TRANS = str.maketrans({"(": "（", ")": "）", ":": "", "：": ""})


def _norm(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_TRANS)


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def label_homes() -> dict[str, set[str]]:
    """Normalised label → the modules (paths under fupin_forms/) that spell it."""
    wanted = {_norm(p) for p in PRINTED}
    homes: dict[str, set[str]] = defaultdict(set)
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        skip = _docstrings(tree)
        module = path.relative_to(SRC).as_posix()
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
            ):
                norm = _norm(node.value)
                if norm in wanted and (module, norm) not in EXCEPTIONS:
                    homes[norm].add(module)
    return homes


def test_every_label_is_spelled_in_one_module() -> None:
    twice = {label: sorted(mods) for label, mods in label_homes().items() if mods != {HOME}}
    assert twice == {}, twice


def test_the_table_holds_every_label() -> None:
    """Each label is spelled once, in the table: whole, or made of its parts there
    (项目内容 + its note), never missing from the package."""
    from fupin_forms import labels

    known = {_norm(t) for t in labels.FORM_TITLES.values()}
    for sets in (*labels.FIELD_LABELS.values(), labels.APPROVALS, labels.VILLAGE_COLUMNS,
                 labels.LEDGER_COLUMNS, (labels.VILLAGE_BLOCK,)):  # fmt: skip
        for s in sets:
            known |= {_norm(t) for t in (*s.all, s.title)}
    assert {_norm(p) for p in PRINTED} <= known


def test_the_check_sees_a_second_spelling(tmp_path: Path) -> None:
    """The walk finds a label typed with spaces, a line break and a colon in a constant."""
    source = 'X = "申报人\\n姓  名："\nY = f"{0}邮政编码"\n'
    tree = ast.parse(source)
    found = [
        _norm(n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
    assert "申报人姓名" in found and "邮政编码" in found
