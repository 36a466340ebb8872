"""The case library and the repeat check: selectors over archived and earlier cases.

The library shows staff the archived cases of every agency in their reach — request and reasons
as anonymised at archiving, the outcome and its article, the year — so that offices answer alike.
The repeat check shows, for a case, the earlier requests of the same applicant (by identity
number) and textually similar requests of anyone to the same agency, for (五)2 重复申请 and (五)4
大量反复申请; the decision stays the officer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import models

from gongkai.agencies.scoping import AnyUser, scope
from gongkai.law.outcomes import OUTCOME_BY_CODE, OUTCOMES
from gongkai.text.similar import similar_requests

from .models import Case
from .selectors import matching_words

LIBRARY_QUERY_MAX = 100
SIMILAR_WINDOW = timedelta(days=730)  # requests of the last two years
SIMILAR_CANDIDATES = 2000  # the most recent ones, at most


@dataclass(frozen=True)
class LibraryFilters:
    q: str = ""
    outcome: str = ""
    article: str = ""  # e.g. "第三十六条" or "三十六": the outcomes whose basis cites it
    year: int | None = None


def library_filters(params: object) -> LibraryFilters:
    get = getattr(params, "get", lambda key, default="": default)
    year = str(get("year", "")).strip()
    outcome = str(get("outcome", "")).strip()
    return LibraryFilters(
        q=str(get("q", "")).strip()[:LIBRARY_QUERY_MAX],
        outcome=outcome if outcome in OUTCOME_BY_CODE else "",
        article=str(get("article", "")).strip()[:20],
        year=int(year) if year.isdigit() and 2008 <= int(year) <= 2100 else None,
    )


def outcomes_citing(article: str) -> list[str]:
    """The outcome codes whose basis cites ``article`` ("第三十六条", "三十六", "36" alike)."""
    from gongkai.text.checks.formats import chinese_number

    wanted = article.strip().removeprefix("第").removesuffix("条")
    if wanted.isdigit():
        number = int(wanted)
    else:
        found = chinese_number(wanted)
        if found is None:
            return []
        number = found
    codes = []
    for outcome in OUTCOMES:
        cited = [chinese_number(part.split("条")[0]) for part in outcome.basis.split("第")[1:]]
        if number in cited:
            codes.append(outcome.code)
    return codes


def library_cases(user: AnyUser, filters: LibraryFilters) -> models.QuerySet[Case]:
    cases = scope(Case.objects.filter(archived_at__isnull=False), user).select_related("agency")
    if filters.outcome:
        cases = cases.filter(outcome=filters.outcome)
    if filters.article:
        cases = cases.filter(outcome__in=outcomes_citing(filters.article))
    if filters.year:
        cases = cases.filter(year=filters.year)
    if filters.q:
        cases = matching_words(cases, filters.q, ("library_text", "library_reasons"))
    return cases.order_by("-archived_at", "-pk")


@dataclass(frozen=True)
class Repeat:
    case: Case
    same_applicant: bool
    score: float | None  # textual similarity, 0-100, when similar


def repeats_of(case: Case, user: AnyUser) -> list[Repeat]:
    """Earlier or parallel requests like ``case``: by the same applicant, or alike in text."""
    reachable = scope(Case.objects.exclude(pk=case.pk), user).select_related("agency")
    same = list(reachable.filter(applicant__id_digest=case.applicant.id_digest).order_by("-received_at")[:20])
    found = {other.pk: Repeat(other, True, None) for other in same}
    same_pks = set(found)
    since = case.received_at - SIMILAR_WINDOW
    pool = list(
        reachable.filter(agency=case.agency, received_at__gte=since)
        .order_by("-received_at")
        .values_list("pk", "description")[:SIMILAR_CANDIDATES]
    )
    alike = similar_requests(case.description, pool)
    by_pk = {other.pk: other for other in reachable.filter(pk__in=[s.key for s in alike])}
    for similar in alike:
        other = by_pk[similar.key]
        found[other.pk] = Repeat(other, other.pk in same_pks, similar.score)
    return sorted(found.values(), key=lambda r: (r.score is None, -(r.score or 0), -r.case.received_at.timestamp()))


def archive_context(user: AnyUser, case: Case) -> dict[str, object]:
    """What the case page shows of the archive: its state, precedents, repeats, what the user may do."""
    from gongkai.agencies.permissions import can_manage_agency

    from . import permissions
    from .services.archive import ENDED_STATES

    return {
        "archived_at": case.archived_at,
        "precedents": list(case.precedents.select_related("precedent__agency")),
        "repeats": repeats_of(case, user),
        "may_link": case.archived_at is None and permissions.can_handle_case(user, case),
        "may_archive": case.archived_at is None
        and case.status in ENDED_STATES
        and permissions.can_register_case(user, case.agency),
        "may_unarchive": case.archived_at is not None and can_manage_agency(user, case.agency),
    }
