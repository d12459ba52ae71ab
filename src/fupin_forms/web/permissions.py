"""Who may see and do what: the one place for it (STYLE: permissions in one place).

An office sees the forms of its region and the files it sent itself: a county office its
county, a city office its counties, the province everything, a unit only what it uploaded.
Anything else answers 404, as if it did not exist. Clerks upload and correct; approvers
record their office's decision; admins may do both and manage accounts.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from .intake.models import Form, StoredFile

ACTIONS = {
    "view": {"clerk", "approver", "admin"},
    "upload": {"clerk", "approver", "admin"},  # approvers send stamped scans
    "correct": {"clerk", "admin"},
    "approve": {"approver", "admin"},
    "export": {"clerk", "approver", "admin"},
}


def profile_of(user: Any) -> Any:
    """The user's office profile, or None (an account without one sees nothing)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "profile", None)


def allowed(user: Any, action: str) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.role in ACTIONS[action]


def _region(profile: Any) -> Q:
    if profile.level == "province":
        return Q()
    own = Q(file__office=profile.office)
    if profile.level == "city":
        return Q(city=profile.city) | own
    if profile.level == "county":
        return Q(county=profile.county, city=profile.city) | own
    return own


def visible_forms(user: Any) -> QuerySet[Form]:
    profile = profile_of(user)
    if profile is None:
        return Form.objects.none()
    return Form.objects.filter(_region(profile))


def visible_files(user: Any) -> QuerySet[StoredFile]:
    profile = profile_of(user)
    if profile is None:
        return StoredFile.objects.none()
    if profile.level == "province":
        return StoredFile.objects.all()
    return StoredFile.objects.filter(office=profile.office)


def form_or_404(user: Any, pk: int) -> Form:
    form = visible_forms(user).select_related("file").filter(pk=pk).first()
    if form is None:
        raise Http404("没有这份表格")
    return form


def approver_office_key(user: Any) -> str | None:
    """Which review on the form this account's office fills in."""
    profile = profile_of(user)
    if profile is None:
        return None
    if profile.level == "county":
        return "county_poverty_office" if "扶贫" in profile.office else "county_cast"
    return {"unit": "unit", "city": "city_cast", "province": "province"}[str(profile.level)]
