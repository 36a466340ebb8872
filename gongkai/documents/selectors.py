"""Reads of the library: what the public sees, what staff reach, what is in force today."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.agencies.scoping import AnyUser, scope
from gongkai.law.proactive import interpretation_missing
from gongkai.text.docnumber import parse_doc_number

from .models import Disclosure, Document, LegalStatus, PublicationState


def _today(today: date | None) -> date:
    return today or timezone.localdate()


_PUBLIC = {"state": PublicationState.PUBLISHED, "disclosure": Disclosure.PROACTIVE}


def public_documents() -> models.QuerySet[Document]:
    """Published, proactively disclosed documents: all the portal and the public API show."""
    return Document.objects.filter(**_PUBLIC).select_related("agency", "kind")


def is_public(document: Document) -> bool:
    """Whether ``document`` is one of :func:`public_documents` (the same conditions, in Python)."""
    return all(getattr(document, name) == value for name, value in _PUBLIC.items())


def public_by_pk(pks: list[int]) -> dict[int, Document]:
    """The public ones of ``pks``, looked up by primary key alone and checked in Python: with the
    state condition in the query, SQLite (never ANALYZEd by Django) walks the state index over
    every published document instead — ~200 ms per search page at 200,000 documents (bench/)."""
    found = Document.objects.filter(pk__in=pks).select_related("agency", "kind")
    return {document.pk: document for document in found if is_public(document)}


def staff_documents(user: AnyUser) -> models.QuerySet[Document]:
    return scope(Document.objects.select_related("agency", "kind"), user)


def in_force(documents: models.QuerySet[Document], today: date | None = None) -> models.QuerySet[Document]:
    """In force as of ``today``: status in force and not past the expiry date (by the date alone)."""
    day = _today(today)
    return documents.filter(status=LegalStatus.IN_FORCE).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))


def with_status(
    documents: models.QuerySet[Document], status: str, today: date | None = None
) -> models.QuerySet[Document]:
    """Documents whose status as of ``today`` is ``status`` (expired: by status or by date)."""
    day = _today(today)
    if status == LegalStatus.IN_FORCE:
        return in_force(documents, day)
    if status == LegalStatus.EXPIRED:
        return documents.filter(Q(status=LegalStatus.EXPIRED) | Q(status=LegalStatus.IN_FORCE, expires_on__lt=day))
    return documents.filter(status=status)


def by_doc_number(documents: models.QuerySet[Document], text: str) -> models.QuerySet[Document]:
    """Documents whose 文号 is ``text`` in any bracket or width variant."""
    parsed = parse_doc_number(text)
    if parsed is None:
        return documents.none()
    return documents.filter(doc_prefix=parsed.prefix, doc_year=parsed.year, doc_serial=parsed.serial)


def publication_blockers(document: Document) -> list[str]:
    """Why ``document`` cannot be published now (Chinese), empty when nothing stands in the way."""
    blockers = []
    missing = interpretation_missing(
        document.kind.base, document.is_policy, document.interpretations.count(), document.interpretation_exempt_reason
    )
    if missing:
        blockers.append(missing)
    return blockers
