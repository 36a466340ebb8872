"""Published annual reports kept in the platform: uploaded for audit, or imported as history.

The reading and checking is pure (``audit``); a row keeps the report as read (the JSON of
shared/spec/report-json.md, findings included), the numbered source lines the audit page shows,
and the counts and score for lists. The file as uploaded lives in Django storage
(``gongkai.core.storage``): the row holds its generated storage name, size and SHA-256, and
every reader of the content goes through ``gongkai.reports.stored``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel
from gongkai.core.storage import delete_files_with_rows

from .model import UNREADABLE_FORMAT, AnnualReport


class ReportKind(models.TextChoices):
    AUDIT = "audit", _("audit upload")
    HISTORY = "history", _("history import")


class ReportFormatChoice(models.TextChoices):
    F2021 = "2021", _("2021 format")
    F2019 = "2019", _("2019 trial format")
    PRE_2019 = "pre-2019", _("before 2019 (no national format)")
    NOT_A_REPORT = "not-a-report", _("not an annual report")
    UNREADABLE = UNREADABLE_FORMAT, _("unreadable")


class PublishedReport(TimeStampedModel):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="published_reports"
    )
    year = models.PositiveSmallIntegerField(_("reporting year"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=16, choices=ReportFormatChoice.choices)
    agency_name_read = models.CharField(_("agency named in the report"), max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(_("file type"), max_length=16)
    size = models.PositiveIntegerField(_("size in bytes"))
    file = models.FileField(_("file as uploaded"), upload_to="reports", max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    result = models.JSONField(_("report as read"), encoder=DjangoJSONEncoder)
    source_lines = models.JSONField(_("source lines"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices, default=ReportKind.AUDIT)

    class Meta:
        verbose_name = _("published annual report")
        verbose_name_plural = _("published annual reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "year"])]

    def __str__(self) -> str:
        year = f" {self.year}" if self.year else ""
        return f"{self.agency}{year} · {self.file_name}"

    def annual_report(self) -> AnnualReport:
        return AnnualReport.from_json(self.result)

    def source_line_pairs(self) -> list[tuple[int, str]]:
        pairs: list[Any] = self.source_lines or []
        return [(int(number), str(text)) for number, text in pairs]


delete_files_with_rows(PublishedReport, "file")
