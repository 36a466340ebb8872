"""Staff pages of the archive and the library: the library list, linking a precedent, archiving
and reopening an archived case. Thin: parse, call one service or selector, render or redirect."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.scoping import get_in_scope, scope
from gongkai.core.errors import DomainError
from gongkai.law.outcomes import OUTCOME_BY_CODE

from . import selectors, services
from .labels import outcome_label
from .library import library_cases, library_filters
from .models import Case

PAGE_SIZE = 30


@login_required
def library(request: HttpRequest) -> HttpResponse:
    filters = library_filters(request.GET)
    cases = library_cases(request.user, filters)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(case, outcome_label(case.outcome)) for case in page.object_list]
    query = urlencode([(key, value) for key, value in request.GET.items() if key != "page" and value])
    context = {
        "filters": filters,
        "page": page,
        "rows": rows,
        "outcomes": [(code, o.full_label) for code, o in OUTCOME_BY_CODE.items()],
        "page_query": query,
    }
    return render(request, "cases/library.html", context)


def _case(request: HttpRequest, pk: int) -> Case:
    return get_in_scope(selectors.staff_cases(request.user), request.user, pk=pk)


def _done(request: HttpRequest, text: str) -> None:
    messages.success(request, text)


def _failed(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, error.message)


@login_required
@require_POST
def link_precedent(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    number = request.POST.get("precedent", "").strip()
    precedent = scope(Case.objects.filter(number=number), request.user).first() if number else None
    if precedent is None:
        messages.error(
            request, _("No archived case “%(number)s” in the library within your reach.") % {"number": number}
        )
        return redirect("cases:detail", pk=case.pk)
    try:
        services.case_link_precedent(
            actor=request.user, case=case, precedent=precedent, note=request.POST.get("note", ""), via="web"
        )
    except DomainError as error:
        _failed(request, error)
    else:
        _done(request, _("Precedent %(number)s linked.") % {"number": precedent.number})
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    try:
        services.case_archive(actor=request.user, case=case, via="web")
    except DomainError as error:
        _failed(request, error)
    else:
        _done(request, _("The case is archived."))
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def unarchive(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    try:
        services.case_unarchive(actor=request.user, case=case, reason=request.POST.get("reason", ""), via="web")
    except DomainError as error:
        _failed(request, error)
    else:
        _done(request, _("The case is out of the archive; its steps can be taken again."))
    return redirect("cases:detail", pk=case.pk)
