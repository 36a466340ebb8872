from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .extensions import audit_action_label
from .models import AuditEvent


class ActionFilter(admin.SimpleListFilter):
    """Filter by action, listed by the actions' Chinese names rather than their codes."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        codes = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
        return sorted(((code, audit_action_label(code)) for code in codes), key=lambda item: item[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        value = self.value()
        return queryset.filter(action=value) if value else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "who", "what", "object_repr", "agency")
    list_filter = (ActionFilter,)
    search_fields = ("actor_label", "action", "object_repr", "object_id")
    date_hierarchy = "occurred_at"

    @admin.display(description=_("actor"), ordering="actor_label")
    def who(self, obj: AuditEvent) -> str:
        return obj.actor_display

    @admin.display(description=_("action"), ordering="action")
    def what(self, obj: AuditEvent) -> str:
        return obj.action_label

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
