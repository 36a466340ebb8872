"""The back office: administrators edit the letter templates and the letterhead data; issued
letters are shown, never changed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.law.letters import LetterKind

from .drafting import default_body
from .models import Letter, Letterhead, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin[LetterTemplate]):
    list_display = ("kind", "variant", "agency", "title", "updated_at")
    list_filter = ("kind",)
    autocomplete_fields = ("agency",)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """A new template starts from the shipped default of its kind (``?kind=fee``)."""
        initial = dict(super().get_changeform_initial_data(request))
        kind = request.GET.get("kind", LetterKind.REPLY.value)
        if kind in {k.value for k in LetterKind}:
            initial.update({"kind": kind, "body": default_body(LetterKind(kind))})
        return initial


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin[Letterhead]):
    list_display = ("agency", "signer", "reconsideration_body", "court")
    autocomplete_fields = ("agency",)


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin[Letter]):
    list_display = ("case", "title", "issued_on", "issued_by_label", "delivery")
    list_filter = ("kind", "delivery")
    readonly_fields = [f.name for f in Letter._meta.fields]
    search_fields = ("case__number",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Letter | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Letter | None = None) -> bool:
        return False
