from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import PublishedReport, ReportUpload


@admin.register(PublishedReport)
class PublishedReportAdmin(admin.ModelAdmin):
    list_display = (
        "file_name",
        "agency",
        "year",
        "format",
        "kind",
        "error_count",
        "warning_count",
        "score",
        "created_at",
    )
    list_filter = ("kind", "format", "year")
    search_fields = ("file_name", "agency__name", "agency_name_read")
    # The file is never linked from storage directly (MEDIA_URL is not served): the staff
    # download page reads it through gongkai.reports.stored, scoped and checked against its hash.
    exclude = ("file", "source_lines")
    readonly_fields = (
        "agency",
        "year",
        "format",
        "agency_name_read",
        "file_name",
        "download",
        "media_type",
        "size",
        "sha256",
        "result",
        "error_count",
        "warning_count",
        "score",
        "uploaded_by",
        "kind",
    )

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).defer("source_lines")

    @admin.display(description=_("file as uploaded"))
    def download(self, obj: PublishedReport) -> str:
        return format_html('<a href="{}">{}</a>', reverse("reports:file", args=[obj.pk]), obj.file_name)

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(ReportUpload)
class ReportUploadAdmin(admin.ModelAdmin):
    """Uploads and their progress, read only: the worker alone moves them (services.report_upload_run)."""

    list_display = ("created_at", "agency", "kind", "year", "status", "uploaded_by", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("agency__name", "reason")
    readonly_fields = (
        "agency",
        "kind",
        "year",
        "status",
        "reason",
        "files",
        "via",
        "task_id",
        "uploaded_by",
        "started_at",
        "finished_at",
    )

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False  # the stored files are shared with the reports kept from the upload
