"""Reading the calendar: the pure WorkingCalendar built from the schedule tables, cached.

Only *confirmed* years are used: a draft year is "not loaded" for the clock, the calculator, the
API and the recomputers alike, and only platform administrators see it (``schedule_for_staff``).

``get_calendar()`` is the national calendar; ``get_calendar(agency=...)`` adds the regional rest
days of the agency and of every agency above it (``RegionalHoliday``), for cases of that agency.
The cache is per process and keyed by a fingerprint of the tables (two aggregate queries), so an
edit made in another worker process is seen on the next call; the editing process also drops its
copy when the edit commits (``invalidate_calendar``).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Max, QuerySet

from gongkai.law.clock import ClockSettings
from gongkai.law.workdays import WorkingCalendar, YearSchedule

from .models import HolidaySchedule, RegionalHoliday, ScheduleDay, ScheduleStatus
from .permissions import can_view_drafts

if TYPE_CHECKING:
    from gongkai.agencies.models import Agency
    from gongkai.agencies.scoping import AnyUser

_lock = threading.Lock()
# (fingerprint, {regional key: calendar}); the key () is the national calendar
_cached: tuple[Any, dict[tuple[int, ...], WorkingCalendar]] | None = None


def confirmed_schedules() -> QuerySet[HolidaySchedule]:
    return HolidaySchedule.objects.filter(status=ScheduleStatus.CONFIRMED)


def calendar_fingerprint() -> tuple[Any, ...]:
    agg = confirmed_schedules().aggregate(
        n_schedules=Count("id", distinct=True),
        latest_change=Max("updated_at"),
        n_days=Count("days"),
        last_day_id=Max("days__id"),
    )
    regional = RegionalHoliday.objects.aggregate(n=Count("id"), latest=Max("updated_at"), last_id=Max("id"))
    return (
        agg["n_schedules"],
        agg["latest_change"],
        agg["n_days"],
        agg["last_day_id"],
        regional["n"],
        regional["latest"],
        regional["last_id"],
    )


def _agency_ids(agency: Agency | None) -> list[int]:
    if agency is None:
        return []
    return [*agency.ancestor_ids(), agency.pk]


def regional_holidays_for(agency: Agency | None) -> QuerySet[RegionalHoliday]:
    """The regional rest days that apply to ``agency`` (its own and those of the agencies above it)."""
    return RegionalHoliday.objects.filter(agency_id__in=_agency_ids(agency)).select_related("agency")


def _regional_key(agency: Agency | None) -> tuple[int, ...]:
    """The agencies whose regional days apply: agencies without any share the national calendar."""
    if agency is None:
        return ()
    ids = RegionalHoliday.objects.filter(agency_id__in=_agency_ids(agency)).values_list("agency_id", flat=True)
    return tuple(sorted(set(ids)))


def _regional_days(rows: Iterable[RegionalHoliday]) -> dict[date, str]:
    days: dict[date, str] = {}
    for row in rows:
        day = row.start
        while day <= row.end:
            days.setdefault(day, row.name)
            day += timedelta(days=1)
    return days


def _build(regional_ids: Iterable[int]) -> WorkingCalendar:
    holidays: dict[int, set[date]] = defaultdict(set)
    workdays: dict[int, set[date]] = defaultdict(set)
    names: dict[int, dict[date, str]] = defaultdict(dict)
    years = set(confirmed_schedules().values_list("year", flat=True))
    rows = ScheduleDay.objects.filter(schedule__status=ScheduleStatus.CONFIRMED).values_list(
        "schedule__year", "date", "kind", "name"
    )
    for year, day, kind, name in rows:
        (workdays if kind == ScheduleDay.Kind.WORKDAY else holidays)[year].add(day)
        if name:
            names[year][day] = name
    ids = list(regional_ids)
    if ids:
        for day, name in _regional_days(RegionalHoliday.objects.filter(agency_id__in=ids)).items():
            if day.year not in years:
                continue  # a region's days do not make a year the State Council has not set known
            holidays[day.year].add(day)
            workdays[day.year].discard(day)
            names[day.year].setdefault(day, name)
    return WorkingCalendar(
        YearSchedule(year, frozenset(holidays[year]), frozenset(workdays[year]), names[year]) for year in years
    )


def build_calendar(agency: Agency | None = None) -> WorkingCalendar:
    """Build the calendar from the tables now (no cache): national, or for cases of ``agency``."""
    return _build(_regional_key(agency))


def get_calendar(agency: Agency | None = None) -> WorkingCalendar:
    """The current calendar (cached until the tables change); with ``agency``, its regional days too."""
    global _cached
    fingerprint = calendar_fingerprint()
    key = _regional_key(agency)
    cached = _cached
    if cached is not None and cached[0] == fingerprint and key in cached[1]:
        return cached[1][key]
    with _lock:
        calendar = _build(key)
        current = _cached
        calendars = dict(current[1]) if current is not None and current[0] == fingerprint else {}
        calendars[key] = calendar
        _cached = (fingerprint, calendars)
    return calendar


def calendar_for(agency: Agency | None) -> WorkingCalendar:
    """``build_calendar`` for one agency (uncached: reads the tables as they are now)."""
    return build_calendar(agency)


def calendars_for_edit() -> Callable[[Agency | None], WorkingCalendar]:
    """``calendar_for`` as the recomputers receive it inside an edit: built from the tables now,
    once per set of regional holidays (agencies without any share the national calendar)."""
    built: dict[tuple[int, ...], WorkingCalendar] = {}
    keys: dict[int | None, tuple[int, ...]] = {}

    def for_agency(agency: Agency | None) -> WorkingCalendar:
        pk = agency.pk if agency is not None else None
        if pk not in keys:
            keys[pk] = _regional_key(agency)
        key = keys[pk]
        if key not in built:
            built[key] = _build(key)
        return built[key]

    return for_agency


def invalidate_calendar() -> None:
    global _cached
    _cached = None


def clock_settings() -> ClockSettings:
    """The clock's settings: national periods; ``GONGKAI_FEE_PAUSES_CLOCK`` (default True)."""
    return ClockSettings(fee_pauses_clock=bool(getattr(settings, "GONGKAI_FEE_PAUSES_CLOCK", True)))


