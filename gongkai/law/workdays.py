"""Working days (工作日) as the State Council's yearly holiday notice sets them.

Every period of the Regulation (《政府信息公开条例》, 国务院令第711号) is counted in working days:
Art. 33 (20 + 20 working days to reply), Art. 30 (7 working days to ask for a correction),
Arts. 32 and 34 (15 working days for a consultation), Art. 26 (20 working days for proactive
disclosure), and 国办函〔2020〕109号 (20 working days to pay a fee).

A working day is a Monday–Friday that the year's notice (国务院办公厅关于X年部分节假日安排的通知)
does not make a holiday, or a Saturday/Sunday that the notice makes a make-up working day (调休上班).
Under the 《全国年节及纪念日放假办法》 the notice alone decides; a year without a loaded notice has
no working days we could vouch for, so every question about it raises ``YearNotLoaded`` — never a
silent weekends-only guess.

Counting convention (Regulation Art. 33 read with 《民法典》第二百零一条): the day of the start
event never counts; day 1 is the first working day after it.

The calendar is built once from (year → holidays, make-up working days) data and precomputes a
dense ordinal index: for every day of the loaded years, the number of working days up to and
including it, plus the ordered list of working days. All three questions are then answered by
index arithmetic in O(1) (stronger than the O(log n) of a bisect), never by walking day by day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .errors import YearNotLoaded

SATURDAY = 5


@dataclass(frozen=True)
class YearSchedule:
    """One year's arrangement as the State Council's notice states it.

    ``holidays``: rest days of the notice (放假), including weekend days inside a holiday period.
    ``workdays``: make-up working days (调休上班), normally Saturdays or Sundays.
    Both hold dates of ``year`` only; a day that a notice sets in the neighbouring year (e.g.
    2005-12-31, a make-up working day of the 2006 notice) belongs to that year's schedule.
    """

    year: int
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    names: dict[date, str] = field(default_factory=dict, compare=False, hash=False)


def weekday_is_working(day: date) -> bool:
    return day.weekday() < SATURDAY


def _weekdays_up_to(ordinal: int) -> int:
    # ordinal 1 (0001-01-01) is a Monday: each full week has 5 weekdays, the rest starts on a Monday
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + (rest if rest < SATURDAY else SATURDAY)


def weekdays_between(start: int, end: int) -> int:
    """Mondays–Fridays ``d`` with ``start < d <= end`` (ordinals; 0 when ``end <= start``).

    Only for a provisional count past the loaded years (the reply clock marks it as such): the
    State Council's notice, once entered, decides.
    """
    return _weekdays_up_to(end) - _weekdays_up_to(start) if end > start else 0


class WorkingCalendar:
    """Working days of the loaded years, with O(1) counting.

    ``is_working_day``, ``add_working_days`` and ``working_days_between`` take dates; the
    ``rank``/``day_at`` pair exposes the same index on ordinals for the reply clock's inner loop.
    """

    __slots__ = (
        "_base",
        "_count",
        "_days",
        "_end",
        "_flags",
        "_gaps",
        "_rank",
        "_schedules",
        "first_year",
        "last_year",
        "years",
    )

    def __init__(self, schedules: Iterable[YearSchedule]) -> None:
        by_year = {s.year: s for s in schedules}
        self._schedules: tuple[YearSchedule, ...] = tuple(by_year.values())
        self.years: frozenset[int] = frozenset(by_year)
        if not by_year:
            self.first_year = self.last_year = 0
            self._base = self._end = 0
            self._rank: list[int] = []
            self._days: list[int] = []
            self._count = 0
            self._flags = bytearray()
            self._gaps: tuple[int, ...] = ()
            return
        self.first_year = min(by_year)
        self.last_year = max(by_year)
        self._gaps = tuple(y for y in range(self.first_year, self.last_year + 1) if y not in by_year)
        self._base = date(self.first_year, 1, 1).toordinal()
        self._end = date(self.last_year, 12, 31).toordinal()
        flags = bytearray(self._end - self._base + 1)
        for year, schedule in by_year.items():
            start = date(year, 1, 1).toordinal()
            stop = date(year, 12, 31).toordinal()
            for ordinal in range(start, stop + 1):
                # date.fromordinal(o).weekday() == (o + 6) % 7
                flags[ordinal - self._base] = 1 if (ordinal + 6) % 7 < SATURDAY else 0
            for day in schedule.holidays:
                if day.year == year:
                    flags[day.toordinal() - self._base] = 0
            for day in schedule.workdays:
                if day.year == year:
                    flags[day.toordinal() - self._base] = 1
        rank: list[int] = []
        days: list[int] = []
        count = 0
        for offset, flag in enumerate(flags):
            if flag:
                count += 1
                days.append(self._base + offset)
            rank.append(count)
        self._flags = flags
        self._rank = rank
        self._days = days
        self._count = len(days)  # the rank of the last loaded working day

    def with_provisional_years(self, through_year: int) -> WorkingCalendar:
        """This calendar with the years after the last loaded one, up to ``through_year``, counted
        on weekends alone (no holidays, no make-up days).

        Only for a provisional date (暂定) that must be shown before the State Council's notice
        for the year is entered; whoever uses it marks the result as provisional.
        """
        start = (self.last_year + 1) if self.years else through_year
        extra = [YearSchedule(year) for year in range(start, through_year + 1) if year not in self.years]
        return WorkingCalendar((*self._schedules, *extra)) if extra else self

    # -- ordinal index -------------------------------------------------------------------------

    def _check(self, ordinal: int) -> int:
        offset = ordinal - self._base
        if offset < 0 or ordinal > self._end:
            raise YearNotLoaded(date.fromordinal(ordinal).year)
        if self._gaps:
            year = date.fromordinal(ordinal).year
            if year not in self.years:
                raise YearNotLoaded(year)
        return offset

    def _check_span(self, first: int, last: int) -> None:
        """A count from ``first`` to ``last`` must not cross a year whose notice is missing."""
        if self._gaps:
            low, high = date.fromordinal(first).year, date.fromordinal(last).year
            for year in self._gaps:
                if low <= year <= high:
                    raise YearNotLoaded(year)

    def rank(self, ordinal: int) -> int:
        """Number of working days from the first loaded day up to and including ``ordinal``.

        Differences of ranks count working days; a caller that subtracts ranks of dates in
        different years must also call ``check_span`` (a missing year in between is an error).
        """
        offset = ordinal - self._base
        if offset < 0 or ordinal > self._end or self._gaps:
            offset = self._check(ordinal)
        return self._rank[offset]

    def check_span(self, first: int, last: int) -> None:
        """Raise ``YearNotLoaded`` if a year between the two ordinals has no schedule."""
        base, end = self._base, self._end
        if base <= first <= end and base <= last <= end and not self._gaps:
            return
        self._check(first)
        self._check(last)
        self._check_span(min(first, last), max(first, last))

    def day_at(self, index: int) -> int:
        """Ordinal of the working day with 1-based rank ``index`` (the inverse of ``rank``)."""
        if index < 1:
            raise YearNotLoaded(self.first_year - 1)
        if index > self._count:
            raise YearNotLoaded(self.last_year + 1)
        return self._days[index - 1]

    def add_ordinal(self, start: int, n: int) -> int:
        """Ordinal of the ``n``-th working day after ``start`` (``start`` itself never counts)."""
        offset = start - self._base
        if offset >= 0 and start <= self._end and not self._gaps:  # the common case, checked inline
            index = self._rank[offset] + n
            if 0 < index <= self._count:
                return self._days[index - 1]
        result = self.day_at(self._rank[self._check(start)] + n)
        self._check_span(start, result)
        return result

    def between_ordinals(self, start: int, end: int) -> int:
        """Working days ``d`` with ``start < d <= end`` (negative when ``end`` is before ``start``)."""
        count = self._rank[self._check(end)] - self._rank[self._check(start)]
        self._check_span(min(start, end), max(start, end))
        return count

    # -- dates ---------------------------------------------------------------------------------

    @property
    def end_ordinal(self) -> int:
        """Ordinal of the last loaded day (31 December of ``last_year``; 0 with no years)."""
        return self._end

    def makeup_workday(self, ordinal: int) -> bool:
        """Whether the day is a Saturday or Sunday that the notice makes a working day (调休上班).

        False outside the loaded years (nothing is known there)."""
        offset = ordinal - self._base
        if offset < 0 or ordinal > self._end or (ordinal + 6) % 7 < SATURDAY:
            return False
        return bool(self._flags[offset]) and date.fromordinal(ordinal).year in self.years

    def covers(self, day: date) -> bool:
        return day.year in self.years

    def is_working_day(self, day: date) -> bool:
        return bool(self._flags[self._check(day.toordinal())])

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start``: day 1 is the first working day after it.

        ``n == 0`` gives ``start`` itself. Counting rule of Regulation Art. 33 (see module doc).
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        if n == 0:
            self._check(start.toordinal())
            return start
        return date.fromordinal(self.add_ordinal(start.toordinal(), n))

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days fall after ``start`` up to and including ``end``."""
        return self.between_ordinals(start.toordinal(), end.toordinal())

    def next_working_day(self, day: date) -> date:
        """``day`` if it is a working day, else the first working day after it.

        A period whose last day is a rest day ends on the next working day (《民法典》第二百零三条).
        """
        ordinal = day.toordinal()
        if self._flags[self._check(ordinal)]:
            return day
        return date.fromordinal(self.add_ordinal(ordinal, 1))

    def __repr__(self) -> str:
        if not self.years:
            return "WorkingCalendar(no years loaded)"
        return f"WorkingCalendar({self.first_year}–{self.last_year}, {len(self.years)} years)"
