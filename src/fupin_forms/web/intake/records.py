"""The effective record of a form: what was read, with corrections and approvals on top.

Nothing here re-implements a rule: validation is ``records.validate_record`` and
``feed.make_record`` (the same as ``fupin-forms parse``), readiness is the ``check --stage``
logic, the city is ``aggregate.city_of_record`` and the county the paired villages' county.
"""

from __future__ import annotations

import copy
from typing import Any

from ...aggregate import city_of_record
from ...divisions import city_of_county, county_of_text
from ...feed import make_record
from ...parse import FieldSource, ParsedForm
from ...records import validate_record
from ...review import REVIEW_THRESHOLD
from ...rules import STAGES
from .models import Approval, Correction, Form
from .paths import set_path

# the office that stamps when a form is ready for each stage
STAGE_OFFICE = {
    "unit": "所在单位",
    "county-poverty-office": "县扶贫办",
    "county-cast": "县级科协",
    "city-cast": "市级科协",
    "province": "省科协",
}
OFFICE_STAGE = {
    "unit": "unit",
    "county_poverty_office": "county-poverty-office",
    "county_cast": "county-cast",
    "city_cast": "city-cast",
    "province": "province",
}
APPROVED = "approved"  # 省科协 has approved: the end of the chain


def effective_data(form: Form) -> dict[str, Any]:
    data = copy.deepcopy(form.parsed)
    for c in Correction.objects.filter(form=form).order_by("at", "id"):
        set_path(data, c.path, c.new)
    if form.form in ("annex3", "annex4"):
        for a in Approval.objects.filter(form=form).exclude(office_key="province"):
            review = {
                "opinion": a.opinion or None,
                "stamped": a.approve,
                "signed_on": a.signed_on.isoformat(),
            }
            set_path(data, f"reviews.{a.office_key}", review)
    return data


def _fields(form: Form) -> dict[str, FieldSource]:
    out = {}
    for path, src in (form.fields or {}).items():
        bbox = src.get("bbox")
        out[path] = FieldSource(
            src.get("method", "text"),
            float(src.get("confidence", 1.0)),
            src.get("page"),
            tuple(bbox) if bbox else None,
            src.get("where"),
            src.get("why"),
        )
    return out


def feed_record(
    form: Form, data: dict[str, Any] | None = None, stage: str = "applicant"
) -> dict[str, Any]:
    """The feed record (DESIGN.md contract) of the effective data, corrections as provenance."""
    data = effective_data(form) if data is None else data
    parsed = ParsedForm(form.form, data, _fields(form), _warnings(form))
    source = {"path": form.file.name, "sha256": form.file.sha256, "format": _format(form)}
    record, _ = make_record(parsed, source, stage)
    corrections = [
        {
            "path": c.path,
            "old": c.old,
            "new": c.new,
            "by": c.user.username if c.user else None,
            "office": c.office,
            "at": c.at.isoformat(),
        }
        for c in Correction.objects.filter(form=form).select_related("user")
    ]
    for c in corrections:
        src = record["fields"].setdefault(c["path"], {"method": "text", "confidence": 1.0})
        src["confidence"] = 1.0  # a person checked it; the method says how it was first read
    if corrections:
        record["corrections"] = corrections
    return record


_DOUBT = "需人工核对："


def _warnings(form: Form) -> list[str]:
    """The reader's notes, with its "check this field" notes only for fields nobody has
    settled yet (a corrected or confirmed field is no longer in doubt)."""
    from ...models import model_for
    from ...rules import label_of

    settled = checked_paths(form)
    out = [w for w in form.warnings or [] if not w.startswith(_DOUBT)]
    doubtful: dict[str, FieldSource] = {}
    for raw, src in (form.fields or {}).items():
        path, conf = raw.partition("=")[0], float(src.get("confidence", 1.0))
        if conf < REVIEW_THRESHOLD and path not in settled:
            old = doubtful.get(path)
            if old is None or conf < old.confidence:
                doubtful[path] = FieldSource("ocr", conf, why=src.get("why"))
    model = model_for(form.form)
    for path, source in doubtful.items():
        try:
            label = label_of(model, path) or path
        except Exception:  # a path the model does not know: name it as read
            label = path
        out.append(source.review_note(label))
    return out


def _format(form: Form) -> str:
    from ...feed import source_of

    return source_of(form.file.name, form.file.sha256)["format"]


def ready_for(form_id: str, data: dict[str, Any]) -> str:
    """The last stage the form is complete for (``check --stage``), or "" if not even the
    applicant's part is complete. A ledger has no chain: "applicant" when complete."""
    last = ""
    stages = STAGES[:1] if form_id == "annex5" else STAGES
    for stage in stages:
        if validate_record(form_id, data, stage).errors:
            break
        last = stage
    return last


def region_of(form_id: str, data: dict[str, Any]) -> tuple[str, str]:
    """(county, city): the paired villages' county, as ``aggregate`` places a project."""
    if form_id == "annex5":
        county = county_of_text(str(data.get("county") or "")) or ""
        return county, city_of_county(county) or ""
    county = ""
    for village in data.get("villages") or []:
        county = county_of_text(str((village or {}).get("name") or "")) or ""
        if county:
            break
    return county, city_of_record(data) or (city_of_county(county) or "")


def refresh(form: Form) -> None:
    """Recompute the effective record and the board's columns; save."""
    data = effective_data(form)
    stage = ready_for(form.form, data)
    if Approval.objects.filter(form=form, office_key="province", approve=True).exists():
        stage = APPROVED
    nxt = next_stage(form.form, stage)
    record = feed_record(form, data)
    form.data, form.status, form.ready_for = record["data"], record["status"], stage
    # what stands between the form and the next office: that stage's issues
    form.issues = (feed_record(form, data, nxt) if nxt else record)["issues"]
    who = data.get("applicant_name") or data.get("unit_name") or data.get("expert") or ""
    form.applicant = str(who)[:200]
    form.project = str(data.get("project_name") or data.get("county") or "")[:300]
    default_category = "科普教育类" if form.form == "annex3" else ""
    form.category = str(data.get("category") or default_category)[:20]
    form.county, form.city = region_of(form.form, data)
    corrected = checked_paths(form)
    form.doubtful = sum(
        1
        for p, s in (form.fields or {}).items()
        if float(s.get("confidence", 1)) < REVIEW_THRESHOLD and p.partition("=")[0] not in corrected
    )
    form.save()


def checked_paths(form: Form) -> set[str]:
    """Paths a person has settled: corrected or confirmed, or filled in by an approval."""
    paths = set(Correction.objects.filter(form=form).values_list("path", flat=True))
    for key in Approval.objects.filter(form=form).values_list("office_key", flat=True):
        paths.update(f"reviews.{key}.{part}" for part in ("opinion", "stamped", "signed_on"))
    return paths


def next_stage(form_id: str, stage: str) -> str | None:
    """The stage whose issues to show: the one after the last the form is ready for."""
    if stage == APPROVED or (form_id == "annex5" and stage):
        return None
    if not stage:
        return "applicant"
    i = STAGES.index(stage)
    return STAGES[i + 1] if i + 1 < len(STAGES) else None


def stage_label(form_id: str, stage: str) -> str:
    if stage == APPROVED:
        return "省科协已批准"
    if form_id == "annex5":
        return "台账齐全" if stage else "台账待补全"
    if not stage:
        return "待申报人补全"
    if stage == "applicant":
        return "待所在单位盖章"
    return f"待{STAGE_OFFICE[stage]}审核"
