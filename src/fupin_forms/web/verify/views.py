"""A form's page: its fields to verify and correct, its issues, approvals and history."""

from __future__ import annotations

from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..approvals.views import approval_context
from ..board.views import FORMS, STATUS
from ..guards import office
from ..intake.models import Correction
from ..intake.paths import coerce, get_path
from ..intake.records import checked_paths, effective_data, refresh, stage_label
from ..intake.store import stored_path
from ..permissions import allowed, form_or_404, profile_of
from .fields import rows_for


@office("view")
def form_page(request: HttpRequest, pk: int) -> HttpResponse:
    form = form_or_404(request.user, pk)
    data = effective_data(form)
    rows = rows_for(form, data, checked_paths(form))
    history = sorted(
        [
            (
                "更正",
                c.at,
                c.user.username if c.user else "",
                c.office,
                f"{c.path}：{c.old!r} → {c.new!r}" if c.old != c.new else f"{c.path}：核对无误",
            )
            for c in form.corrections.select_related("user")
        ]
        + [
            (
                "审核",
                a.at,
                a.user.username if a.user else "",
                a.office,
                f"{a.get_office_key_display()}：{'同意' if a.approve else '不同意'}；{a.opinion}；{a.signed_on}"
                + ("（盖章扫描件）" if a.via_scan_id else ""),
            )
            for a in form.approvals.select_related("user")
        ],
        key=lambda h: h[1],
    )
    context = {
        "form": form,
        "annex": FORMS.get(form.form, form.form),
        "rows": rows,
        "status": STATUS.get(form.status, form.status),
        "stage": stage_label(form.form, form.ready_for),
        "history": history,
        "can_correct": allowed(request.user, "correct"),
        "first_doubtful": next((r.path for r in rows if r.doubtful), None),
        **approval_context(request, form),
    }
    return render(request, "fupin_web/form.html", context)


@require_POST
@office("correct")
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """One field: a new value (or the same one, accepted as checked) → an event, revalidated."""
    form = form_or_404(request.user, pk)
    path = str(request.POST.get("path") or "")[:100]
    if not path:
        return HttpResponse("缺少字段", status=400)
    with transaction.atomic():
        old = get_path(effective_data(form), path)
        new = coerce(str(request.POST.get("value") or ""), old)
        Correction.objects.create(
            form=form,
            path=path,
            old=old,
            new=new,
            user=request.user,
            office=profile_of(request.user).office,
        )
        refresh(form)
    return redirect(f"/forms/{form.pk}/#verify")


@office("view")
def original(request: HttpRequest, pk: int) -> HttpResponse:
    form = form_or_404(request.user, pk)
    path = stored_path(form.file.sha256, form.file.suffix)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=form.file.name)
