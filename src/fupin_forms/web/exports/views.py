"""Feed, summary workbook, 公示 list and forms to fill in: the CLI's own writers."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from ...api import load_data_records, render_form
from ...errors import FupinFormsError
from ...models import resolve_form_id
from ...render.disclosure import disclosure_rows, render_disclosure_xlsx
from ...render.summary_xlsx import render_summary_xlsx
from ..board.views import summary_of
from ..guards import office
from ..intake.models import Form
from ..intake.records import feed_record
from ..permissions import visible_forms

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def feed_lines(forms: Iterator[Form]) -> Iterator[str]:
    from ...feed import feed_line

    for form in forms:
        yield feed_line(feed_record(form))


def region_feed(request: HttpRequest) -> Iterator[str]:
    return feed_lines(visible_forms(request.user).select_related("file").order_by("id").iterator())


@office("export")
def page(request: HttpRequest) -> HttpResponse:
    return render(request, "fupin_web/exports.html", {"error": None})


@office("export")
def feed(request: HttpRequest) -> HttpResponse:
    response = StreamingHttpResponse(region_feed(request), content_type="application/x-ndjson")
    response["Content-Disposition"] = 'attachment; filename="feed.jsonl"'
    return response


def _download(data: bytes, name: str, kind: str) -> HttpResponse:
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@office("export")
def summary(request: HttpRequest) -> HttpResponse:
    data = render_summary_xlsx(summary_of(visible_forms(request.user)))
    return _download(data, "汇总.xlsx", XLSX)


@office("export")
def disclosure(request: HttpRequest) -> HttpResponse:
    records = (feed_record(f) for f in visible_forms(request.user).select_related("file"))
    return _download(render_disclosure_xlsx(disclosure_rows(records)), "公示名单.xlsx", XLSX)


@require_POST
@office("export")
def generate(request: HttpRequest) -> HttpResponse:
    """A blank form, or one prefilled form per expert/unit of an uploaded roster (a .zip)."""
    try:
        form = resolve_form_id(str(request.POST.get("form") or ""))
    except ValueError as exc:
        return render(request, "fupin_web/exports.html", {"error": str(exc)}, status=400)
    fmt = (
        request.POST.get("format")
        if request.POST.get("format") in ("docx", "pdf", "xlsx")
        else "docx"
    )
    roster = request.FILES.get("roster")
    try:
        if roster is None:
            return _download(
                render_form(form, None, fmt), f"{form}_空白.{fmt}", "application/octet-stream"
            )
        suffix = Path(roster.name).suffix.lower()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"roster{suffix}"
            path.write_bytes(roster.read())
            records = load_data_records(form, path)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for n, rec in enumerate(records, 1):
                who = (
                    getattr(rec.model, "applicant_name", None)
                    or getattr(rec.model, "unit_name", None)
                    or getattr(rec.model, "expert", None)
                    or n
                )
                archive.writestr(f"{n:03d}_{form}_{who}.{fmt}", render_form(form, rec.model, fmt))
        return _download(out.getvalue(), f"{form}_预填.zip", "application/zip")
    except FupinFormsError as exc:
        return render(request, "fupin_web/exports.html", {"error": str(exc)}, status=400)
