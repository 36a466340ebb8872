"""API v1 of search (public, like the portal).

- ``GET /search?q=...`` with the filters ``agency`` (code; with the agencies under it), ``kind``,
  ``status``, ``issuer``, ``year``, ``date_from``, ``date_to``, ``topic``, ``title_only``, ``sort``
  (relevance | date), ``page``, ``per_page``, ``as_typed`` — the answer of ``gongkai search --json``.
- ``GET /search/suggest?q=...`` — keyword suggestions as the user types.

Bad input is a 422 with one Chinese message.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Query, Router, Schema

from . import service

router = Router(tags=["search"])


class SearchFilters(Schema):
    q: str = ""
    agency: str | None = None
    kind: str | None = None
    status: str | None = None
    issuer: str | None = None
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    topic: str | None = None
    title_only: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    as_typed: bool = False


class ResultOut(Schema):
    title: str
    doc_number: str
    index_number: str
    issuer: str
    status: str
    published_on: str | None
    score: float
    snippet: str
    url: str


class FacetsOut(Schema):
    kind: dict[str, int]
    status: dict[str, int]
    issuer: dict[str, int]
    year: dict[str, int]


class SearchOut(Schema):
    query: str
    used_query: str
    correction: str | None
    total: int
    results: list[ResultOut]
    facets: FacetsOut


class SuggestOut(Schema):
    query: str
    suggestions: list[str]


@router.get("", response=SearchOut, operation_id="search_documents", summary="检索公开文件")
def search_documents(request: HttpRequest, filters: Query[SearchFilters]) -> dict[str, object]:
    return service.search(service.SearchRequest(**filters.dict())).as_json()


@router.get("/suggest", response=SuggestOut, operation_id="search_suggest", summary="搜索联想词")
def search_suggest(request: HttpRequest, q: str = "", agency: str | None = None) -> dict[str, object]:
    if len(q) > service.QUERY_MAX:
        raise service.InvalidSearch(service.too_long_message())
    return {"query": q, "suggestions": service.suggest(q, agency=agency)}
