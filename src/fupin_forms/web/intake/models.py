"""Files (stored once by sha256), the forms read from them, and corrections and approvals.

A form row is keyed by (file, position in file), so re-parsing the same file updates the same
row and its events stay attached. ``parsed`` is what the reader read; ``data`` is the effective
record (corrections and approvals applied, then validated), recomputed by ``records.refresh``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

FILE_STATES = [
    ("queued", "排队中"),
    ("parsing", "读取中"),
    ("done", "已读取"),
    ("error", "无法读取"),
]
OFFICE_KEYS = [
    ("unit", "所在单位"),
    ("county_poverty_office", "县扶贫办"),
    ("county_cast", "县级科协"),
    ("city_cast", "市级科协"),
    ("province", "省科协"),
]


class StoredFile(models.Model):
    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField("文件名", max_length=255)
    suffix = models.CharField(max_length=10)
    size = models.BigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    office = models.CharField("上传单位", max_length=100, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=FILE_STATES, default="queued")
    attempts = models.IntegerField(default=0)
    worker = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    parsed_at = models.DateTimeField(null=True, blank=True)
    # a stamped scan sent for a form already on file: matched to it, not a new form
    attach_to = models.ForeignKey(
        "Form", null=True, blank=True, on_delete=models.SET_NULL, related_name="stamped_scans"
    )

    class Meta:
        verbose_name = verbose_name_plural = "文件"


class Form(models.Model):
    file = models.ForeignKey(StoredFile, on_delete=models.CASCADE, related_name="forms")
    index = models.IntegerField(default=0)
    form = models.CharField(max_length=10, db_index=True)
    parsed = models.JSONField(default=dict)
    fields = models.JSONField(default=dict)
    warnings = models.JSONField(default=list)
    data = models.JSONField(default=dict)
    issues = models.JSONField(default=list)
    status = models.CharField(max_length=12, db_index=True)
    ready_for = models.CharField(max_length=30, db_index=True, blank=True)
    applicant = models.CharField(max_length=200, blank=True, db_index=True)
    project = models.CharField(max_length=300, blank=True)
    category = models.CharField(max_length=20, blank=True)
    county = models.CharField(max_length=30, blank=True, db_index=True)
    city = models.CharField(max_length=20, blank=True, db_index=True)
    doubtful = models.IntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("file", "index")]
        indexes = [models.Index(fields=["-updated_at", "-id"], name="form_board_order")]
        verbose_name = verbose_name_plural = "表格"


class Correction(models.Model):
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="corrections")
    path = models.CharField(max_length=100)
    old = models.JSONField(null=True)
    new = models.JSONField(null=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    office = models.CharField(max_length=100, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = "更正"


class Approval(models.Model):
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="approvals")
    office_key = models.CharField(max_length=30, choices=OFFICE_KEYS)
    office = models.CharField(max_length=100)
    approve = models.BooleanField()
    opinion = models.TextField(blank=True)
    signed_on = models.DateField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    via_scan = models.ForeignKey(StoredFile, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = "审核意见"
