"""The public search form: what the query string of /search/ may carry, checked before the engine
sees it. A value out of range gives a Chinese message beside the field, never a 500."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

QUERY_MAX = 100
PAGE_MAX = 100  # deeper pages are never read; a refined query serves better
SORTS = [("relevance", _("by relevance")), ("date", _("newest first"))]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=QUERY_MAX, required=False, strip=True)
    agency = forms.CharField(max_length=64, required=False)
    kind = forms.CharField(max_length=50, required=False)
    status = forms.CharField(max_length=16, required=False)
    issuer = forms.CharField(max_length=200, required=False)
    topic = forms.CharField(max_length=50, required=False)
    year = forms.IntegerField(min_value=1949, max_value=2100, required=False)
    date_from = forms.DateField(label=_("published from"), required=False)
    date_to = forms.DateField(label=_("published until"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORTS, required=False)
    page = forms.IntegerField(min_value=1, max_value=PAGE_MAX, required=False)
    as_typed = forms.BooleanField(required=False)
    title_only = forms.BooleanField(label=_("titles only"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("date_from")
        end: date | None = data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the date range is before its start."))
        return data


# The filters a facet link may set or clear, in the order they are shown.
FACETS = ("kind", "status", "issuer", "year")
