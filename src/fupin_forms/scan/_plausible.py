"""Last look at what a scan gave, field by field, before anyone trusts it.

OCR can be sure of a reading that cannot be the value: a cell that holds a printed label
(``工作单位`` as a village contact, when the table was fitted one row off), or the grey hint the
form prints (``请填写职称高级工程``: the hand wrote after the hint and both were read). Neither
is decided by the recogniser's score, so both are decided here, once, for marked and unmarked
pages alike: such a value is kept (a person sees what was read) but its confidence drops to
the doubt cap and a warning names it. Nothing here changes a value.

A printed label of *another* annex read as a value (``邮政编码`` as a ledger entry's activity)
is doubted too; two or more on one page mean the page was taken for the wrong annex (a 附件3
whose marks and title were cropped, read as a 附件5 ledger): then every value read from the
page drops to the doubt cap, with a warning that says so.
"""

from __future__ import annotations

import re
from functools import cache

from ..labels import norm_label
from ..layout import page_for
from ..models import FORMS
from ..parse import FieldSource, ParsedForm
from ..parse.core.match import classify
from ..parse.core.tiers import REVIEW_THRESHOLD
from ..render import lookup
from ._evidence import DOUBT

__all__ = ["doubt_implausible", "doubt_value", "ocr_strings"]

_INDEX = re.compile(r"\[\d+\]")
_HAN = re.compile(r"[^\u4e00-\u9fff]+")  # all but CJK: a label read with a stray digit
_WORD = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")  # what any value of the forms has


@cache
def _hints(form_id: str) -> dict[str, tuple[str, str]]:
    """JSON path (rows as ``{i}``) → (what a person is shown, the hint the form prints)."""
    out: dict[str, tuple[str, str]] = {}
    for f in page_for(form_id).fields():
        if f.option is None:
            out[f.path] = (f.shown, norm_label(f.hint))
    return out


def _is_label(text: str, form_id: str) -> bool:
    """The whole text is a label of this annex, by the reading core's own matching."""
    return len(norm_label(text)) >= 2 and any(not m.rest for m in classify(text, form_id))


def _label_of(text: str, form_id: str) -> bool:
    norm = norm_label(text)
    return _is_label(text, form_id) or _is_label(_HAN.sub("", norm), form_id)  # 7电子邮箱 too


def _other_annex(text: str, form_id: str) -> str | None:
    """The other annex whose printed label the whole text is, if any."""
    return next((f for f in FORMS if f != form_id and _label_of(text, f)), None)


_FOREIGN = "读到的是另一种表格上印的栏目名"
# a name, place or title never starts with a few characters and a colon: that is a label
# (a county's own, unknown to the annex) read into the value; of 3582 such values in the
# fixtures' expected records, none does. Opinions and contents may (帮扶内容：…).
_LABELLED = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[：:]")
_ONE_LINE = {"county", "expert", "applicant_name", "unit_name", "employer", "address", "specialty",
             "title", "contact", "contact_person", "unit_head", "name", "place", "project_name"}  # fmt: skip


def _why(form_id: str, path: str, text: str) -> str | None:
    if not _WORD.search(text):
        return "读到的只有标点或污点"  # a speck or a tick's tail read as • or 。
    norm = norm_label(text)
    if not norm:
        return None
    if _label_of(text, form_id):
        return "读到的是表格上印的栏目名"
    if _other_annex(text, form_id) is not None:
        return _FOREIGN
    leaf = _INDEX.sub("", path.rsplit(".", 1)[-1])
    if leaf in _ONE_LINE and _LABELLED.match(text):
        return "值前面带着栏目名"  # 填报单位：平邑县 (a county's own label, typed in the cell)
    hint = _hints(form_id).get(_INDEX.sub("[{i}]", path), ("", ""))[1]
    if len(hint) >= 3 and (hint in norm or (len(norm) >= 4 and norm in hint)):
        return "读到的含有表格上印的提示文字"
    return None


