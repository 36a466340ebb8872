"""Staff pages for cases at /staff/cases/: the lists and one case with the steps this user may
take. Thin: parse, call one selector or the step table (``actions.perform``), render."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html import escape
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Access
from gongkai.agencies.scoping import get_in_scope, scope
from gongkai.core.audit import record_event
from gongkai.core.errors import DomainError, NotFound, ValidationFailed
from gongkai.law.outcomes import GROUP_LABELS, OUTCOME_BY_CODE, OUTCOMES

from . import permissions, selectors, services
from .actions import ACTIONS, available_actions, perform
from .alerts import schedule_alert
from .clock import case_clock
from .labels import FIELD_LABELS, STEP_LABELS, outcome_label
from .library import archive_context
from .masking import mask_id, mask_phone
from .models import ApplicantKindChoice, Case, CasePress, CaseStatus, ChannelChoice
from .services.supervision import INSTRUCTION_MAX
from .states import CASE_STATES

PAGE_SIZE = 50
# The outcomes a drafted reply may have (an abandoned application is closed, not answered).
REPLY_OUTCOMES = [(o.code, f"{GROUP_LABELS[o.group]} {o.label}") for o in OUTCOMES if not o.code.startswith("other_")]


def _agency_options(request: HttpRequest, chosen: Agency | None) -> str:
    """The agency filter's ``<option>``s. Rendered here from two columns, not by a template loop
    over model rows: a province's supervisors reach thousands of agencies, and the loop took
    most of the page's time (docs/benchmarks.md, "Cases")."""
    rows = scope(Agency.objects.all(), request.user, via="").order_by("path").values_list("code", "name")
    picked = chosen.code if chosen is not None else None
    return SafeString(  # both columns escaped here (the standard library's escape: what Django's calls)
        "".join(
            f'<option value="{escape(code)}"{" selected" if code == picked else ""}>{escape(name)}</option>'
            for code, name in rows
        )
    )


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """The lists and the one filter form (GET, works without JavaScript); the same selector as
    ``GET /api/v1/staff/cases``."""
    filters = selectors.parse_filters(request.user, request.GET, default_view="open")
    problems = [f"{selectors.FILTER_LABELS.get(key, key)}: {text}" for key, text in filters.problems.items()]
    try:
        cases = selectors.filter_cases(request.user, filters)
    except DomainError as error:  # e.g. the calendar does not reach five working days ahead
        problems.append(error.message)
        cases = selectors.staff_cases(request.user).none()
    outcome_rows: list[tuple[str, str, int]] = []
    if filters.view == "by_outcome":
        try:
            outcome_rows = selectors.outcome_counts(selectors.filter_cases(request.user, replace(filters, outcome="")))
        except DomainError:
            outcome_rows = []
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    sort_links = {
        column: "?" + urlencode(filters.query(sort=f"-{column}" if filters.sort == column else column, page=""))
        for column in selectors.SORTS
    }
    context = {
        "page": page,
        "views": [(key, label, "?" + urlencode(filters.query(view=key))) for key, label in selectors.VIEWS.items()],
        "view": filters.view,
        "filters": filters,
        "query": filters.q,
        "problem": " ".join(problems),
        "today": timezone.localdate(),
        "agency_options": _agency_options(request, filters.agency),
        "statuses": CaseStatus.choices,
        "channels": ChannelChoice.choices,
        "kinds": ApplicantKindChoice.choices,
        "outcome_choices": [(code, o.full_label) for code, o in OUTCOME_BY_CODE.items()],
        "outcome_rows": outcome_rows,
        "outcome_labels": {code: o.full_label for code, o in OUTCOME_BY_CODE.items()},
        "sort_links": sort_links,
        "sort": filters.sort,
        "page_query": urlencode(filters.query()),
        "may_register": permissions.agencies_user_may_register_for(request.user).exists(),
        "schedule_alert": schedule_alert(request.user),
    }
    context.update(_press_context_for_list(request))
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
    result = case_clock(case)
    clock = result.state if result is not None else None
    steps = list(clock.steps) if clock is not None else []
    applicant = case.applicant
    context = {
        "case": case,
        "status_label": CASE_STATES.label(case.status),
        "outcome_label": outcome_label(case.outcome),
        "id_number": applicant.id_number if full else mask_id(applicant.id_number),
        "phone": applicant.phone if full else mask_phone(applicant.phone),
        "email": applicant.email if full else ("***" if applicant.email else ""),
        "events": [(e, STEP_LABELS.get(e.action, e.action)) for e in case.events.order_by("on", "at", "id")],
        "steps": steps,
        "clock": clock,
        "actions": [_action_form(name) for name in available_actions(request.user, case)],
        "outcomes": [
            (o.code, f"{GROUP_LABELS[o.group]} {o.label}") for o in OUTCOMES if not o.code.startswith("other_")
        ],
        "handlers": permissions.possible_handlers(case.agency),
        "archive": archive_context(request.user, case),
        "related": selectors.staff_cases(request.user)
        .filter(applicant__id_digest=applicant.id_digest)
        .exclude(pk=case.pk)[:10],
    }
    context.update(_supervision_context_for_case(request, case))
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


