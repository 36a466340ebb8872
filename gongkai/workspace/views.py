"""Staff pages. Thin: every read goes through a selector that applies the user's scope."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import selectors
from gongkai.agencies.permissions import can_manage_agency
from gongkai.cases.alerts import schedule_alert
from gongkai.core.errors import DomainError

from .agency_views import add_targets
from .lockout import locked_usernames, unlock


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    agencies = selectors.staff_agencies(request.user)
    context = {
        "memberships": selectors.memberships_of(request.user),
        "agency_count": agencies.count(),
        "recent_events": selectors.audit_events_for(request.user, limit=10),
        "schedule_alert": schedule_alert(request.user),
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
    staff = list(selectors.agency_staff(agency))
    may_manage = can_manage_agency(request.user, agency)
    context = {
        "agency": agency,
        "staff": staff,
        "locked": locked_usernames([m.user.username for m in staff]) if may_manage else set(),
        "children": selectors.staff_children(request.user, agency),
        "may_manage": may_manage,
    }
    return render(request, "workspace/agency_detail.html", context)


@login_required
@require_POST
def account_unlock(request: HttpRequest, code: str) -> HttpResponse:
    """Lift a staff member's log-in lockout from the agency page (the same service as gongkai unlock)."""
    agency = selectors.staff_agency(request.user, code)
    username = request.POST.get("username", "")[:150]
    try:
        lifted = unlock(actor=request.user, username=username, via="web")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if lifted:
            messages.success(request, _("“%(username)s” is unlocked.") % {"username": username})
        else:
            messages.info(request, _("“%(username)s” is not locked out; nothing changed.") % {"username": username})
    return redirect("workspace:agency", code=agency.code)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/audit.html", {"events": selectors.audit_events_for(request.user, limit=200)})