def ocr_strings(form: ParsedForm) -> list[tuple[str, str]]:
    """(path, value) of every string the scan read with a confidence above review."""
    out = []
    for path, source in form.fields.items():
        if source.method != "ocr" or source.confidence < REVIEW_THRESHOLD:
            continue
        value = lookup(form.data, path)
        if isinstance(value, str) and value:
            out.append((path, value))
    return out


def doubt_value(form: ParsedForm, path: str, why: str, kind: str = "需人工核对") -> None:
    """Lower the field at ``path`` to the doubt cap with the reason ``why``, and warn
    ``kind：<the field's name as the form prints it>（why）``."""
    shown = _hints(form.form).get(_INDEX.sub("[{i}]", path), (path, ""))[0]
    form.fields[path] = form.fields[path].doubt(DOUBT, why)
    form.warnings.append(f"{kind}：{shown}（{why}）")


def doubt_implausible(form: ParsedForm) -> None:
    """Lower to the doubt cap every sure OCR value that is a printed label or holds the
    field's printed hint, with a warning naming the field and why."""
    foreign = []
    for path, value in ocr_strings(form):
        why = _why(form.form, path, value)
        if why is not None:
            doubt_value(form, path, f"{why}：{value}")
        if why == _FOREIGN:
            foreign.append(value)
    _empty_opinions(form)
    if len(foreign) >= 2:
        # the page is likely another annex: nothing read from it is sure
        for path, source in form.fields.items():
            if source.method == "ocr" and source.confidence > DOUBT:
                form.fields[path] = source.doubt(DOUBT, "表格类型可能认错")
        form.warnings.append(
            f"需人工核对：整页（表格类型可能认错：读到的{len(foreign)}个值是另一种表格的栏目名，"
            f"如“{foreign[0]}”）"
        )


_ORDER = ("unit", "county_poverty_office", "county_cast", "city_cast")  # the way a form goes up
_SKIPPED = "后面的审核栏已填写，这一栏却读为空"
_NO_OPINION = "已签日期或盖章，意见却读为空"


def _empty_opinions(form: ParsedForm) -> None:
    """Approvals read empty where the paper most likely is not: an approval dated or
    stamped whose opinion came back empty (its zone missed, or its lines dropped), and an
    approval read wholly empty below one that is filled in (a form goes up unit → county
    offices → city; the reader lost the row, the office did not skip it). A person looks;
    "no opinion" at 0.97 would go into a summary unchecked."""
    reviews = form.data.get("reviews")
    if not isinstance(reviews, dict):
        return
    filled = [name for name in _ORDER if _touched(reviews.get(name))]
    last = _ORDER.index(filled[-1]) if filled else -1
    for n, name in enumerate(_ORDER):
        approval = reviews.get(name)
        if not isinstance(approval, dict):
            continue
        if name in filled and not approval.get("opinion"):
            _doubt_empty(form, name, ("opinion",), _NO_OPINION)
        elif name not in filled and n < last:
            _doubt_empty(form, name, ("opinion", "signed_on"), _SKIPPED)


def _touched(approval: object) -> bool:
    return isinstance(approval, dict) and any(
        approval.get(k) for k in ("opinion", "signed_on", "stamped")
    )


def _doubt_empty(form: ParsedForm, name: str, keys: tuple[str, ...], why: str) -> None:
    """The approval's empty ``keys`` below the review threshold, with ``why``; a field no
    zone was found for gets a source saying so, placed where the approval's others are."""
    near = next(
        (s for k in ("signed_on", "stamped", "opinion") if (s := form.fields.get(f"reviews.{name}.{k}"))),
        None,
    )
    for key in keys:
        path = f"reviews.{name}.{key}"
        source = form.fields.get(path)
        if source is None:
            if near is None or near.method != "ocr":
                continue
            form.fields[path] = FieldSource("ocr", DOUBT, near.page, where=near.where, why=why)
            form.warnings.append(f"需人工核对：{_hints(form.form).get(path, (path, ''))[0]}（{why}）")
        elif source.method == "ocr" and source.confidence >= REVIEW_THRESHOLD:
            doubt_value(form, path, why)
