"""API v1 of the library.

Public (``/documents``): published, proactively disclosed documents only.
- ``GET /documents`` — filters ``agency`` (code; with the agencies under it), ``kind``, ``status``
  (as of today: expiry by the date alone), ``issuer`` (part of the name), ``year`` (published),
  ``topic``, ``q`` (a 文号 in any variant, else words of the title); ``offset``/``limit``.
- ``GET /documents/{id}`` — one document with its relations, interpretations and attachments.

Staff (``/staff/documents``, token or session): ``GET`` the documents in reach in any state,
``POST`` a new draft, ``PUT /{id}`` change a draft, ``POST /{id}/relations`` (amends, repeals),
``POST /{id}/interpretations``. Review and publication are the publishing app's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, Query, Router, Schema, Status

from gongkai.agencies.models import Agency
from gongkai.agencies.scoping import get_in_scope
from gongkai.agencies.selectors import staff_agency
from gongkai.core.api_auth import staff_auth
from gongkai.core.errors import NotFound, ValidationFailed

from . import selectors, services
from .models import Document, LegalStatus
from .services import DocumentInput

public_router = Router(tags=["documents"])
staff_router = Router(auth=staff_auth, tags=["staff documents"])
PAGE_SIZE_MAX = 200
OFFSET_MAX = 1_000_000
YEARS = (1949, 2100)
DATE_FIELDS = ("written_on", "published_on", "effective_on", "expires_on", "formed_on")


class InvalidFields(ValidationFailed):
    status = 422


class DocumentRow(Schema):
    id: int
    title: str
    kind: str
    kind_name: str
    doc_number: str
    index_number: str
    issuer: str
    agency: str
    status: str
    state: str
    published_on: str | None
    url: str


class DocumentPage(Schema):
    count: int
    items: list[DocumentRow]


class RelationOut(Schema):
    kind: str
    id: int
    title: str
    doc_number: str
    on: str | None


class InterpretationOut(Schema):
    kind: str
    title: str
    body: str
    url: str
    published_on: str | None


class DocumentDetail(DocumentRow):
    co_issuers: list[str]
    written_on: str | None
    effective_on: str | None
    expires_on: str | None
    topic: str
    body: str
    disclosure: str
    acts_on: list[RelationOut]
    acted_on_by: list[RelationOut]
    interpretations: list[InterpretationOut]
    attachments: list[dict[str, Any]]
    revises: int | None
    revised_by: int | None


class ListFilters(Schema):
    agency: str | None = None
    kind: str | None = None
    status: str | None = None
    issuer: str | None = None
    year: int | None = None
    topic: str | None = None
    q: str | None = None
    offset: int = 0
    limit: int = 50


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _row(doc: Document, today: date) -> dict[str, Any]:
    return {
        "id": doc.pk,
        "title": doc.title,
        "kind": doc.kind.code,
        "kind_name": doc.kind.name,
        "doc_number": doc.doc_number_norm,
        "index_number": doc.index_number,
        "issuer": doc.issuer or doc.agency.name,
        "agency": doc.agency.code,
        "status": doc.effective_status(today),
        "state": doc.state,
        "published_on": _iso(doc.published_on),
        "url": f"/gk/document/{doc.pk}/",
    }


def _relation(kind: str, other: Document, on: date | None) -> dict[str, Any]:
    return {"kind": kind, "id": other.pk, "title": other.title, "doc_number": other.doc_number_norm, "on": _iso(on)}


def _detail(doc: Document, visible: QuerySet[Document]) -> dict[str, Any]:
    today = timezone.localdate()
    ids = set(visible.values_list("pk", flat=True).filter(pk__in=_related_ids(doc)))
    newer = Document.objects.filter(previous_version=doc).values_list("pk", flat=True).first()
    return {
        **_row(doc, today),
        "co_issuers": [line for line in doc.co_issuers.splitlines() if line],
        "written_on": _iso(doc.written_on),
        "effective_on": _iso(doc.effective_on),
        "expires_on": _iso(doc.expires_on),
        "topic": doc.topic,
        "body": doc.body,
        "disclosure": doc.disclosure,
        "acts_on": [
            _relation(r.kind, r.target, r.on) for r in doc.acts_on.select_related("target") if r.target_id in ids
        ],
        "acted_on_by": [
            _relation(r.kind, r.source, r.on) for r in doc.acted_on_by.select_related("source") if r.source_id in ids
        ],
        "interpretations": [
            {"kind": i.kind, "title": i.title, "body": i.body, "url": i.url, "published_on": _iso(i.published_on)}
            for i in doc.interpretations.all()
        ],
        "attachments": [
            {"name": a.name, "media_type": a.media_type, "size": a.size, "sha256": a.sha256}
            for a in doc.attachments.all()
        ],
        "revises": doc.previous_version_id if doc.previous_version_id in ids else None,
        "revised_by": newer if newer in ids else None,
    }


def _related_ids(doc: Document) -> list[int]:
    ids = [*doc.acts_on.values_list("target_id", flat=True), *doc.acted_on_by.values_list("source_id", flat=True)]
    ids += list(Document.objects.filter(previous_version=doc).values_list("pk", flat=True))
    if doc.previous_version_id:
        ids.append(doc.previous_version_id)
    return ids


def _text(value: str | None, limit: int = 100) -> str:
    """A filter's text as a database takes it: trimmed, without NUL (PostgreSQL refuses it), bounded."""
    return (value or "").replace("\x00", "").strip()[:limit]


