"""Reads of reconsiderations and lawsuits: a case's list, and report table 四's counts."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from gongkai.law.remedies import AppealFact, table4_counts

from .models import Case, CaseAppeal


def case_appeals(case: Case) -> QuerySet[CaseAppeal]:
    """The reconsiderations and lawsuits of one case, in filing order."""
    return CaseAppeal.objects.filter(case=case).select_related("follows", "recorded_by").order_by("filed_on", "id")


def appeal_counts(cases: QuerySet[Case], year: int) -> dict[str, dict[str, int]]:
    """Report table 四 of ``year`` for the given cases (already scoped by the caller), keyed as
    report JSON ``t4``: the matters filed in the year, each in the column of its result as known
    on 31 December (``gongkai.law.remedies.table4_counts``)."""
    rows = CaseAppeal.objects.filter(
        case__in=cases, filed_on__gte=date(year, 1, 1), filed_on__lte=date(year, 12, 31)
    ).values_list("kind", "result", "filed_on", "result_on")
    return table4_counts(
        (AppealFact(kind, result, filed_on, result_on) for kind, result, filed_on, result_on in rows), year
    )
