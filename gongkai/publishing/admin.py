"""The back office: administrators keep the wording dictionary and the whitelist, and start a patrol."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from . import services
from .models import CheckFinding, PatrolRun, WhitelistEntry, WordingEntry


@admin.register(WordingEntry)
class WordingEntryAdmin(admin.ModelAdmin[WordingEntry]):
    list_display = ("term", "suggestion", "category", "severity", "active", "updated_at")
    list_filter = ("category", "severity", "active")
    search_fields = ("term", "suggestion", "note")


@admin.register(WhitelistEntry)
class WhitelistEntryAdmin(admin.ModelAdmin[WhitelistEntry]):
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


@admin.register(PatrolRun)
class PatrolRunAdmin(admin.ModelAdmin[PatrolRun]):
    """Adding a patrol starts it as a background task; its report shows on its page."""

    list_display = ("created_at", "agency", "status", "started_by", "finished_at")
    fields = ("agency",)
    readonly_fields = ("status", "started_by", "report", "reason", "finished_at")
    autocomplete_fields = ("agency",)

    def get_fields(self, request: HttpRequest, obj: PatrolRun | None = None) -> Any:
        if obj is None:
            return ("agency",)
        return ("agency", "status", "started_by", "report", "reason", "finished_at")

    def has_change_permission(self, request: HttpRequest, obj: PatrolRun | None = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: PatrolRun, form: Any, change: bool) -> None:
        if change:
            return
        run = services.patrol_enqueue(actor=request.user, agency=obj.agency)
        obj.pk = run.pk
        obj.refresh_from_db()
