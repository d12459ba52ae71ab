"""The board (filters, search, pages) and the live summaries against 附件1 and 附件2."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ...aggregate import summarize
from ..guards import office
from ..intake.models import Form
from ..intake.records import STAGE_OFFICE, stage_label
from ..permissions import visible_forms

FORMS = {"annex3": "附件3 单位申报", "annex4": "附件4 专家申报", "annex5": "附件5 服务台账"}
STATUS = {"complete": "齐全", "incomplete": "不齐全", "invalid": "有错误"}


def _filtered(request: HttpRequest) -> QuerySet[Form]:
    forms = visible_forms(request.user)
    q = request.GET
    if q.get("form") in FORMS:
        forms = forms.filter(form=q["form"])
    if q.get("status") in STATUS:
        forms = forms.filter(status=q["status"])
    if q.get("stage"):
        forms = forms.filter(ready_for=q["stage"])
    if q.get("city"):
        forms = forms.filter(city=q["city"])
    if q.get("doubtful") == "1":
        forms = forms.filter(doubtful__gt=0)
    if q.get("q"):
        text = q["q"].strip()[:50]
        forms = forms.filter(
            Q(applicant__icontains=text)
            | Q(project__icontains=text)
            | Q(county__icontains=text)
            | Q(file__name__icontains=text)
        )
    return forms


@office("view")
def board(request: HttpRequest) -> HttpResponse:
    columns = (
        "form",
        "applicant",
        "project",
        "county",
        "city",
        "status",
        "ready_for",
        "doubtful",
        "issues",
        "updated_at",
    )  # not the records: a page sorts 10,000 rows
    forms = _filtered(request).only(*columns).order_by("-updated_at", "-id")
    page = Paginator(forms, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "form": f,
            "annex": FORMS.get(f.form, f.form),
            "status": STATUS.get(f.status, f.status),
            "stage": stage_label(f.form, f.ready_for),
            "issues": [i for i in f.issues if i.get("severity") == "error"][:3],
            "more": max(0, sum(1 for i in f.issues if i.get("severity") == "error") - 3),
        }
        for f in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "rows": rows,
        "page": page,
        "query": query.urlencode(),
        "forms": FORMS,
        "statuses": STATUS,
        "stages": {**STAGE_OFFICE, "approved": "省科协已批准"},
        "filters": request.GET,
    }
    return render(request, "fupin_web/board.html", context)


def summary_of(forms: QuerySet[Form]) -> Any:
    """``aggregate.summarize`` over the effective records of these forms.

    Kept in the cache under the forms' count and latest change, so it is live (any new,
    corrected or approved form changes the key) yet computed once per change, not per view.
    """
    from django.core.cache import cache
    from django.db.models import Count, Max

    state = forms.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    key = "summary:" + str(hash((str(forms.query), state["n"], str(state["last"]), state["top"])))
    summary = cache.get(key)
    if summary is None:
        summary = _summarize(forms)
        cache.set(key, summary, 3600)
    return summary


def _summarize(forms: QuerySet[Form]) -> Any:
    rows = forms.values_list("form", "status", "data", "file__name").iterator(chunk_size=500)
    return summarize(
        {"form": f, "status": s, "data": d, "source": {"path": n}} for f, s, d, n in rows
    )


@office("view")
def stats(request: HttpRequest) -> HttpResponse:
    summary = summary_of(visible_forms(request.user))
    shown = {  # long lists are in the summary workbook; the page shows the first rows
        "experts": summary.experts[:ROWS_SHOWN],
        "subsidies": summary.subsidies[:ROWS_SHOWN],
        "unplaced": summary.unplaced[:ROWS_SHOWN],
        "more_experts": max(0, len(summary.experts) - ROWS_SHOWN),
        "more_subsidies": max(0, len(summary.subsidies) - ROWS_SHOWN),
        "more_unplaced": max(0, len(summary.unplaced) - ROWS_SHOWN),
    }
    return render(request, "fupin_web/stats.html", {"s": summary, **shown})


ROWS_SHOWN = 100
