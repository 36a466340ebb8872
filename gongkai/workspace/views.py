"""Staff pages. Thin: every read goes through a selector that applies the user's scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies import selectors
from gongkai.agencies.permissions import can_manage_agency

from .agency_views import add_targets


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    agencies = selectors.staff_agencies(request.user)
    context = {
        "memberships": selectors.memberships_of(request.user),
        "agency_count": agencies.count(),
        "recent_events": selectors.audit_events_for(request.user, limit=10),
    }
    return render(request, "workspace/dashboard.html", context)


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    context = {
        "agencies": selectors.staff_agencies(request.user),
        "add_targets": add_targets(request.user),
        "may_add_top": can_manage_agency(request.user, None),
    }
    return render(request, "workspace/agency_list.html", context)


@login_required
def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = selectors.staff_agency(request.user, code)
    context = {
        "agency": agency,
        "staff": selectors.agency_staff(agency),
        "children": selectors.staff_children(request.user, agency),
        "may_manage": can_manage_agency(request.user, agency),
    }
    return render(request, "workspace/agency_detail.html", context)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/audit.html", {"events": selectors.audit_events_for(request.user, limit=200)})
