"""The holiday calendars in the back office: read-only, for platform administrators.

Years are entered, checked, previewed and confirmed on the staff page (``/staff/calendar/``),
which goes through the audited services; the Django admin's one-row-per-day inline is only a way
to look at what is stored, and points there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import HolidaySchedule, RegionalHoliday, ScheduleDay
from .permissions import can_view_drafts


class ReadOnlyForPlatformAdmins(admin.ModelAdmin):
    """Viewable by platform administrators; nobody adds, changes or deletes here."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_view_drafts(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_view_drafts(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        messages.info(
            request,
            _("Holiday schedules are entered and changed on the staff page %(url)s, not here.")
            % {"url": reverse("calendar_staff:index")},
        )
        return super().changelist_view(request, extra_context)


class ScheduleDayInline(admin.TabularInline):
    model = ScheduleDay
    fields = ("date", "kind", "name")
    readonly_fields = ("date", "kind", "name")
    ordering = ("date",)
    extra = 0

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_view_drafts(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(ReadOnlyForPlatformAdmins):
    list_display = ("year", "status", "version", "notice", "source", "updated_at")
    list_filter = ("status", "source")
    search_fields = ("year", "notice")
    fields = ("year", "status", "version", "notice", "source", "notes")
    inlines = [ScheduleDayInline]


@admin.register(RegionalHoliday)
class RegionalHolidayAdmin(ReadOnlyForPlatformAdmins):
    list_display = ("name", "agency", "start", "end", "notice")
    list_filter = ("start",)
    search_fields = ("name", "agency__name", "notice")
    fields = ("agency", "name", "start", "end", "notice", "source_url")
