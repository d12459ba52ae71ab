"""Receiving files and parsing them in the task queue (django-q2, on the app's database).

``receive`` stores a file and its row before anything is acknowledged, then enqueues
``parse_stored``. The task is idempotent: it (re)reads the stored file and updates the form rows
keyed by (file, position), so a retry after a killed worker or a re-parse loses nothing.
"""

from __future__ import annotations

import os
import socket
from typing import IO, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ...errors import FupinFormsError
from ...parse.reader import read_forms
from .models import Approval, Form, StoredFile
from .records import refresh
from .store import put, stored_path, suffix_of


def receive(
    name: str, stream: IO[bytes], user: Any = None, office: str = "", attach_to: Form | None = None
) -> StoredFile:
    """Store one uploaded file (once per sha256) and queue it for reading."""
    suffix = suffix_of(name)
    sha, size = put(stream, suffix)
    stored, created = StoredFile.objects.get_or_create(
        sha256=sha,
        defaults={
            "name": name[-255:],
            "suffix": suffix,
            "size": size,
            "uploaded_by": user,
            "office": office,
            "attach_to": attach_to,
        },
    )
    if attach_to is not None and stored.attach_to_id != attach_to.pk:
        stored.attach_to = attach_to
        stored.save(update_fields=["attach_to"])
        created = True
    if created or stored.state == "error":
        enqueue(stored)
    return stored


def enqueue(stored: StoredFile) -> None:
    from django_q.tasks import async_task

    StoredFile.objects.filter(pk=stored.pk).update(state="queued", error="")
    async_task(
        "fupin_forms.web.intake.tasks.parse_stored",
        stored.sha256,
        task_name=f"parse {stored.sha256[:12]}",
    )


def parse_stored(sha256: str) -> int:
    """Read a stored file into form rows; returns how many forms it held."""
    stored = StoredFile.objects.get(sha256=sha256)
    StoredFile.objects.filter(pk=stored.pk).update(
        state="parsing", attempts=F("attempts") + 1, worker=f"{socket.gethostname()}:{os.getpid()}"
    )
    try:
        parsed = read_forms(stored_path(sha256, stored.suffix))
    except FupinFormsError as exc:
        StoredFile.objects.filter(pk=stored.pk).update(
            state="error", error=_reason(exc), parsed_at=timezone.now()
        )
        return 0
    except Exception as exc:  # a bug in a reader: the file says so instead of hanging in 读取中
        StoredFile.objects.filter(pk=stored.pk).update(
            state="error",
            error=f"内部错误（请报告）：{type(exc).__name__}",
            parsed_at=timezone.now(),
        )
        raise
    if stored.attach_to_id is not None:
        _match_stamped(stored, parsed)
        return len(parsed)
    with transaction.atomic():
        for index, one in enumerate(parsed):
            form, _ = Form.objects.update_or_create(
                file=stored,
                index=index,
                defaults={
                    "form": one.form,
                    "parsed": one.data,
                    "warnings": one.warnings,
                    "fields": {p: s.to_json() for p, s in sorted(one.fields.items())},
                },
            )
            refresh(form)
        Form.objects.filter(file=stored, index__gte=len(parsed)).delete()
        StoredFile.objects.filter(pk=stored.pk).update(state="done", parsed_at=timezone.now())
    return len(parsed)


def _reason(exc: FupinFormsError) -> str:
    from ...errors import ParseError

    if isinstance(exc, ParseError):
        return exc.message + (f"（{exc.where}）" if exc.where else "")
    return str(exc)


_OFFICES = ("unit", "county_poverty_office", "county_cast", "city_cast")


def _match_stamped(stored: StoredFile, parsed: list[Any]) -> None:
    """A stamped scan of a form on file: same annex, same applicant and project → its new
    stamps become approval events of the form on file; anything else is refused, said why."""
    target = stored.attach_to
    assert target is not None
    keys = ("applicant_name", "unit_name", "project_name")
    match = next(
        (
            p
            for p in parsed
            if p.form == target.form and all(_same(p.data.get(k), target.data.get(k)) for k in keys)
        ),
        None,
    )
    if match is None:
        StoredFile.objects.filter(pk=stored.pk).update(
            state="error",
            parsed_at=timezone.now(),
            error="盖章扫描件与所选表格不符（附件、申报人或项目名称不同），未采用",
        )
        return
    with transaction.atomic():
        reviews = match.data.get("reviews") or {}
        on_file = target.data.get("reviews") or {}
        for key in _OFFICES:
            review = reviews.get(key) or {}
            if (
                review.get("stamped") is True
                and (on_file.get(key) or {}).get("stamped") is not True
            ):
                Approval.objects.create(
                    form=target,
                    office_key=key,
                    office=f"（扫描件）{stored.office}",
                    approve=True,
                    opinion=str(review.get("opinion") or ""),
                    signed_on=_date(review.get("signed_on")),
                    user=stored.uploaded_by,
                    via_scan=stored,
                )
        refresh(target)
        StoredFile.objects.filter(pk=stored.pk).update(state="done", parsed_at=timezone.now())


def _same(a: Any, b: Any) -> bool:
    return "".join(str(a or "").split()) == "".join(str(b or "").split())


def _date(value: Any) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return timezone.localdate()
