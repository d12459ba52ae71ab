"""JSON API: token in ``Authorization: Token …`` (or ``Bearer …``); the same permissions."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from ..accounts.models import ApiToken, token_digest
from ..board.views import FORMS
from ..exports.views import region_feed
from ..intake.models import StoredFile
from ..intake.records import stage_label
from ..intake.views import receive_upload
from ..permissions import allowed, visible_forms


def token_auth(action: str) -> Callable[..., Any]:
    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            header = request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            found = None
            if scheme.lower() in ("token", "bearer") and token.strip():
                found = (
                    ApiToken.objects.select_related("user")
                    .filter(digest=token_digest(token.strip()), user__is_active=True)
                    .first()
                )
            if found is None:
                return JsonResponse({"error": "需要有效的 API 令牌"}, status=401)
            request.user = found.user
            if not allowed(found.user, action):
                return JsonResponse({"error": "您的账户无权进行此操作"}, status=403)
            return view(request, *args, **kwargs)

        return csrf_exempt(inner)

    return wrap


@require_POST
@token_auth("upload")
def files(request: HttpRequest) -> HttpResponse:
    try:
        ids = receive_upload(request)
    except (ValueError, OSError) as exc:
        return JsonResponse({"error": f"无法接收：{exc}"}, status=400)
    if not ids:
        return JsonResponse({"error": "没有可读取的文件（字段名 file）"}, status=400)
    stored = StoredFile.objects.filter(pk__in=ids)
    return JsonResponse(
        {
            "files": [
                {"id": f.pk, "sha256": f.sha256, "name": f.name, "state": f.state} for f in stored
            ]
        },
        status=202,
    )


@require_GET
@token_auth("view")
def forms(request: HttpRequest) -> HttpResponse:
    rows = visible_forms(request.user).select_related("file").order_by("id")
    return JsonResponse(
        {
            "forms": [
                {
                    "id": f.pk,
                    "form": f.form,
                    "annex": FORMS.get(f.form),
                    "applicant": f.applicant,
                    "project": f.project,
                    "county": f.county,
                    "city": f.city,
                    "status": f.status,
                    "stage": f.ready_for,
                    "stage_label": stage_label(f.form, f.ready_for),
                    "doubtful": f.doubtful,
                    "file": {"id": f.file_id, "name": f.file.name, "sha256": f.file.sha256},
                }
                for f in rows
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@token_auth("export")
def feed(request: HttpRequest) -> HttpResponse:
    return StreamingHttpResponse(region_feed(request), content_type="application/x-ndjson")


def healthz(request: HttpRequest) -> HttpResponse:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
