"""Public pages: apply to an agency online, and look up an application's status."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.calendars.selectors import get_calendar
from gongkai.core.errors import DomainError, ValidationFailed

from . import services
from .api import LOOKUP_WINDOW_SECONDS, find_by_number_and_code
from .clock import clock_events, evaluate
from .forms import ApplicationForm, StatusForm
from .states import CASE_STATES


def apply(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code, is_active=True)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submitted = services.case_submit_online(agency=agency, application=form.application(), via="web")
        except ValidationFailed as error:
            form.show_problems(error.details if isinstance(error.details, dict) else {})
            if not isinstance(error.details, dict):
                form.add_error(None, error.message)
        except DomainError as error:
            form.add_error(None, error.message)
        else:  # the query code is shown this once: the receipt is the answer, not a redirect
            return render(request, "cases/receipt.html", {"agency": agency, "submitted": submitted})
    return render(request, "cases/apply.html", {"agency": agency, "form": form})


def status(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        limit = int(getattr(settings, "GONGKAI_STATUS_LOOKUP_FAILURES", 10))
        key = f"cases:lookup-failures:{request.META.get('REMOTE_ADDR', 'unknown')}"
        if int(cache.get(key, 0)) >= limit:
            context["limited"] = True
            return render(request, "cases/status.html", context, status=429)
        case = find_by_number_and_code(form.cleaned_data["number"].strip(), form.cleaned_data["code"])
        if case is None:
            cache.add(key, 0, LOOKUP_WINDOW_SECONDS)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, LOOKUP_WINDOW_SECONDS)
            context["not_found"] = True
            return render(request, "cases/status.html", context, status=404)
        steps = []
        if case.received_on is not None:
            result = evaluate(
                case.received_on, clock_events(case.events.all()), timezone.localdate(), get_calendar(case.agency)
            )
            steps = list(result.state.steps) if result.state else []
        context.update({"case": case, "status_label": CASE_STATES.label(case.status), "steps": steps})
    return render(request, "cases/status.html", context)
