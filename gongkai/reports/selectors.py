"""Every read of published reports. Staff reads go through ``gongkai.agencies.scoping``."""

from __future__ import annotations

from django.db import models

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Access
from gongkai.agencies.scoping import AnyUser, agencies_for, get_in_scope, scope

from .model import NOT_COMPARABLE_FORMATS, AnnualReport
from .models import PublishedReport, ReportUpload


def upload_agencies(user: AnyUser) -> models.QuerySet[Agency]:
    """Agencies whose reports ``user`` may upload for audit (``permissions.can_upload_reports``)."""
    return agencies_for(user, Access.SUPERVISE).filter(is_active=True).order_by("path")


def history_agencies(user: AnyUser) -> models.QuerySet[Agency]:
    """Agencies whose past reports ``user`` may import (``permissions.can_import_history``)."""
    return agencies_for(user, Access.MANAGE).filter(is_active=True).order_by("path")


def staff_reports(user: AnyUser) -> models.QuerySet[PublishedReport]:
    return (
        scope(PublishedReport.objects.all(), user)
        .select_related("agency", "uploaded_by")
        .defer("result", "source_lines")
        .order_by("-created_at", "-id")
    )


def staff_report(user: AnyUser, pk: int) -> PublishedReport:
    return get_in_scope(PublishedReport.objects.select_related("agency", "uploaded_by"), user, pk=pk)


def previous_report(agency: Agency, year: int | None) -> AnnualReport | None:
    """The agency's report for ``year`` − 1 (the latest import or upload), for R5 and R6."""
    if year is None:
        return None
    row = (
        PublishedReport.objects.filter(agency=agency, year=year - 1)
        .exclude(format__in=NOT_COMPARABLE_FORMATS)
        .order_by("-created_at", "-id")
        .only("result")
        .first()
    )
    return row.annual_report() if row is not None else None


def staff_uploads(user: AnyUser) -> models.QuerySet[ReportUpload]:
    """Uploads for audit within the user's agencies, newest first (the reports page lists them)."""
    return (
        scope(ReportUpload.objects.all(), user)
        .select_related("agency", "uploaded_by")
        .annotate(report_count=models.Count("reports"))
        .order_by("-created_at", "-id")
    )


def staff_upload(user: AnyUser, pk: int) -> ReportUpload:
    """One upload within the user's agencies (else NotFound, a 404), with the reports kept from it."""
    return get_in_scope(ReportUpload.objects.select_related("agency", "uploaded_by"), user, pk=pk)


def upload_task_lost(upload: ReportUpload) -> bool:
    """True when the upload is not finished but its background task has ended in failure.

    The upload's own status is the truth; this catches a task that failed outside the service
    (the worker could not import or start it), so that its page does not say 排队中 forever.
    """
    if upload.finished or not upload.task_id:
        return False
    from django_tasks import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    from .tasks import audit_upload

    try:
        return audit_upload.get_result(upload.task_id).status == TaskResultStatus.FAILED
    except (TaskResultDoesNotExist, NotImplementedError):
        return False
