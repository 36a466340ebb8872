"""The public column's pages, cached: rendered once per address for anonymous visitors, kept for
at most ``GONGKAI_PORTAL_CACHE_SECONDS`` (60) and sent with ``Cache-Control: public, max-age``
of the same — so a publication shows within a minute everywhere.

In the process that saves, any change the pages show (a document, its relations, files and
interpretations, the catalogue, the guide, an agency or its office) moves a version number that
every key carries, so that process shows it at once; other processes (and browsers) at the latest
when the minute is over. Signed-in users (the staff menu is in the page) and requests with
messages waiting are never served from or written to the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "documents:portal:version"
DEFAULT_SECONDS = 60


def seconds() -> int:
    return int(getattr(settings, "GONGKAI_PORTAL_CACHE_SECONDS", DEFAULT_SECONDS))


def version() -> int:
    found = cache.get(VERSION_KEY)
    if isinstance(found, int):
        return found
    cache.add(VERSION_KEY, 1, None)
    found = cache.get(VERSION_KEY)
    return found if isinstance(found, int) else 1


def invalidate(**kwargs: Any) -> None:
    """A signal receiver: whatever the column shows has changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or evicted)
        cache.set(VERSION_KEY, version() + 1, None)


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or seconds() <= 0:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if "messages" in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.get("_messages"))


def _key(request: HttpRequest) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{get_language()}"
    return f"documents:page:{version()}:{hashlib.sha256(address.encode()).hexdigest()}"


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache ``view``'s 200 answers to anonymous visitors (see the module)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, max_age=0)
            return response
        key = _key(request)
        found = cache.get(key)
        if isinstance(found, tuple) and len(found) == 2:
            content, content_type = found
            response = HttpResponse(content, content_type=content_type)
            response["X-Gongkai-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, (response.content, response["Content-Type"]), seconds())
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=seconds())
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    return wrapped


def connect() -> None:
    """Invalidate on every change the column shows (called from the app's ``ready``)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from gongkai.agencies.models import Agency, DisclosureOffice

    from . import models

    watched = [
        models.Document,
        models.DocumentRelation,
        models.Interpretation,
        models.DocumentAttachment,
        models.CatalogueCategory,
        models.CatalogueItem,
        models.DisclosureGuide,
        Agency,
        DisclosureOffice,
    ]
    for model in watched:
        post_save.connect(invalidate, sender=model, dispatch_uid=f"documents-cache-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"documents-cache-delete-{model.__name__}")
    m2m_changed.connect(
        invalidate, sender=models.CatalogueItem.documents.through, dispatch_uid="documents-cache-catalogue-documents"
    )
