"""Staff pages of the library: the table-二 figures (CSV, checked and previewed before saving) and
the Art. 26 timeliness report. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.scoping import AnyUser, scope
from gongkai.core.errors import DomainError

from . import permissions, services
from .figures_csv import decode, read_figures
from .models import ProactiveFigures
from .timeliness import timeliness_report

MAX_UPLOAD = 1024 * 1024


def _editable_codes(user: AnyUser) -> set[str]:
    reachable = scope(Agency.objects.filter(is_active=True), user, via="")
    return {agency.code for agency in reachable if permissions.can_edit_documents(user, agency)}


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    codes = _editable_codes(request.user)
    if not codes:
        raise Http404
    context: dict[str, object] = {
        "saved": ProactiveFigures.objects.filter(agency__code__in=codes)
        .select_related("agency")
        .order_by("-year", "agency__code")[:100]
    }
    if request.method == "POST":
        text = request.POST.get("csv", "")
        upload = request.FILES.get("file")
        if upload is not None:
            if upload.size is not None and upload.size > MAX_UPLOAD:
                context["problems"] = [_("The file is larger than 1 MB.")]
                return render(request, "documents/staff/figures.html", context)
            try:
                text = decode(upload.read())
            except ValueError as error:
                context["problems"] = [str(error)]
                return render(request, "documents/staff/figures.html", context)
        rows, problems = read_figures(text, known_agencies=codes)
        context.update({"rows": rows, "problems": problems, "csv": text})
        if not problems and rows and request.POST.get("confirm") == "1":
            try:
                count = services.figures_save(actor=request.user, rows=rows, via="web")
            except DomainError as error:
                context["problems"] = [error.message]
            else:
                messages.success(request, _("%(n)d rows saved.") % {"n": count})
                return redirect("documents_staff:figures")
    return render(request, "documents/staff/figures.html", context)


@login_required
def timeliness(request: HttpRequest) -> HttpResponse:
    agencies = list(scope(Agency.objects.filter(is_active=True), request.user, via="").order_by("path"))
    if not agencies:
        raise Http404
    today = timezone.localdate()
    try:
        start = date.fromisoformat(request.GET.get("from", "")) if request.GET.get("from") else date(today.year, 1, 1)
        end = date.fromisoformat(request.GET.get("to", "")) if request.GET.get("to") else today
    except ValueError:
        start, end = date(today.year, 1, 1), today
        messages.error(request, _("Dates as YYYY-MM-DD; the report shows this year so far."))
    code = request.GET.get("agency", "")
    chosen = next((a for a in agencies if a.code == code), agencies[0])
    report = timeliness_report(chosen, start, end, today=today)
    context = {"agencies": agencies, "agency": chosen, "start": start, "end": end, "report": report}
    return render(request, "documents/staff/timeliness.html", context)
