"""Reading the calendar: the pure WorkingCalendar built from the schedule tables, cached.

The cache is per process and keyed by a fingerprint of the tables (one aggregate query), so an
edit made in another worker process is seen on the next call; the editing process also drops its
copy when the edit commits (``invalidate_calendar``).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Max

from gongkai.law.clock import ClockSettings
from gongkai.law.workdays import WorkingCalendar, YearSchedule

from .models import HolidaySchedule, ScheduleDay

_lock = threading.Lock()
_cached: tuple[Any, WorkingCalendar] | None = None


def calendar_fingerprint() -> tuple[Any, ...]:
    agg = HolidaySchedule.objects.aggregate(
        n_schedules=Count("id", distinct=True),
        latest_change=Max("updated_at"),
        n_days=Count("days"),
        last_day_id=Max("days__id"),
    )
    return (agg["n_schedules"], agg["latest_change"], agg["n_days"], agg["last_day_id"])


def build_calendar() -> WorkingCalendar:
    """Build the calendar from the tables now (no cache)."""
    holidays: dict[int, set[date]] = defaultdict(set)
    workdays: dict[int, set[date]] = defaultdict(set)
    names: dict[int, dict[date, str]] = defaultdict(dict)
    years = list(HolidaySchedule.objects.values_list("year", flat=True))
    for year, day, kind, name in ScheduleDay.objects.values_list("schedule__year", "date", "kind", "name"):
        (workdays if kind == ScheduleDay.Kind.WORKDAY else holidays)[year].add(day)
        if name:
            names[year][day] = name
    return WorkingCalendar(
        YearSchedule(year, frozenset(holidays[year]), frozenset(workdays[year]), names[year]) for year in years
    )


def get_calendar() -> WorkingCalendar:
    """The current calendar (cached until the tables change)."""
    global _cached
    fingerprint = calendar_fingerprint()
    cached = _cached
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    with _lock:
        calendar = build_calendar()
        _cached = (fingerprint, calendar)
    return calendar


def invalidate_calendar() -> None:
    global _cached
    _cached = None


def clock_settings() -> ClockSettings:
    """The clock's settings: national periods; ``GONGKAI_FEE_PAUSES_CLOCK`` (default True)."""
    return ClockSettings(fee_pauses_clock=bool(getattr(settings, "GONGKAI_FEE_PAUSES_CLOCK", True)))


def covered_years() -> list[int]:
    return sorted(HolidaySchedule.objects.values_list("year", flat=True))


def schedule_of_year(year: int) -> HolidaySchedule | None:
    return HolidaySchedule.objects.filter(year=year).first()


def working_days_in_year(year: int) -> int:
    """Working days from 1 January to 31 December of a loaded year (251 in 2024)."""
    calendar, first = get_calendar(), date(year, 1, 1)
    return calendar.working_days_between(first, date(year, 12, 31)) + calendar.is_working_day(first)
