"""An account's office, level and region (what it may see) and role (what it may do)."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

LEVELS = [("unit", "所在单位"), ("county", "县级"), ("city", "市级"), ("province", "省级")]
ROLES = [("clerk", "经办人"), ("approver", "审核人"), ("admin", "管理员")]


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    office = models.CharField("单位", max_length=100)
    level = models.CharField("级别", max_length=10, choices=LEVELS)
    region = models.CharField("地区（原文）", max_length=100)
    city = models.CharField("市", max_length=20, blank=True)  # 附件2 short name: 临沂
    county = models.CharField("县（市、区）", max_length=30, blank=True)  # 兰山区
    role = models.CharField("角色", max_length=10, choices=ROLES)

    class Meta:
        verbose_name = verbose_name_plural = "账户所属单位"

    def __str__(self) -> str:
        return f"{self.office}（{self.get_level_display()}·{self.get_role_display()}）"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """Only the digest is kept: a token is shown once, when made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "API 令牌"

    @classmethod
    def issue(cls, user: object) -> str:
        token = "ff_" + secrets.token_urlsafe(32)
        cls.objects.create(user=user, digest=token_digest(token))
        return token
