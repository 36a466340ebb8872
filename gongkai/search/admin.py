from django.contrib import admin

from .models import SynonymEntry


@admin.register(SynonymEntry)
class SynonymEntryAdmin(admin.ModelAdmin[SynonymEntry]):
    list_display = ["plain", "official", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["plain", "official"]
