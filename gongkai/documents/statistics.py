"""Report table 二 (主动公开政府信息情况) from the library, with the figures entered per agency.

Rules and normative documents: *issued* in the year (published in it; the date written when no
publication date is known), *repealed* in the year (by a repealing document dated in it, else
published in it), *in force* at the year's end (published by then, not repealed by then, not past
its expiry date then). Licensing, penalty and compulsory decisions and the fees come from
``ProactiveFigures`` (null when not entered). Keys as in ../shared/spec/report-json.md ("t2", 2021).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency

from .models import BaseKind, Document, DocumentRelation, LegalStatus, ProactiveFigures, PublicationState, RelationKind

KINDS = {"rules": BaseKind.RULE, "normative_documents": BaseKind.NORMATIVE}


def _documents(agency: Agency, base: str) -> QuerySet[Document]:
    return Document.objects.filter(agency=agency, kind__base=base, state=PublicationState.PUBLISHED)


def _issued(documents: QuerySet[Document], year: int) -> int:
    return documents.filter(Q(published_on__year=year) | Q(published_on__isnull=True, written_on__year=year)).count()


def _repeal_days(documents: QuerySet[Document]) -> dict[int, date | None]:
    """Each repealed document → the day it was repealed (None: unknown)."""
    days: dict[int, date | None] = {}
    relations = DocumentRelation.objects.filter(kind=RelationKind.REPEALS, target__in=documents).select_related(
        "source"
    )
    for relation in relations:
        day = relation.on or relation.source.published_on
        known = days.get(relation.target_id)
        if relation.target_id not in days or (day is not None and (known is None or day < known)):
            days[relation.target_id] = day
    for pk in documents.filter(status=LegalStatus.REPEALED).exclude(pk__in=list(days)).values_list("pk", flat=True):
        days[pk] = None
    return days


def _counts(agency: Agency, base: str, year: int) -> dict[str, int]:
    documents = _documents(agency, base)
    end = date(year, 12, 31)
    repealed_on = _repeal_days(documents)
    repealed = sum(1 for day in repealed_on.values() if day is not None and day.year == year)
    published_by_end = documents.filter(Q(published_on__lte=end) | Q(published_on__isnull=True, written_on__lte=end))
    alive = published_by_end.exclude(status=LegalStatus.EXPIRED, expires_on__isnull=True).exclude(expires_on__lt=end)
    in_force = sum(
        1 for pk in alive.values_list("pk", flat=True) if not (pk in repealed_on and (repealed_on[pk] or end) <= end)
    )
    return {"issued": _issued(documents, year), "repealed": repealed, "in_force": in_force}


def table_two(agency: Agency, year: int) -> dict[str, Any]:
    """Table 二 of ``agency``'s report for ``year`` (the 2021 format's keys)."""
    figures = ProactiveFigures.objects.filter(agency=agency, year=year).first()

    def entered(value: int | Decimal | None) -> Any:
        return None if figures is None else value

    return {
        **{key: _counts(agency, base, year) for key, base in KINDS.items()},
        "licensing": {"decisions": entered(figures.licensing_decisions if figures else None)},
        "penalty": {"decisions": entered(figures.penalty_decisions if figures else None)},
        "compulsory": {"decisions": entered(figures.compulsory_decisions if figures else None)},
        "fees": {"amount_10k_yuan": entered(figures.fees_10k_yuan if figures else None)},
    }
