"""Who is asking: the client's address as every limit (log-in lockout, status look-ups) counts it."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind our own reverse proxy (BEHIND_PROXY) the address
    the proxy appended last to X-Forwarded-For — the one part of that header a client cannot forge."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if settings.GONGKAI_BEHIND_PROXY:
        forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return remote


class FailureLimit:
    """At most ``limit`` failures per client address in ``window`` seconds (Django's cache)."""

    def __init__(self, name: str, window: int) -> None:
        self.name = name
        self.window = window

    def _key(self, request: HttpRequest) -> str:
        return f"gongkai:failures:{self.name}:{client_ip(request)}"

    def reached(self, request: HttpRequest, limit: int) -> bool:
        return int(cache.get(self._key(request), 0)) >= limit

    def record(self, request: HttpRequest) -> None:
        key = self._key(request)
        cache.add(key, 0, self.window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.window)