# 督办 and 联合会商 (issue 11 item 4): the supervision page, presses, joint consultations.


def _press_context_for_list(request: HttpRequest) -> dict[str, Any]:
    """The list page's banner: the unacknowledged presses on the agencies this user acts for."""
    return {
        "open_presses": list(selectors.open_presses_for_user(request.user)),
    }


def _supervision_context_for_case(request: HttpRequest, case: Case) -> dict[str, Any]:
    """The case page's 督办 and 联合会商 sections."""
    return {
        "presses": list(selectors.presses_about(case)),
        "may_press": case.is_open and permissions.can_press(request.user, case.agency),
        "may_acknowledge": permissions.can_acknowledge_press(request.user, case.agency),
        "joint_consultations": list(case.joint_consultations.select_related("recorded_by")),
        "may_record_joint": permissions.can_handle_case(request.user, case),
        "today": timezone.localdate(),
    }


def _redirect_back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    """督办看板: per agency the user supervises, the counts that need pressing, with a press form."""
    rows = selectors.supervision_rows(request.user)
    if not rows:
        raise NotFound(_("Not found, or not within your agencies."))
    for row in rows:
        row["links"] = {
            view: reverse("cases:list") + "?" + urlencode({"view": view, "agency": row["code"]})
            for view in ("open", "due_soon", "overdue", "paused")
        }
        row["may_press"] = permissions.can_press(request.user, row["agency"])
    return render(request, "cases/supervision.html", {"rows": rows, "instruction_max": INSTRUCTION_MAX})


@login_required
@require_POST
def press_create(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_in_scope(Agency.objects.all(), request.user, via="", access=Access.SUPERVISE, code=code)
    number = request.POST.get("case", "").strip()
    try:
        case = selectors.case_of_agency(agency, number) if number else None
        services.case_press(
            actor=request.user, agency=agency, instruction=request.POST.get("instruction", ""), case=case
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(agency)s has been pressed for action.") % {"agency": agency.name})
    return _redirect_back(request, reverse("cases:supervision"))


@login_required
@require_POST
def press_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    press = get_in_scope(CasePress.objects.select_related("agency", "case"), request.user, pk=pk)
    try:
        services.press_acknowledge(actor=request.user, press=press)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Press acknowledged."))
    return _redirect_back(request, reverse("cases:list"))


@login_required
@require_POST
def joint_consultation_record(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    try:
        try:
            held_on = date.fromisoformat(request.POST.get("held_on", "").strip())
        except ValueError as error:
            raise ValidationFailed(_("Give the day the consultation was held (YYYY-MM-DD).")) from error
        services.case_record_joint_consultation(
            case,
            actor=request.user,
            held_on=held_on,
            participants=request.POST.get("participants", ""),
            conclusion=request.POST.get("conclusion", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
        details = error.details if isinstance(error.details, dict) else {}
        for text in details.values():
            if text != error.message:
                messages.error(request, str(text))
    else:
        messages.success(request, _("Joint consultation recorded."))
    return redirect("cases:detail", pk=case.pk)
