"""API v1 for annual-report audits (a ninja Router; mounted by gongkai.api as ``/reports``).

- ``GET  /reports`` — audits kept in the platform within the caller's agencies (newest first);
- ``GET  /reports/{id}`` — one audit: the report as read (shared/spec/report-json.md) and its score;
- ``POST /reports/audit`` — audit one uploaded file without keeping it (for evaluators' tools).

All need a logged-in staff session; reads go through the scoped selectors.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from gongkai.core.api_auth import staff_auth
from gongkai.core.errors import ValidationFailed
from gongkai.files.caps import megabytes

from . import selectors
from .audit import audit
from .models import PublishedReport

router = Router(auth=staff_auth, tags=["reports"])


class ReportSummaryOut(Schema):
    id: int
    agency_code: str
    agency_name: str
    year: int | None
    format: str
    kind: str
    file_name: str
    errors: int
    warnings: int
    score: int
    created_at: datetime


class ReportAuditOut(Schema):
    file_name: str
    score: int
    report: dict[str, Any]


def _summary(row: PublishedReport) -> ReportSummaryOut:
    return ReportSummaryOut(
        id=row.pk,
        agency_code=row.agency.code,
        agency_name=row.agency.name,
        year=row.year,
        format=row.format,
        kind=row.kind,
        file_name=row.file_name,
        errors=row.error_count,
        warnings=row.warning_count,
        score=row.score,
        created_at=row.created_at,
    )


@router.get("", response=list[ReportSummaryOut], summary="已审核的年度报告（本机关及下级）")
def report_list(request: HttpRequest, limit: int = 100) -> list[ReportSummaryOut]:
    return [_summary(row) for row in selectors.staff_reports(request.user)[: max(1, min(limit, 1000))]]


@router.get("/{int:report_id}", response=ReportAuditOut, summary="单份报告的审核结果")
def report_detail(request: HttpRequest, report_id: int) -> ReportAuditOut:
    row = selectors.staff_report(request.user, report_id)
    return ReportAuditOut(file_name=row.file_name, score=row.score, report=row.result)


@router.post("/audit", response=ReportAuditOut, summary="审核上传的报告文件（不保存）")
def report_audit(request: HttpRequest, file: File[UploadedFile]) -> ReportAuditOut:
    limit = settings.GONGKAI_UPLOAD_MAX_FILE_BYTES
    data = file.read(limit + 1)
    if len(data) > limit:
        raise ValidationFailed(_("“%(name)s” is larger than %(size)s.") % {"name": file.name, "size": megabytes(limit)})
    result = audit(data, file.name or "upload", keep_source=False)
    return ReportAuditOut(file_name=result.name, score=result.score, report=result.report.to_json())
