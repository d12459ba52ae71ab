"""Login throttling: after a few failed logins for one name or one address, wait a while.

Counts live in the cache (the server process); a restart forgets them, which only helps the
legitimate user who locked themselves out.
"""

from __future__ import annotations

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW = 15 * 60  # seconds


def _keys(username: str, ip: str) -> list[str]:
    return [f"login-fail:u:{username.strip().lower()}", f"login-fail:ip:{ip}"]


def blocked(username: str, ip: str) -> bool:
    return any(
        (cache.get(k) or 0) >= MAX_FAILURES * (4 if ":ip:" in k else 1) for k in _keys(username, ip)
    )


def failed(username: str, ip: str) -> None:
    for key in _keys(username, ip):
        cache.add(key, 0, WINDOW)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW)


def succeeded(username: str, ip: str) -> None:
    cache.delete(_keys(username, ip)[0])
