"""A year's arrangement as the notice writes it: rest periods (放假时段) and make-up working days (调休上班)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .statutory import FIRST_YEAR, LAST_YEAR, festivals_named, notice_name, statutory_days

SATURDAY = 5
WEEKDAY_NAMES = "一二三四五六日"


@dataclass(frozen=True)
class RestPeriod:
    """One item of the notice: ``start``–``end`` (both included) are rest days.

    ``name`` as the notice writes it, possibly combined: "国庆节、中秋节". Weekend days inside the
    range are part of the period (the notice's "共8天" counts them).
    """

    name: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def dates(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=i) for i in range(max(0, self.days)))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def festivals(self) -> tuple[str, ...]:
        """The Art. 2 festivals its name names ("国庆节、中秋节" → both)."""
        return festivals_named(self.name)


@dataclass(frozen=True)
class MakeupDay:
    """A Saturday or Sunday made a working day (调休上班); ``name``: the festival it belongs to."""

    date: date
    name: str = ""


@dataclass(frozen=True)
class Problem:
    """Something that keeps a year's arrangement from being used; ``message`` in Chinese."""

    code: str
    message: str


def is_weekend(day: date) -> bool:
    return day.weekday() >= SATURDAY


def weekday_name(day: date) -> str:
    return "星期" + WEEKDAY_NAMES[day.weekday()]


def md(day: date, year: int | None = None) -> str:
    """ "1月28日", or "2018年12月30日" when the day is outside ``year``."""
    if year is not None and day.year != year:
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.month}月{day.day}日"


def date_range(start: date, end: date, year: int | None = None) -> str:
    """ "1月28日至1月31日"; a single day "4月4日"."""
    if start == end:
        return md(start, year)
    return f"{md(start, year)}至{md(end, year)}"


def days_phrase(days: Iterable[date], year: int | None = None) -> str:
    """Dates as runs: "1月28日至1月31日", "10月1日、10月3日"."""
    ordered = sorted(set(days))
    runs: list[tuple[date, date]] = []
    for day in ordered:
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return "、".join(date_range(a, b, year) for a, b in runs)


def periods_from_days(days: Iterable[tuple[date, str, str]]) -> tuple[list[RestPeriod], list[MakeupDay]]:
    """Rows (date, kind "holiday"|"workday", name) as stored in calendars.ScheduleDay → periods and make-up days.

    Consecutive rest days form one period; a gap made only of Saturdays/Sundays that are not make-up
    days is bridged (the stored 2012 端午 has 6月22日 and 24日 but not the Saturday between). Days of
    different names that touch form one combined period, named in the order the names first occur
    (the seed labels 2025-10-06 中秋 inside 国庆节 → "国庆节、中秋节", as the notice writes it). A
    festival whose statutory days lie inside a period named otherwise joins its name (the seed
    labels 2020-10-01 国庆 only, though 中秋 fell on it: the notice says "国庆节、中秋节"). Stored
    short names are spelt as the notices write them (清明 → 清明节). Rows of any other kind raise
    ``ValueError``.
    """
    rest: dict[date, str] = {}
    makeup: dict[date, str] = {}
    for day, kind, name in days:
        if kind == "holiday":
            rest[day] = notice_name(name or "")
        elif kind == "workday":
            makeup[day] = notice_name(name or "")
        else:
            raise ValueError(f"未知的日期类型：{kind}")
    periods: list[RestPeriod] = []
    current: list[date] = []

    def close() -> None:
        if not current:
            return
        names: list[str] = []
        for day in current:
            for part in rest[day].split("、") if rest[day] else ():
                if part not in names:
                    names.append(part)
        periods.append(RestPeriod("、".join(_with_statutory(names, current[0], current[-1])), current[0], current[-1]))
        current.clear()

    for day in sorted(rest):
        if current:
            gap = [current[-1] + timedelta(days=i) for i in range(1, (day - current[-1]).days)]
            if not all(is_weekend(g) and g not in makeup for g in gap):
                close()
        current.append(day)
    close()
    return periods, [MakeupDay(day, makeup[day]) for day in sorted(makeup)]


def _with_statutory(names: list[str], start: date, end: date) -> list[str]:
    """Add the Art. 2 festivals whose statutory days lie in start..end to a period's names, in date order
    (a named festival first on the same day)."""
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        return names
    named = set(festivals_named("、".join(names)))
    found: list[tuple[date, str]] = []
    for festival, days in statutory_days(start.year).items():
        inside = [d for d in days if start <= d <= end]
        if inside and festival not in named:
            found.append((inside[0], festival))
    if not found:
        return names
    first_days: dict[str, date] = {}
    for name in names:
        festivals = festivals_named(name)
        own = statutory_days(start.year).get(festivals[0], ()) if festivals else ()
        inside = [d for d in own if start <= d <= end]
        first_days[name] = inside[0] if inside else start
    ordered = sorted(
        [(first_days[n], 0, i, n) for i, n in enumerate(names)] + [(d, 1, i, f) for i, (d, f) in enumerate(found)]
    )
    return [entry[3] for entry in ordered]


def schedule_rows(periods: Iterable[RestPeriod], makeup_days: Iterable[MakeupDay]) -> list[tuple[date, str, str]]:
    """The inverse of ``periods_from_days``: one (date, "holiday"|"workday", name) row per day, in date order.

    Rows may fall in the neighbouring year (a 元旦 from 12月30日); ``rows_by_year`` splits them the way the
    stored schedules keep them (one schedule per calendar year).
    """
    rows = [(day, "holiday", p.name) for p in periods for day in p.dates()]
    rows += [(m.date, "workday", m.name) for m in makeup_days]
    return sorted(rows)


def rows_by_year(rows: Iterable[tuple[date, str, str]]) -> dict[int, list[tuple[date, str, str]]]:
    out: dict[int, list[tuple[date, str, str]]] = {}
    for row in sorted(rows):
        out.setdefault(row[0].year, []).append(row)
    return out


def clip_to_year(
    year: int, periods: Iterable[RestPeriod], makeup_days: Iterable[MakeupDay]
) -> tuple[list[RestPeriod], list[MakeupDay], list[tuple[date, str, str]]]:
    """A notice's arrangement split the way the schedules are stored (one per calendar year): the periods and
    make-up days inside ``year``, and the rows (date, kind, name) the notice sets in a neighbouring year —
    the 2019 notice's 2018年12月30日、31日 rest and 12月29日 make-up day belong to the 2018 schedule, where
    the seed keeps them. ``check_year`` accepts either form."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    inside: list[RestPeriod] = []
    outside: list[tuple[date, str, str]] = []
    for p in periods:
        outside += [(d, "holiday", p.name) for d in p.dates() if not first <= d <= last]
        start, end = max(p.start, first), min(p.end, last)
        if start <= end:
            inside.append(RestPeriod(p.name, start, end))
    kept = [m for m in makeup_days if first <= m.date <= last]
    outside += [(m.date, "workday", m.name) for m in makeup_days if not first <= m.date <= last]
    return inside, kept, sorted(outside)
