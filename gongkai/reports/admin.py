from django.contrib import admin

from .models import PublishedReport


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
    exclude = ("content", "source_lines")
    readonly_fields = (
        "agency",
        "year",
        "format",
        "agency_name_read",
        "file_name",
        "media_type",
        "size",
        "result",
        "error_count",
        "warning_count",
        "score",
        "uploaded_by",
        "kind",
    )

    def has_add_permission(self, request: object) -> bool:
        return False
