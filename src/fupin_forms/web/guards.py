"""View decorators: logged in with an office, and allowed to do the action (else 403)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

from .permissions import allowed

View = Callable[..., HttpResponse]


def office(action: str = "view") -> Callable[[View], View]:
    def wrap(view: View) -> View:
        @wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user, action):
                return HttpResponseForbidden("您的账户无权进行此操作")
            return view(request, *args, **kwargs)

        return inner

    return wrap
