"""Log in (throttled) and out."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import throttle


def _ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "")


class LoginView(auth_views.LoginView):
    template_name = "fupin_web/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = str(request.POST.get("username") or "")
        if throttle.blocked(username, _ip(request)):
            return render(
                request,
                "fupin_web/login.html",
                {"form": self.get_form(), "throttled": True},
                status=429,
            )
        response: HttpResponse = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            throttle.succeeded(username, _ip(request))
        else:
            throttle.failed(username, _ip(request))
        return response


class LogoutView(auth_views.LogoutView):
    next_page = "/login/"
