"""Every read of published reports. Staff reads go through ``gongkai.agencies.scoping``."""

from __future__ import annotations

from django.db import models

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Access
from gongkai.agencies.scoping import AnyUser, agencies_for, get_in_scope, scope

from .model import NOT_COMPARABLE_FORMATS, AnnualReport
from .models import PublishedReport


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
