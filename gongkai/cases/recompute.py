"""Recompute every open case's stored due date after a holiday-schedule edit (declared on the
AppConfig; the calendars app calls it inside the edit's transaction)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from gongkai.calendars.recompute import RecomputeReport
from gongkai.law.workdays import WorkingCalendar

from .clock import CLOCK_FIELDS, refresh_clock
from .models import OPEN_STATUSES, Case


def recompute_open_cases(
    calendar: WorkingCalendar, calendar_for: Callable[[Any], WorkingCalendar] | None = None
) -> RecomputeReport:
    """``calendar_for(agency)``: the calendar of one agency's cases (its regional rest days too)."""
    report = RecomputeReport("cases")
    today = timezone.localdate()
    cases = (
        Case.objects.select_for_update(of=("self",))  # the cases, not their agencies
        .filter(status__in=OPEN_STATUSES, received_on__isnull=False)
        .select_related("agency")
        .prefetch_related("events")
        .order_by("pk")
    )
    for case in cases:
        report.checked += 1
        if refresh_clock(case, today, calendar_for(case.agency) if calendar_for else calendar):
            case.save(update_fields=CLOCK_FIELDS)
            report.changed += 1
        if case.clock_problem and not case.due_provisional:
            report.failed.append(f"{case.number}: {case.clock_problem}")
    return report
