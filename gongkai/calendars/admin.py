"""Back-office editing of holiday schedules: a year's notice is entered as its days.

Saves go through ``services.schedule_save`` (validated, audited, and every stored due date is
recomputed in the same transaction); deletes through ``services.schedule_delete``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseFormSet, BaseInlineFormSet, Form, ModelForm
from django.http import HttpRequest

from . import services
from .models import HolidaySchedule, ScheduleDay


class ScheduleDayInline(admin.TabularInline):
    model = ScheduleDay
    extra = 3
    fields = ("date", "kind", "name")
    ordering = ("date",)


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(admin.ModelAdmin):
    list_display = ("year", "notice", "source", "updated_at")
    list_filter = ("source",)
    search_fields = ("year", "notice")
    fields = ("year", "notice", "source", "notes")
    readonly_fields = ("source",)
    inlines = [ScheduleDayInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("year", "source") if obj is not None else ("source",)

    def save_model(self, request: HttpRequest, obj: HolidaySchedule, form: ModelForm, change: bool) -> None:
        """Nothing yet: the schedule and its days are saved together in ``save_related``."""

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        obj: HolidaySchedule = form.instance
        days: list[services.DayInput] = []
        for formset in formsets:
            for day_form in formset.forms:
                data = getattr(day_form, "cleaned_data", None)
                if not data or data.get("DELETE") or not data.get("date") or not data.get("kind"):
                    continue
                days.append(services.DayInput(data["date"], data["kind"], data.get("name", "")))
        result = services.schedule_save(
            actor=request.user,
            year=obj.year,
            days=days,
            notice=obj.notice,
            notes=obj.notes,
            source=HolidaySchedule.Source.MANUAL,
            via="admin",
        )
        obj.pk = result.schedule.pk
        obj._state.adding = False

    def construct_change_message(
        self, request: HttpRequest, form: Form, formsets: Iterable[BaseFormSet[Any]], add: bool = False
    ) -> list[dict[str, Any]]:
        """The formsets were not saved by the admin (the service did it): the audit event has the details."""
        return [{"added": {}}] if add else [{"changed": {"fields": ["days"]}}]

    def delete_model(self, request: HttpRequest, obj: HolidaySchedule) -> None:
        services.schedule_delete(actor=request.user, schedule=obj, via="admin")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[HolidaySchedule]) -> None:
        for schedule in queryset:
            services.schedule_delete(actor=request.user, schedule=schedule, via="admin")
