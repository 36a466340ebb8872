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
from gongkai.core.states import StateMachine
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


class UploadStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Auditing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


UPLOAD_STATES = StateMachine(
    _("report upload"),
    UploadStatus,
    {
        UploadStatus.QUEUED: [UploadStatus.RUNNING, UploadStatus.FAILED],
        UploadStatus.RUNNING: [UploadStatus.DONE, UploadStatus.FAILED],
    },
)


class ReportUpload(TimeStampedModel):
    """One upload of reports for audit (or of one past report, ``kind`` history, for ``year``):
    the files as received (in storage), read and kept in the background.

    The request stores the files and enqueues one task (``gongkai.reports.tasks``); the worker
    audits them and keeps one PublishedReport per file, or records why it could not (the files
    stay, so the upload can be looked into or tried again).
    """

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="report_uploads"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices, default=ReportKind.AUDIT)
    year = models.PositiveSmallIntegerField(_("reporting year"), null=True, blank=True)  # a history import's
    status = models.CharField(
        _("status"), max_length=16, choices=UploadStatus.choices, default=UploadStatus.QUEUED, db_index=True
    )
    reason = models.TextField(_("reason for failure"), blank=True)
    #: The files as received, in order: [{"name": uploaded name, "file": storage name, "sha256", "size"}].
    files = models.JSONField(_("files"), default=list)
    via = models.CharField(_("channel"), max_length=16, default="web")
    task_id = models.CharField(_("background task"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report upload")
        verbose_name_plural = _("report uploads")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.agency} · {len(self.files)} · {self.get_status_display()}"

    @property
    def finished(self) -> bool:
        return self.status in (UploadStatus.DONE, UploadStatus.FAILED)

    def file_names(self) -> list[str]:
        return [str(entry["name"]) for entry in self.files]


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
    upload = models.ForeignKey(
        ReportUpload,
        verbose_name=_("upload"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )

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
