"""Public pages: apply to an agency online, and look up an application's status."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import AGENCY_QUERY_MAX, find_public_agencies
from gongkai.core.errors import DomainError, ValidationFailed

from . import services
from .api import LOOKUPS, find_by_number_and_code, lookup_limit
from .clock import case_steps
from .forms import ApplicationForm, StatusForm
from .labels import public_outcome_label
from .states import CASE_STATES

FOUND_SHOWN = 50


def find_agency(request: HttpRequest) -> HttpResponse:
    """Province-wide intake: find the agency to apply to by name, short name or pinyin."""
    query = request.GET.get("q", "").strip()[:AGENCY_QUERY_MAX]
    found = find_public_agencies(query) if query else []
    return render(
        request,
        "cases/find.html",
        {"query": query, "found": found[:FOUND_SHOWN], "total": len(found), "shown": FOUND_SHOWN},
    )


def apply(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code, is_active=True)
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            submitted = services.case_submit_online(
                agency=agency, application=form.application(), attachments=form.attachment_files(), via="web"
            )
        except ValidationFailed as error:
            form.show_problems(error.details if isinstance(error.details, dict) else {})
            if not isinstance(error.details, dict):
                form.add_error(None, error.message)
            if isinstance(error.details, list):
                for problem in error.details:
                    form.add_error(None, str(problem))
        except DomainError as error:
            form.add_error(None, error.message)
        else:  # the query code is shown this once: the receipt is the answer, not a redirect
            return render(request, "cases/receipt.html", {"agency": agency, "submitted": submitted})
    return render(request, "cases/apply.html", {"agency": agency, "form": form})


def status(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        if LOOKUPS.reached(request, lookup_limit()):
            context["limited"] = True
            return render(request, "cases/status.html", context, status=429)
        case = find_by_number_and_code(form.cleaned_data["number"].strip(), form.cleaned_data["code"])
        if case is None:
            LOOKUPS.record(request)
            context["not_found"] = True
            return render(request, "cases/status.html", context, status=404)
        steps = case_steps(case)
        context.update(
            {
                "case": case,
                "status_label": CASE_STATES.label(case.status),
                "outcome_label": public_outcome_label(case.status, case.outcome),
                "steps": steps,
            }
        )
    return render(request, "cases/status.html", context)
