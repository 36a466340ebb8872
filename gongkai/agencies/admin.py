"""Django admin for reference data. Every save goes through the services, so it is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from . import services
from .models import Agency, DisclosureOffice, Membership
from .scoping import scope

OFFICE_FORM_FIELDS = list(services.OFFICE_FIELDS)


class OfficeInline(admin.StackedInline):
    model = DisclosureOffice
    extra = 0
    max_num = 1
    can_delete = False
    fields = tuple(OFFICE_FORM_FIELDS)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("name", "short_name", "code")
    fields = ("code", "name", "short_name", "level", "parent", "sort_order", "is_active")
    readonly_fields = ("code", "level", "parent")
    inlines = [OfficeInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        # The admin shows an administrator only the agencies he manages, like every staff page.
        return scope(super().get_queryset(request), request.user, via="")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New agencies need the tree rules: they are added in the staff workspace (or by the CLI).
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        messages.info(
            request,
            format_html(
                _(
                    'New agencies are added in the staff workspace: open the parent agency on <a href="{url}">the '
                    "agency list</a> and choose “New subordinate agency” (or use “gongkai agencies add / import” at "
                    "the command line)."
                ),
                url=reverse("workspace:agencies"),
            ),
        )
        return super().changelist_view(request, extra_context)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Agency, form: ModelForm, change: bool) -> None:
        current = Agency.objects.get(pk=obj.pk)
        services.agency_update(
            actor=request.user,
            agency=current,
            name=obj.name,
            short_name=obj.short_name,
            sort_order=obj.sort_order,
            is_active=obj.is_active,
            via="admin",
        )

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool) -> None:
        for office_form in formset.forms:
            if not office_form.has_changed():
                continue
            data = {name: office_form.cleaned_data.get(name, "") for name in OFFICE_FORM_FIELDS}
            services.office_save(actor=request.user, agency=form.instance, via="admin", **data)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "agency__name")
    autocomplete_fields = ("user",)
    raw_id_fields = ("agency",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return scope(super().get_queryset(request), request.user, via="agency")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = scope(Agency.objects.all(), request.user, via="")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Membership, form: ModelForm, change: bool) -> None:
        saved = services.membership_grant(
            actor=request.user, user=obj.user, agency=obj.agency, role=obj.role, via="admin"
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.membership_revoke(actor=request.user, membership=obj, via="admin")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset:
            services.membership_revoke(actor=request.user, membership=membership, via="admin")
