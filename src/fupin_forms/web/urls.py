"""Every route of the workbench (the access-control test walks this list)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from .accounts.views import LoginView, LogoutView
from .api import views as api
from .approvals import views as approvals
from .board import views as board
from .exports import views as exports
from .intake import views as intake
from .verify import views as verify

urlpatterns = [
    path("", board.board, name="board"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("stats/", board.stats, name="stats"),
    path("upload/", intake.upload_page, name="upload"),
    path("upload/send", intake.upload, name="upload-send"),
    path("upload/status", intake.status, name="upload-status"),
    path("forms/<int:pk>/", verify.form_page, name="form"),
    path("forms/<int:pk>/correct", verify.correct, name="correct"),
    path("forms/<int:pk>/original", verify.original, name="original"),
    path("forms/<int:pk>/approve", approvals.approve, name="approve"),
    path("forms/<int:pk>/stamped", approvals.stamped_scan, name="stamped"),
    path("exports/", exports.page, name="exports"),
    path("exports/feed.jsonl", exports.feed, name="export-feed"),
    path("exports/summary.xlsx", exports.summary, name="export-summary"),
    path("exports/disclosure.xlsx", exports.disclosure, name="export-disclosure"),
    path("exports/generate", exports.generate, name="export-generate"),
    path("api/files", api.files, name="api-files"),
    path("api/forms", api.forms, name="api-forms"),
    path("api/feed", api.feed, name="api-feed"),
    path("healthz", api.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
