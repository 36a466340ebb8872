"""Staff pages for annual reports. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.errors import PermissionDenied, ValidationFailed

from . import selectors, services, stored
from .audit import Audit
from .audit_html import fragment_context
from .forms import HistoryForm, UploadForm
from .models import ReportFormatChoice, ReportKind, UploadStatus

REFRESH_SECONDS = 3  # how often an unfinished upload's page reloads itself


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    context = {
        "reports": selectors.staff_reports(request.user)[:500],
        "uploads": selectors.staff_uploads(request.user)[:20],
        "can_upload": selectors.upload_agencies(request.user).exists(),
        "can_import": selectors.history_agencies(request.user).exists(),
    }
    return render(request, "reports/list.html", context)


def _form_problem(form: UploadForm | HistoryForm, error: ValidationFailed) -> None:
    form.add_error(None, error.message)
    if isinstance(error.details, list):
        for line in error.details:
            form.add_error(None, str(line))


@login_required
def report_upload(request: HttpRequest) -> HttpResponse:
    agencies = selectors.upload_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied(_("Only supervisors and administrators may upload reports for audit."))
    form = UploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                upload = services.report_upload_enqueue(
                    actor=request.user, agency=form.cleaned_data["agency"], files=form.cleaned_data["documents"]
                )
            except ValidationFailed as error:
                _form_problem(form, error)
            else:
                return redirect("reports:upload_status", pk=upload.pk)
        status = 400
    return render(request, "reports/upload.html", {"form": form}, status=status)


@login_required
def report_upload_status(request: HttpRequest, pk: int) -> HttpResponse:
    """An upload's progress: 排队中, 正在审核, 已完成 (with its reports) or 失败 (with the reason).

    The page reloads itself every few seconds until the upload is finished (the Refresh header:
    no script, no external asset);
    the user may leave it and come back from the reports page.
    """
    upload = selectors.staff_upload(request.user, pk)
    lost = selectors.upload_task_lost(upload)
    context = {
        "upload": upload,
        "heading": _("Import a past report") if upload.kind == ReportKind.HISTORY else _("Upload for audit"),
        "reports": upload.reports.select_related("agency").defer("result", "source_lines").order_by("pk"),
        "failed": upload.status == UploadStatus.FAILED or lost,
        "lost": lost,
        "refresh_seconds": 0 if upload.finished or lost else REFRESH_SECONDS,
    }
    response = render(request, "reports/upload_status.html", context)
    if context["refresh_seconds"]:
        response["Refresh"] = str(REFRESH_SECONDS)  # what <meta http-equiv="refresh"> would say, in the header
    return response


def _history_initial(request: HttpRequest, agencies: QuerySet[Agency]) -> dict[str, object]:
    """The form filled in again from ``?agency=…&year=…`` (the link on a failed import's page)."""
    initial: dict[str, object] = {}
    agency, year = request.GET.get("agency", ""), request.GET.get("year", "")
    if agency.isdigit() and agencies.filter(pk=int(agency)).exists():
        initial["agency"] = int(agency)
    if year.isdigit() and len(year) == 4:
        initial["year"] = int(year)
    return initial


@login_required
def report_history(request: HttpRequest) -> HttpResponse:
    agencies = selectors.history_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied(_("Only an agency's administrators may import its past reports."))
    form = HistoryForm(
        request.POST or None, request.FILES or None, agencies=agencies, initial=_history_initial(request, agencies)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                upload = services.report_import_history_enqueue(
                    actor=request.user,
                    agency=form.cleaned_data["agency"],
                    year=form.cleaned_data["year"],
                    file=form.cleaned_data["file"],
                )
            except ValidationFailed as error:
                _form_problem(form, error)
            else:
                return redirect("reports:upload_status", pk=upload.pk)
        status = 400
    return render(request, "reports/history.html", {"form": form}, status=status)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.staff_report(request.user, pk)
    audit = Audit(
        name=row.file_name,
        report=row.annual_report(),
        readable=row.format != ReportFormatChoice.UNREADABLE,
        media_type=row.media_type,
        source_lines=row.source_line_pairs(),
    )
    return render(request, "reports/detail.html", {"row": row, **fragment_context(audit, heading_level=2)})


@login_required
def report_file(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.staff_report(request.user, pk)
    response = HttpResponse(stored.report_content(row), content_type="application/octet-stream")
    filename = quote(row.file_name.rsplit("/", 1)[-1], safe="")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response
