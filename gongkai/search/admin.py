from django.contrib import admin

from .models import PopularQuery, SynonymEntry


@admin.register(SynonymEntry)
class SynonymEntryAdmin(admin.ModelAdmin[SynonymEntry]):
    list_display = ["plain", "official", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["plain", "official"]


@admin.register(PopularQuery)
class PopularQueryAdmin(admin.ModelAdmin[PopularQuery]):
    list_display = ["text", "count", "hidden", "pinned", "last_searched_at"]
    list_filter = ["hidden", "pinned"]
    list_editable = ["hidden", "pinned"]
    search_fields = ["text"]
