"""Admin: accounts with their office, level, region and role in one page."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from .models import ApiToken, Profile


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


class AccountAdmin(UserAdmin):
    inlines = [ProfileInline]


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
admin.site.register(ApiToken)
