"""Recording an office's decision, or taking its stamped scan, for a form at that office."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..guards import office
from ..intake.models import OFFICE_KEYS, Approval, Form
from ..intake.records import OFFICE_STAGE, refresh
from ..intake.tasks import receive
from ..permissions import allowed, approver_office_key, form_or_404, profile_of


def _at_my_office(request: HttpRequest, form: Form) -> str | None:
    """The review key this user fills in, if the form is waiting for their office now."""
    key = approver_office_key(request.user)
    if key is None or form.form == "annex5" or not allowed(request.user, "approve"):
        return None
    return key if form.ready_for == OFFICE_STAGE[key] else None


def approval_context(request: HttpRequest, form: Form) -> dict[str, Any]:
    key = _at_my_office(request, form)
    return {"approve_as": dict(OFFICE_KEYS).get(key or ""), "today": timezone.localdate()}


@require_POST
@office("approve")
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    form = form_or_404(request.user, pk)
    key = _at_my_office(request, form)
    if key is None:
        return HttpResponse("这份表格现在不在您单位的审核环节", status=409)
    try:
        signed_on = dt.date.fromisoformat(str(request.POST.get("signed_on") or ""))
    except ValueError:
        return HttpResponse("日期应为 年-月-日", status=400)
    with transaction.atomic():
        Approval.objects.create(
            form=form,
            office_key=key,
            office=profile_of(request.user).office,
            approve=request.POST.get("decision") == "approve",
            opinion=str(request.POST.get("opinion") or "")[:2000],
            signed_on=signed_on,
            user=request.user,
        )
        refresh(form)
    return redirect(f"/forms/{form.pk}/")


@require_POST
@office("approve")
def stamped_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """The stamped paper form, scanned: stored, read in the queue, matched to this form."""
    form = form_or_404(request.user, pk)
    upload = request.FILES.get("file")
    if upload is None:
        return HttpResponse("请选择扫描件", status=400)
    receive(upload.name, upload, request.user, profile_of(request.user).office, attach_to=form)
    return redirect(f"/forms/{form.pk}/")
