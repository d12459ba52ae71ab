"""Making accounts (used by ``fupin-forms user add`` and the tests)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from ...divisions import city_of_text, county_of_text
from .models import LEVELS, ROLES, Profile


def place(level: str, region: str) -> tuple[str, str]:
    """(city, county) an office's region means; a reason in Chinese if it means nothing."""
    if level not in dict(LEVELS):
        raise ValueError(f"未知级别：{level}；可用：{'、'.join(dict(LEVELS))}")
    if level == "province":
        return "", ""
    city = city_of_text(region) or ""
    county = county_of_text(region) or ""
    if level == "city" and not city:
        raise ValueError(f"无法识别地区“{region}”所属的市（2016 年区划）")
    if level in ("county", "unit") and not county:
        raise ValueError(f"无法识别地区“{region}”对应的县（市、区）（2016 年区划）")
    return city, county if level in ("county", "unit") else ""


@transaction.atomic
def add_user(name: str, password: str, office: str, level: str, region: str, role: str) -> Any:
    if role not in dict(ROLES):
        raise ValueError(f"未知角色：{role}；可用：{'、'.join(dict(ROLES))}")
    if not password:
        raise ValueError("密码不能为空")
    city, county = place(level, region)
    if User.objects.filter(username=name).exists():
        raise ValueError(f"账户 {name} 已存在")
    user = User.objects.create_user(
        name, password=password, is_staff=role == "admin", is_superuser=role == "admin"
    )
    Profile.objects.create(
        user=user, office=office, level=level, region=region, city=city, county=county, role=role
    )
    return user