def covered_years() -> list[int]:
    """The confirmed years (the ones the clock uses)."""
    return sorted(confirmed_schedules().values_list("year", flat=True))


def draft_years(user: AnyUser) -> list[int]:
    """The years entered but not confirmed, for those who may see drafts (else none)."""
    if not can_view_drafts(user):
        return []
    return sorted(HolidaySchedule.objects.filter(status=ScheduleStatus.DRAFT).values_list("year", flat=True))


def schedule_of_year(year: int) -> HolidaySchedule | None:
    """The confirmed schedule of ``year`` (a draft is not published)."""
    return confirmed_schedules().filter(year=year).first()


def schedule_for_staff(user: AnyUser, year: int) -> HolidaySchedule | None:
    """``year``'s schedule as ``user`` may see it: a draft only for those who may see drafts."""
    schedule = HolidaySchedule.objects.filter(year=year).first()
    if schedule is None or schedule.is_confirmed or can_view_drafts(user):
        return schedule
    return None


def working_days_in_year(year: int, agency: Agency | None = None) -> int:
    """Working days from 1 January to 31 December of a loaded year (251 in 2024)."""
    calendar, first = get_calendar(agency), date(year, 1, 1)
    return calendar.working_days_between(first, date(year, 12, 31)) + calendar.is_working_day(first)


def regional_roots() -> QuerySet[Agency]:
    """The agencies that have regional rest days of their own (the calculator offers them)."""
    from gongkai.agencies.models import Agency

    return Agency.objects.filter(regional_holidays__isnull=False, is_active=True).distinct().order_by("path")
