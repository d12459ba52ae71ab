"""Upload (files, folders, .zip) and the progress of what was sent."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..guards import office
from ..permissions import profile_of, visible_files
from .store import expand
from .tasks import receive


def receive_upload(request: HttpRequest) -> list[int]:
    """Store every uploaded file (zips unpacked); the ids of the stored files."""
    profile = profile_of(request.user)
    items = ((f.name, f) for f in request.FILES.getlist("file"))
    return [
        receive(name, stream, request.user, profile.office).pk for name, stream in expand(items)
    ]


@office("view")
def upload_page(request: HttpRequest) -> HttpResponse:
    return render(request, "fupin_web/upload.html", {"files": _recent(request)})


@require_POST
@office("upload")
def upload(request: HttpRequest) -> HttpResponse:
    try:
        ids = receive_upload(request)
    except (ValueError, OSError) as exc:  # a broken zip: say so, store nothing more
        return JsonResponse({"error": f"无法接收：{exc}"}, status=400)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"ids": ids}, status=202)
    return redirect("upload")


def _recent(request: HttpRequest) -> list[dict[str, object]]:
    files = visible_files(request.user).order_by("-uploaded_at")[:200]
    return [
        {
            "id": f.pk,
            "name": f.name,
            "state": f.state,
            "state_label": f.get_state_display(),
            "error": f.error,
            "forms": f.forms.count(),
            "uploaded_at": f.uploaded_at.isoformat(),
        }
        for f in files
    ]


@office("view")
def status(request: HttpRequest) -> HttpResponse:
    files = _recent(request)
    pending = sum(1 for f in files if f["state"] in ("queued", "parsing"))
    return JsonResponse({"files": files, "pending": pending})
