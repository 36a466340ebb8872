"""Staff pages for cases at /staff/cases/: the lists and one case with the steps this user may
take. Thin: parse, call one selector or the step table (``actions.perform``), render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.agencies.scoping import get_in_scope
from gongkai.core.audit import record_event
from gongkai.core.errors import DomainError
from gongkai.law.outcomes import GROUP_LABELS, OUTCOMES

from . import permissions, selectors
from .actions import ACTIONS, available_actions, perform
from .clock import case_steps
from .labels import FIELD_LABELS, STEP_LABELS
from .masking import mask_id, mask_phone
from .models import Case, CaseStatus
from .states import CASE_STATES

PAGE_SIZE = 50
# The outcomes a drafted reply may have (an abandoned application is closed, not answered).
REPLY_OUTCOMES = [(o.code, f"{GROUP_LABELS[o.group]} {o.label}") for o in OUTCOMES if not o.code.startswith("other_")]

VIEWS: dict[str, Any] = {
    "open": gettext_lazy("Open"),
    "mine": gettext_lazy("Mine"),
    "unassigned": gettext_lazy("Unassigned"),
    "due_soon": gettext_lazy("Due within 5 working days"),
    "overdue": gettext_lazy("Overdue"),
    "paused": gettext_lazy("Paused"),
    "correction": gettext_lazy("Awaiting correction"),
    "all": gettext_lazy("All"),
}


def _in_view(cases: QuerySet[Case], view: str, request: HttpRequest) -> QuerySet[Case]:
    if view == "mine":
        return selectors.open_cases(cases).filter(handler_id=request.user.pk)
    if view == "unassigned":
        return selectors.open_cases(cases).filter(handler__isnull=True)
    if view == "due_soon":
        return selectors.due_within(cases, 5)
    if view == "overdue":
        return selectors.overdue(cases)
    if view == "paused":
        return selectors.open_cases(cases).filter(status__in=[CaseStatus.CONSULTING, CaseStatus.AWAITING_PAYMENT])
    if view == "correction":
        return cases.filter(status=CaseStatus.AWAITING_CORRECTION)
    if view == "all":
        return cases
    return selectors.open_cases(cases)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", "open")
    if view not in VIEWS:
        view = "open"
    cases = selectors.staff_cases(request.user)
    problem = ""
    try:
        cases = _in_view(cases, view, request)
    except DomainError as error:  # e.g. the calendar does not reach five working days ahead
        problem = error.message
        cases = cases.none()
    query = request.GET.get("q", "").strip()[:100].replace("\x00", "")
    if query:
        cases = cases.filter(
            Q(number__icontains=query) | Q(applicant__name__icontains=query) | Q(description__icontains=query)
        )
    page = Paginator(cases.order_by("due_on", "number"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "views": VIEWS.items(),
        "view": view,
        "query": query,
        "problem": problem,
        "today": timezone.localdate(),
    }
    return render(request, "cases/list.html", context)


def _case(request: HttpRequest, pk: int) -> Case:
    return get_in_scope(selectors.staff_cases(request.user), request.user, pk=pk)


def _action_form(name: str) -> dict[str, Any]:
    fields = [
        {"name": field, "label": FIELD_LABELS.get(field, field), "kind": kind, "required": required}
        for field, (kind, required) in ACTIONS[name].fields.items()
    ]
    return {"name": name, "label": STEP_LABELS.get(name, name), "fields": fields}


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    full = permissions.can_see_personal_data(request.user, case)
    if full:
        with transaction.atomic():
            record_event(
                actor=request.user, action="case.personal_data_viewed", obj=case, agency=case.agency, via="web"
            )
    steps = case_steps(case)
    applicant = case.applicant
    context = {
        "case": case,
        "status_label": CASE_STATES.label(case.status),
        "id_number": applicant.id_number if full else mask_id(applicant.id_number),
        "phone": applicant.phone if full else mask_phone(applicant.phone),
        "email": applicant.email if full else ("***" if applicant.email else ""),
        "events": [(e, STEP_LABELS.get(e.action, e.action)) for e in case.events.order_by("on", "at", "id")],
        "steps": steps,
        "actions": [_action_form(name) for name in available_actions(request.user, case)],
        "outcomes": [
            (o.code, f"{GROUP_LABELS[o.group]} {o.label}") for o in OUTCOMES if not o.code.startswith("other_")
        ],
        "related": selectors.staff_cases(request.user)
        .filter(applicant__id_digest=applicant.id_digest)
        .exclude(pk=case.pk)[:10],
    }
    return render(request, "cases/detail.html", context)


@login_required
@require_POST
def case_act(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    data = {key: str(value) for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}
    try:
        perform(request.user, case, data, via="web")
    except DomainError as error:
        messages.error(request, error.message)
        details = error.details if isinstance(error.details, dict) else {}
        for field, text in details.items():
            messages.error(request, f"{field}: {text}")
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": STEP_LABELS.get(data.get("action", ""), "")})
    return redirect("cases:detail", pk=case.pk)