def _filtered(documents: QuerySet[Document], filters: ListFilters) -> QuerySet[Document]:
    today = timezone.localdate()
    filters = filters.model_copy(
        update={name: _text(getattr(filters, name)) for name in ("agency", "kind", "status", "issuer", "topic", "q")}
    )
    if filters.agency:
        agency = Agency.objects.filter(code=filters.agency).first()
        if agency is None:
            raise InvalidFields(_("No agency with the code “%(code)s”.") % {"code": filters.agency})
        documents = documents.filter(agency__path__startswith=agency.path)
    if filters.kind:
        documents = documents.filter(kind__code=filters.kind)
    if filters.status:
        if filters.status not in LegalStatus.values:
            raise InvalidFields(
                _("Unknown status “%(status)s”.") % {"status": filters.status},
                details={"status": "in_force | amended | repealed | expired"},
            )
        documents = selectors.with_status(documents, filters.status, today)
    if filters.issuer:
        documents = documents.filter(issuer__icontains=filters.issuer)
    if filters.year is not None:
        if not YEARS[0] <= filters.year <= YEARS[1]:
            raise InvalidFields(
                _("The year is a number from %(first)d to %(last)d.") % {"first": YEARS[0], "last": YEARS[1]},
                details={"year": f"{YEARS[0]}–{YEARS[1]}"},
            )
        documents = documents.filter(published_on__year=filters.year)
    if filters.topic:
        documents = documents.filter(topic=filters.topic)
    if filters.q:
        q = filters.q
        by_number = selectors.by_doc_number(documents, q)
        documents = by_number if by_number.exists() else documents.filter(title__icontains=q)
    return documents.order_by("-published_on", "-pk")


def _page(documents: QuerySet[Document], filters: ListFilters) -> dict[str, Any]:
    today = timezone.localdate()
    limit = max(1, min(filters.limit, PAGE_SIZE_MAX))
    offset = max(0, min(filters.offset, OFFSET_MAX))
    return {"count": documents.count(), "items": [_row(d, today) for d in documents[offset : offset + limit]]}


@public_router.get("", response={200: DocumentPage}, auth=None, summary="已主动公开的文件（可筛选、分页）")
def public_document_list(request: HttpRequest, filters: Query[ListFilters]) -> Status[Any]:
    return Status(200, _page(_filtered(selectors.public_documents(), filters), filters))


@public_router.get("/{document_id}", response={200: DocumentDetail}, auth=None, summary="一件已公开文件的详情")
def public_document_detail(request: HttpRequest, document_id: int) -> Status[Any]:
    public = selectors.public_documents()
    doc = public.filter(pk=document_id).first()
    if doc is None:
        raise NotFound(_("No such published document."))
    return Status(200, _detail(doc, public))


# -- staff ---------------------------------------------------------------------------------------


