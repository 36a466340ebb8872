"""Art. 26 timeliness per agency and period: published within 20 working days of being formed or
changed? (``gongkai.law.proactive.proactive_timeliness``, on the agency's working calendar.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.agencies.models import Agency
from gongkai.calendars.selectors import get_calendar
from gongkai.law.errors import LawError
from gongkai.law.proactive import proactive_timeliness

from .models import Document, PublicationState


@dataclass(frozen=True)
class LateItem:
    document: Document
    due: date
    working_days_late: int


@dataclass(frozen=True)
class AgencyTimeliness:
    agency: Agency
    counted: int  # items formed in the period with a known formed-on date
    on_time: int
    late: list[LateItem]
    unknown: int  # published in the period without a formed-on date (not counted)
    problems: list[str]


def timeliness_report(agency: Agency, start: date, end: date, *, today: date) -> list[AgencyTimeliness]:
    """One row for ``agency`` and one for each agency under it that has items in the period."""
    documents = Document.objects.filter(agency__path__startswith=agency.path).exclude(state=PublicationState.WITHDRAWN)
    rows: dict[int, AgencyTimeliness] = {}
    calendar = get_calendar(agency)
    in_period = documents.filter(formed_on__gte=start, formed_on__lte=end).select_related("agency")
    for document in in_period.order_by("agency__path", "formed_on"):
        row = rows.setdefault(document.agency_id, AgencyTimeliness(document.agency, 0, 0, [], 0, []))
        published = document.published_on if document.state == PublicationState.PUBLISHED else None
        assert document.formed_on is not None
        try:
            result = proactive_timeliness(document.formed_on, published, today, calendar)
        except LawError as problem:
            row.problems.append(f"{document.title[:40]}：{problem.message}")
            continue
        rows[document.agency_id] = AgencyTimeliness(
            row.agency,
            row.counted + 1,
            row.on_time + (0 if result.late else 1),
            [*row.late, LateItem(document, result.due, result.working_days_late)] if result.late else row.late,
            row.unknown,
            row.problems,
        )
    unknown = documents.filter(
        formed_on__isnull=True, published_on__gte=start, published_on__lte=end, state=PublicationState.PUBLISHED
    )
    for agency_id, agency_ in {d.agency_id: d.agency for d in unknown.select_related("agency")}.items():
        row = rows.setdefault(agency_id, AgencyTimeliness(agency_, 0, 0, [], 0, []))
        rows[agency_id] = AgencyTimeliness(
            row.agency, row.counted, row.on_time, row.late, unknown.filter(agency_id=agency_id).count(), row.problems
        )
    if agency.pk not in rows:
        rows[agency.pk] = AgencyTimeliness(agency, 0, 0, [], 0, [])
    return sorted(rows.values(), key=lambda r: r.agency.path)
