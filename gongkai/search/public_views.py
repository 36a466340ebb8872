"""The public search page (/search/): one query box, facets, the correction line and pages.

Server-rendered and complete without JavaScript; suggest.js only fills the box's suggestion list
from /api/v1/search/suggest as the user types. The engine is reached through ``service.search``
alone, so the page renders the same JSON shape the CLI and the API return.
"""

from __future__ import annotations

from math import ceil
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.agencies import selectors as agency_selectors
from gongkai.core.errors import NotFound
from gongkai.documents.models import LegalStatus

from . import service
from .forms import FACETS, PAGE_MAX, SearchForm

PER_PAGE = 10


def _link(params: QueryDict, **changes: Any) -> str:
    """The query string of this search with ``changes`` applied (None removes a key) and page reset."""
    query = {key: params.get(key, "") for key in params if key != "page"}
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    return "?" + urlencode({key: value for key, value in query.items() if value != ""})


def _facet_label(facet: str, value: str) -> str:
    if facet == "status":
        return str(dict(LegalStatus.choices).get(value, value))
    return value


def _facets(params: QueryDict, counts: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    names = {"kind": _("Kind"), "status": _("Status"), "issuer": _("Issuing authority"), "year": _("Year")}
    groups = []
    for facet in FACETS:
        values = counts.get(facet) or {}
        chosen = params.get(facet, "")
        rows = [
            {
                "label": _facet_label(facet, str(value)),
                "count": count,
                "chosen": str(value) == chosen,
                "url": _link(params, **{facet: None if str(value) == chosen else value}),
            }
            for value, count in sorted(values.items(), key=lambda item: (-item[1], str(item[0])))[:12]
        ]
        if rows:
            groups.append({"key": facet, "name": names[facet], "rows": rows, "clear": _link(params, **{facet: None})})
    return groups


def _agency(code: str) -> Any:
    if not code:
        return None
    try:
        return agency_selectors.public_agency(code)
    except NotFound:
        return None


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "agency": None, "result": None}
    if not form.is_bound or not form.is_valid():
        return render(request, "search/page.html", context, status=200 if not form.errors else 400)
    data = form.cleaned_data
    agency = _agency(data["agency"])
    context["agency"] = agency
    if data["agency"] and agency is None:
        form.add_error("agency", _("No agency with this code."))
        return render(request, "search/page.html", context, status=400)
    if not data["q"]:
        return render(request, "search/page.html", context)
    page = data["page"] or 1
    try:
        found = service.search(
            service.SearchRequest(
                q=data["q"],
                agency=agency.code if agency else None,
                kind=data["kind"] or None,
                status=data["status"] or None,
                issuer=data["issuer"] or None,
                topic=data["topic"] or None,
                year=data["year"],
                date_from=data["date_from"],
                date_to=data["date_to"],
                title_only=data["title_only"],
                sort=data["sort"] or "relevance",
                page=page,
                per_page=PER_PAGE,
                as_typed=data["as_typed"],
            )
        )
    except service.InvalidSearch as error:
        for name, message in (error.details or {"q": error.message}).items():
            form.add_error(name if name in form.fields else None, message)
        return render(request, "search/page.html", context, status=400)
    result = found.as_json()
    pages = min(ceil(result["total"] / PER_PAGE), PAGE_MAX)
    context.update(
        {
            "result": result,
            "related": [(text, _link(request.GET, q=text, as_typed=None)) for text in service.related(data["q"])],
            "facets": _facets(request.GET, result.get("facets") or {}),
            "as_typed_url": _link(request.GET, q=result["query"], as_typed=1),
            "page": page,
            "first_rank": (page - 1) * PER_PAGE + 1,
            "previous_url": _link(request.GET, page=page - 1) if page > 1 else "",
            "next_url": _link(request.GET, page=page + 1) if page < pages else "",
            "pages": pages,
            "sort_urls": [(key, label, _link(request.GET, sort=key)) for key, label in form.fields["sort"].choices],  # type: ignore[attr-defined]
            "status_labels": dict(LegalStatus.choices),
        }
    )
    return render(request, "search/page.html", context)
