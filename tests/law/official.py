"""The seeded official schedules (gongkai/calendars/data/schedules.json) as a pure calendar, and a
naive day-by-day reference used to check the indexed one."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from gongkai.law.workdays import WorkingCalendar, YearSchedule

DATA = Path(__file__).resolve().parents[2] / "gongkai" / "calendars" / "data" / "schedules.json"


def load_schedules(years: set[int] | None = None) -> list[YearSchedule]:
    data = json.loads(DATA.read_text(encoding="utf-8"))["years"]
    return [
        YearSchedule(
            int(year),
            frozenset(date.fromisoformat(d) for d in days["holidays"]),
            frozenset(date.fromisoformat(d) for d in days["workdays"]),
        )
        for year, days in data.items()
        if years is None or int(year) in years
    ]


SCHEDULES = load_schedules()
CAL = WorkingCalendar(SCHEDULES)
HOLIDAYS = frozenset().union(*(s.holidays for s in SCHEDULES))
WORKDAYS = frozenset().union(*(s.workdays for s in SCHEDULES))


def naive_is_working(day: date) -> bool:
    return day in WORKDAYS or (day.weekday() < 5 and day not in HOLIDAYS)


def naive_add(start: date, n: int) -> date:
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        counted += naive_is_working(day)
    return day
