"""The back office: platform administrators keep the wording dictionary and the whitelist, and
start a patrol.

The dictionaries apply to every agency's documents, so they are kept by the platform's own
administrators (superusers and the administrators of a top-level agency), not by an agency's
administrator, who has the back office for his agencies' reference data but gets 403 here. Every
save and deletion goes through the audited services. The findings list is unscoped (every
agency's documents): superusers only; the staff read findings on the review pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.agencies.permissions import is_platform_admin

from . import services
from .models import CheckFinding, PatrolRun, WhitelistEntry, WordingEntry


class PlatformAdminsOnly(admin.ModelAdmin):
    """Viewed and changed by platform administrators only; saves and deletions audited."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_platform_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_platform_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_admin(request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.dictionary_save(actor=request.user, entry=obj, changed=list(form.changed_data), via="admin")

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.dictionary_delete(actor=request.user, entry=obj, via="admin")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for entry in queryset:
            services.dictionary_delete(actor=request.user, entry=entry, via="admin")


@admin.register(WordingEntry)
class WordingEntryAdmin(PlatformAdminsOnly):
    list_display = ("term", "suggestion", "category", "severity", "active", "updated_at")
    list_filter = ("category", "severity", "active")
    search_fields = ("term", "suggestion", "note")


@admin.register(WhitelistEntry)
class WhitelistEntryAdmin(PlatformAdminsOnly):
    list_display = ("phrase", "note", "active", "updated_at")
    list_filter = ("active",)
    search_fields = ("phrase",)


@admin.register(CheckFinding)
class CheckFindingAdmin(admin.ModelAdmin[CheckFinding]):
    list_display = ("document", "found", "category", "severity", "status", "found_by", "created_at")
    list_filter = ("status", "severity", "check_name", "found_by")
    readonly_fields = [f.name for f in CheckFinding._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CheckFinding | None = None) -> bool:
        return False  # resolved on the review page (with its reason and audit event), never here

    def has_delete_permission(self, request: HttpRequest, obj: CheckFinding | None = None) -> bool:
        return False


@admin.register(PatrolRun)
class PatrolRunAdmin(admin.ModelAdmin[PatrolRun]):
    """Adding a patrol starts it as a background task; its report shows on its page."""

    list_display = ("created_at", "agency", "status", "started_by", "finished_at")
    fields = ("agency",)
    readonly_fields = ("status", "started_by", "report", "reason", "finished_at")
    autocomplete_fields = ("agency",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_platform_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: PatrolRun | None = None) -> bool:
        return is_platform_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_platform_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: PatrolRun | None = None) -> bool:
        return obj is None and is_platform_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: PatrolRun | None = None) -> bool:
        return False  # the record of a patrol stays

    def get_fields(self, request: HttpRequest, obj: PatrolRun | None = None) -> Any:
        if obj is None:
            return ("agency",)
        return ("agency", "status", "started_by", "report", "reason", "finished_at")

    def save_model(self, request: HttpRequest, obj: PatrolRun, form: Any, change: bool) -> None:
        if change:
            return
        run = services.patrol_enqueue(actor=request.user, agency=obj.agency)
        obj.pk = run.pk
        obj.refresh_from_db()
