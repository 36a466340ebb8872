"""Public pages. They show only published, active data and need no log-in."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gongkai.agencies import selectors
from gongkai.core.extensions import portal_cards


def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = request.GET.get("page")
    context = {
        "query": query,
        "directory": None if query else selectors.public_directory(page),
        "found": selectors.public_agency_search(query, page) if query else None,
        "portal_cards": portal_cards(),
    }
    return render(request, "portal/home.html", context)


def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = selectors.public_agency(code)
    context = {
        "agency": agency,
        "ancestors": selectors.public_ancestors(agency),
        "children": selectors.public_children(agency, request.GET.get("page")),
    }
    return render(request, "portal/agency.html", context)


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return render(request, "portal/error.html", {"status": status, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, _("The request could not be understood."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, _("You do not have permission to open this page."))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, _("The page does not exist, or is not within your agencies."))


def server_error(request: HttpRequest) -> HttpResponse:
    # A standalone page: no user menu, so it renders even when the database is the problem.
    message = _("The system hit an internal error. It has been logged; please try again later.")
    return HttpResponse(
        render_to_string("portal/500.html", {"message": message, "site_name": settings.GONGKAI_SITE_NAME}),
        status=500,
    )
