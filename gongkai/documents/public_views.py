"""Public pages of the library: an agency's column, its documents with filters, the normative
documents in force, and one document with its links both ways. Published, proactive items only."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.agencies import selectors as agency_selectors
from gongkai.core.errors import NotFound

from . import downloads, selectors
from .caching import public_page
from .models import BaseKind, Document, LegalStatus

PAGE_SIZE = 20
QUERY_MAX = 100


def _agency(code: str) -> Any:
    try:
        return agency_selectors.public_agency(code)
    except NotFound as error:
        raise Http404(error.message) from error


def _of_agency(agency: Any) -> QuerySet[Document]:
    return selectors.public_documents().filter(agency__path__startswith=agency.path)


@public_page
def column(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(code)
    documents = _of_agency(agency)
    today = timezone.localdate()
    kinds = documents.values("kind__name", "kind__code").annotate(n=Count("id")).order_by("-n")
    context = {
        "agency": agency,
        "ancestors": agency_selectors.public_ancestors(agency),
        "latest": documents.order_by("-published_on", "-pk")[:10],
        "kinds": kinds,
        "total": documents.count(),
        "normative_in_force": selectors.in_force(documents.filter(kind__base=BaseKind.NORMATIVE), today).count(),
        "annual_reports": annual_reports(agency),
    }
    return render(request, "documents/column.html", context)


def _param(request: HttpRequest, name: str, limit: int) -> str:
    """A query parameter as the database takes it: without NUL (PostgreSQL refuses it), trimmed, bounded."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:limit]


def _filters(request: HttpRequest) -> dict[str, Any]:
    year = _param(request, "year", 4)
    status = _param(request, "status", 16)
    return {
        "kind": _param(request, "kind", 40),
        "status": status if status in LegalStatus.values else "",
        "year": int(year) if year.isascii() and year.isdigit() and 1949 <= int(year) <= 2100 else None,
        "topic": _param(request, "topic", 50),
        "q": _param(request, "q", QUERY_MAX),
    }


def _filtered(documents: QuerySet[Document], filters: dict[str, Any], today: date) -> QuerySet[Document]:
    if filters["kind"]:
        documents = documents.filter(kind__code=filters["kind"])
    if filters["status"]:
        documents = selectors.with_status(documents, filters["status"], today)
    if filters["year"]:
        documents = documents.filter(published_on__year=filters["year"])
    if filters["topic"]:
        documents = documents.filter(topic=filters["topic"])
    if filters["q"]:
        by_number = selectors.by_doc_number(documents, filters["q"])
        documents = by_number if by_number.exists() else documents.filter(title__icontains=filters["q"])
    return documents


def _query(filters: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode({key: value for key, value in filters.items() if value})


def _page(request: HttpRequest, documents: QuerySet[Document], today: date) -> Any:
    page = Paginator(documents.order_by("-published_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    page.rows = [(doc, doc.effective_status(today)) for doc in page.object_list]  # type: ignore[attr-defined]
    return page


@public_page
def document_list(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(code)
    today = timezone.localdate()
    documents = _of_agency(agency)
    filters = _filters(request)
    context = {
        "agency": agency,
        "filters": filters,
        "page": _page(request, _filtered(documents, filters, today), today),
        "query": _query(filters),
        "kinds": documents.values_list("kind__code", "kind__name").distinct().order_by("kind__code"),
        "topics": documents.exclude(topic="").values_list("topic", flat=True).distinct().order_by("topic"),
        "statuses": LegalStatus.choices,
        "years": sorted(
            {d.year for d in documents.exclude(published_on=None).dates("published_on", "year")}, reverse=True
        ),
        "status_labels": dict(LegalStatus.choices),
    }
    return render(request, "documents/list.html", context)


@public_page
def normative_in_force(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(code)
    today = timezone.localdate()
    documents = selectors.in_force(_of_agency(agency).filter(kind__base=BaseKind.NORMATIVE), today)
    context = {"agency": agency, "page": _page(request, documents, today), "today": today, "query": ""}
    return render(request, "documents/normative.html", context)


@public_page
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.public_documents().filter(pk=pk).first()
    if document is None:
        raise Http404
    today = timezone.localdate()
    related = [
        *document.acts_on.values_list("target_id", flat=True),
        *document.acted_on_by.values_list("source_id", flat=True),
        *Document.objects.filter(previous_version=document).values_list("pk", flat=True),
        document.previous_version_id,
    ]
    visible = {doc.pk: doc for doc in selectors.public_documents().filter(pk__in=[pk for pk in related if pk])}
    acts_on = [(r, visible[r.target_id]) for r in document.acts_on.all() if r.target_id in visible]
    acted_on_by = [(r, visible[r.source_id]) for r in document.acted_on_by.all() if r.source_id in visible]
    newer = next((doc for doc in visible.values() if doc.previous_version_id == document.pk), None)
    older = visible.get(document.previous_version_id) if document.previous_version_id else None
    context = {
        "document": document,
        "agency": document.agency,
        "status": document.effective_status(today),
        "status_label": dict(LegalStatus.choices)[document.effective_status(today)],
        "acts_on": acts_on,
        "acted_on_by": acted_on_by,
        "interpretations": document.interpretations.all(),
        "attachments": document.attachments.all(),
        "newer": newer,
        "older": older,
        "qr": _qr(request.build_absolute_uri()),
    }
    return render(request, "documents/detail.html", context)


ANNUAL_REPORT_TITLE = "政府信息公开工作年度报告"


def annual_reports(agency: Any) -> QuerySet[Document]:
    """The agency's own annual reports on its disclosure work (Art. 49), as published in its library.

    The reports app keeps reports uploaded for audit and has no public state; what the public may
    read is what the agency published, so the column lists those documents by their title."""
    return (
        selectors.public_documents()
        .filter(agency=agency, title__contains=ANNUAL_REPORT_TITLE)
        .order_by("-published_on", "-pk")[:20]
    )


def _published_or_404(pk: int) -> Document:
    document = selectors.public_documents().filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def _download(document: Document, data: bytes, extension: str, content_type: str) -> HttpResponse:
    from urllib.parse import quote

    name = f"{document.title[:80]}.{extension}"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename=\"document.{extension}\"; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=60"
    return response


def document_word(request: HttpRequest, pk: int) -> HttpResponse:
    """The body of a published document as a Word file (DOCX)."""
    document = _published_or_404(pk)
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(document, downloads.body_docx(document), "docx", content_type)


def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The body of a published document as a PDF (refused in Chinese without a CJK font)."""
    document = _published_or_404(pk)
    return _download(document, downloads.body_pdf(document), "pdf", "application/pdf")


def _qr(url: str) -> str:
    import segno

    return str(segno.make(url, error="m").svg_inline(scale=3, title=url))


def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    """A file of a published document, as it was published."""
    from gongkai.core.storage import read_bytes

    from .staff_views import _file_response

    document = selectors.public_documents().filter(pk=pk).first()
    attachment = document.attachments.filter(pk=attachment_id).first() if document is not None else None
    if attachment is None:
        raise Http404
    return _file_response(HttpResponse, attachment, read_bytes(attachment.file.name, sha256=attachment.sha256))
