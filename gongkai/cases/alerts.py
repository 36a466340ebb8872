"""The standing alert for holiday schedules not yet entered (Art. 33 counts working days).

Every December, before the State Council's notice for next year is entered, cases whose reply
period reaches into next year get a provisional (暂定) due date. Until the year is entered the
platform's administrators — those who keep the national schedule — see this alert; entering and
confirming the year recomputes those cases (``gongkai.cases.recompute``) and the alert goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max
from django.utils import timezone

from gongkai.agencies.scoping import AnyUser
from gongkai.calendars.permissions import can_edit_national_calendar
from gongkai.calendars.selectors import covered_years

from .models import OPEN_STATUSES, Case

ANNOUNCEMENT_MONTH = 12  # the State Council's notice for next year usually comes in late autumn


@dataclass(frozen=True)
class ScheduleAlert:
    years: tuple[int, ...]  # the years to enter, earliest first
    provisional_cases: int  # open cases whose due date is provisional meanwhile


def missing_schedule_years(today: date, covered: set[int], last_provisional_due: date | None) -> tuple[int, ...]:
    """The years to enter: this year if missing, next year in December, and every year up to
    the last provisional due date that has no confirmed schedule."""
    years = {today.year} - covered
    if today.month >= ANNOUNCEMENT_MONTH and today.year + 1 not in covered:
        years.add(today.year + 1)
    if last_provisional_due is not None:
        years |= {year for year in range(today.year, last_provisional_due.year + 1) if year not in covered}
    return tuple(sorted(years))


def schedule_alert(user: AnyUser, today: date | None = None) -> ScheduleAlert | None:
    """The alert for ``user`` if they keep the national schedule and something is missing, else None."""
    if not can_edit_national_calendar(user):
        return None
    provisional = Case.objects.filter(status__in=OPEN_STATUSES, due_provisional=True)
    found = provisional.aggregate(last=Max("due_on"))
    count = provisional.count() if found["last"] is not None else 0
    years = missing_schedule_years(today or timezone.localdate(), set(covered_years()), found["last"])
    if not years and not count:
        return None
    return ScheduleAlert(years, count)