def _date(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise InvalidFields(_("Please correct the document."), details={field: _("A date as YYYY-MM-DD.")}) from error


def _input(body: dict[str, Any], base: DocumentInput | None = None) -> DocumentInput:
    from dataclasses import fields, replace

    known = {f.name for f in fields(DocumentInput)}
    unknown = sorted(set(body) - known)
    if unknown:
        raise InvalidFields(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)})
    values: dict[str, Any] = {}
    for key, value in body.items():
        if key in DATE_FIELDS:
            values[key] = _date(value, key)
        elif key == "art20_item":
            values[key] = int(value) if str(value).isdigit() else None
        elif key == "is_policy":
            values[key] = bool(value)
        else:
            values[key] = "" if value is None else str(value)
    if base is not None:
        return replace(base, **values)
    if not values.get("title"):
        raise InvalidFields(_("Please correct the document."), details={"title": _("The title is required.")})
    return DocumentInput(**values)


def _staff_document(request: HttpRequest, document_id: int) -> Document:
    return get_in_scope(selectors.staff_documents(request.user), request.user, pk=document_id)


def _as_422(error: ValidationFailed) -> InvalidFields:
    return InvalidFields(error.message, details=error.details)


@staff_router.get("", response={200: DocumentPage}, summary="本人可见的文件（含草稿）")
def staff_document_list(request: HttpRequest, filters: Query[ListFilters]) -> Status[Any]:
    return Status(200, _page(_filtered(selectors.staff_documents(request.user), filters), filters))


@staff_router.post("", response={201: DocumentDetail}, summary="新建文件草稿")
def staff_document_create(request: HttpRequest, body: dict[str, Any] = Body(...)) -> Status[Any]:
    code = str(body.pop("agency", "") or "")
    if not code:
        raise InvalidFields(_("Please correct the document."), details={"agency": _("required")})
    owner = staff_agency(request.user, code)
    try:
        doc = services.document_create(actor=request.user, agency=owner, data=_input(body), via="api")
    except ValidationFailed as error:
        raise _as_422(error) from error
    return Status(201, _detail(doc, selectors.staff_documents(request.user)))


@staff_router.put("/{document_id}", response={200: DocumentDetail}, summary="修改文件草稿")
def staff_document_update(request: HttpRequest, document_id: int, body: dict[str, Any] = Body(...)) -> Status[Any]:
    doc = _staff_document(request, document_id)
    try:
        data = _input(body, services.document_input(doc))
        doc = services.document_update(actor=request.user, document=doc, data=data, via="api")
    except ValidationFailed as error:
        raise _as_422(error) from error
    return Status(200, _detail(doc, selectors.staff_documents(request.user)))


@staff_router.post("/{document_id}/relations", response={201: DocumentDetail}, summary="登记修改或废止关系")
def staff_document_relate(request: HttpRequest, document_id: int, body: dict[str, Any] = Body(...)) -> Status[Any]:
    doc = _staff_document(request, document_id)
    target_id = body.get("target")
    if not isinstance(target_id, int):
        raise InvalidFields(_("Please correct the document."), details={"target": _("the id of a document")})
    target = (
        selectors.staff_documents(request.user).filter(pk=target_id).first()
        or selectors.public_documents().filter(pk=target_id).first()
    )
    if target is None:
        raise NotFound(_("No such document."))
    try:
        services.document_relate(
            actor=request.user,
            source=doc,
            target=target,
            kind=str(body.get("kind", "")),
            on=_date(body.get("on"), "on"),
            via="api",
        )
    except ValidationFailed as error:
        raise _as_422(error) from error
    return Status(201, _detail(doc, selectors.staff_documents(request.user)))


@staff_router.post("/{document_id}/interpretations", response={201: DocumentDetail}, summary="添加解读")
def staff_document_interpret(request: HttpRequest, document_id: int, body: dict[str, Any] = Body(...)) -> Status[Any]:
    doc = _staff_document(request, document_id)
    try:
        services.interpretation_add(
            actor=request.user,
            document=doc,
            title=str(body.get("title", "")),
            kind=str(body.get("kind", "text")),
            body=str(body.get("body", "")),
            url=str(body.get("url", "")),
            published_on=_date(body.get("published_on"), "published_on"),
            via="api",
        )
    except ValidationFailed as error:
        raise _as_422(error) from error
    return Status(201, _detail(doc, selectors.staff_documents(request.user)))
