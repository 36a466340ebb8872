"""Every write to the holiday calendars: keyword-only, one transaction, one audit event each.

A national year is entered as a draft (``schedule_save``): the clock never uses it. A platform
administrator confirms it (``schedule_confirm``) once it passes ``gongkai.law.holidays.check_year``
— every statutory festival present as a rest period, make-up days on weekends, no overlap —
otherwise the refusal lists what is missing. Correcting a confirmed year (``schedule_save`` on a
confirmed year) must pass the same check; it raises the year's version and is shown first as a
diff with the deadlines that would move (``schedule_preview``).

Every change to a confirmed year (confirming, correcting, deleting) and every regional change
rebuilds the calendar and recomputes the stored due dates of every registered app
(``recompute.recompute_due_dates``) in the same transaction, and drops the cached calendar when
the transaction commits. A form carries the version it was made from: an older one is refused
("另一位管理员已修改本年安排，请刷新后重试"), checked under ``select_for_update``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import Conflict, ValidationFailed, problems_error
from gongkai.core.states import transition
from gongkai.law.holidays import MakeupDay, RestPeriod, YearCheck, check_year, periods_from_days

from .models import (
    MAX_REGIONAL_PERIOD_DAYS,
    SCHEDULE_STATES,
    HolidaySchedule,
    RegionalHoliday,
    ScheduleDay,
    ScheduleStatus,
    day_problem,
)
from .permissions import require_national, require_regional
from .recompute import RecomputeReport, recompute_due_dates
from .selectors import calendars_for_edit, invalidate_calendar


@dataclass(frozen=True)
class DayInput:
    date: date
    kind: str  # ScheduleDay.Kind
    name: str = ""


@dataclass(frozen=True)
class SaveResult:
    schedule: HolidaySchedule
    added: list[str]
    removed: list[str]
    recomputed: list[RecomputeReport]


@dataclass(frozen=True)
class DayChange:
    """One date whose arrangement differs between the current version and the entered one."""

    date: date
    before: str  # "" (a plain day), "holiday" or "workday"
    before_name: str
    after: str
    after_name: str


@dataclass
class Preview:
    """What saving (and, for a draft, confirming) the entered days would do; nothing is written."""

    year: int
    check: YearCheck
    changes: list[DayChange] = field(default_factory=list)
    recomputed: list[RecomputeReport] = field(default_factory=list)
    used_by_clock: bool = False  # whether the change would reach the clock (a confirmed year)
    current: HolidaySchedule | None = None

    @property
    def moved(self) -> int:
        return sum(report.changed for report in self.recomputed)


def stale_message() -> str:
    return _("Another administrator has changed this year's schedule: reload the page and try again.")


def _require(actor: Actor) -> None:
    if actor is None:  # the system itself (migrations, the command line): no user to check
        return
    require_national(actor)


def _day_key(day: DayInput | ScheduleDay) -> str:
    return f"{day.date.isoformat()} {day.kind} {day.name}".rstrip()


def days_from_periods(periods: Sequence[RestPeriod], makeup_days: Sequence[MakeupDay]) -> list[DayInput]:
    """The stored days of a notice's rest periods (every day of each) and make-up working days."""
    days: list[DayInput] = []
    for period in periods:
        day = period.start
        while day <= period.end:
            days.append(DayInput(day, ScheduleDay.Kind.HOLIDAY, period.name))
            day += timedelta(days=1)
    days.extend(DayInput(m.date, ScheduleDay.Kind.WORKDAY, m.name) for m in makeup_days)
    return sorted(days, key=lambda d: d.date)


def check_days(year: int, days: Sequence[DayInput]) -> YearCheck:
    """``check_year`` on stored days (grouped back into the notice's periods)."""
    periods, makeup_days = periods_from_days([(d.date, str(d.kind), d.name) for d in days])
    return check_year(year, periods, makeup_days)


def _stored_days(schedule: HolidaySchedule) -> list[DayInput]:
    return [DayInput(d.date, d.kind, d.name) for d in schedule.days.order_by("date")]


def schedule_problems(year: int, days: Sequence[DayInput]) -> list[str]:
    problems: list[str] = []
    if not 1999 <= year <= 2100:
        problems.append(_("The year %(year)s is out of range.") % {"year": year})
    seen: set[date] = set()
    for day in days:
        if day.kind not in ScheduleDay.Kind.values:
            problems.append(_("Unknown kind of day “%(kind)s”.") % {"kind": day.kind})
            continue
        if day.date in seen:
            problems.append(_("%(date)s is listed twice.") % {"date": day.date.isoformat()})
        seen.add(day.date)
        problem = day_problem(year, ScheduleDay(date=day.date, kind=day.kind, name=day.name))
        if problem:
            problems.append(problem)
    return problems


def _require_complete(year: int, days: Sequence[DayInput]) -> YearCheck:
    """The check of ``days``; refused (what is missing, one line each) unless the year is complete."""
    check = check_days(year, days)
    if not check.complete:
        raise ValidationFailed(
            _("The %(year)s schedule is not complete, so it cannot be used:") % {"year": year},
            code="incomplete",
            details=[problem.message for problem in check.problems],
        )
    return check


def _check_version(schedule: HolidaySchedule, expected_version: int | None) -> None:
    if expected_version is not None and schedule.version != expected_version:
        raise Conflict(stale_message(), code="stale", details={"version": schedule.version})


def _recompute_and_refresh() -> list[RecomputeReport]:
    invalidate_calendar()
    per_agency = calendars_for_edit()
    reports = recompute_due_dates(per_agency(None), per_agency)
    invalidate_calendar()
    transaction.on_commit(invalidate_calendar)
    return reports


def _replace_days(schedule: HolidaySchedule, days: Sequence[DayInput]) -> None:
    schedule.days.all().delete()
    ScheduleDay.objects.bulk_create(
        ScheduleDay(schedule=schedule, date=d.date, kind=d.kind, name=d.name.strip()) for d in days
    )


@transaction.atomic
def schedule_save(
    *,
    actor: Actor,
    year: int,
    days: Sequence[DayInput],
    notice: str = "",
    notes: str = "",
    source: str = HolidaySchedule.Source.MANUAL,
    expected_version: int | None = None,
    via: str | None = None,
) -> SaveResult:
    """Create or replace ``year``'s schedule with exactly ``days``.

    A new year, or one still in draft, is saved as a draft (the clock does not use it). A confirmed
    year is corrected: the days must pass the completeness check, and the stored due dates are
    recomputed at once. ``expected_version`` is the version the form was made from.
    """
    _require(actor)
    problems = schedule_problems(year, days)
    if problems:
        raise problems_error(problems)
    schedule, created = HolidaySchedule.objects.select_for_update().get_or_create(
        year=year,
        defaults={"notice": notice.strip(), "notes": notes.strip(), "source": source, "status": ScheduleStatus.DRAFT},
    )
    if not created:
        _check_version(schedule, expected_version)
    confirmed = schedule.is_confirmed
    if confirmed:
        _require_complete(year, days)
    before = {_day_key(d) for d in schedule.days.all()}
    after = {_day_key(d) for d in days}
    added, removed = sorted(after - before), sorted(before - after)
    if not created:
        schedule.notice, schedule.notes, schedule.source = notice.strip(), notes.strip(), source
        schedule.version += 1
        schedule.save()
    if added or removed or created:
        _replace_days(schedule, days)
    reports = _recompute_and_refresh() if confirmed else []
    if created:
        action = "calendar.schedule_created"
    elif confirmed:
        action = "calendar.schedule_corrected"
    else:
        action = "calendar.schedule_changed"
    record_event(
        actor=actor,
        action=action,
        obj=schedule,
        via=via,
        details={
            "year": year,
            "status": schedule.status,
            "version": schedule.version,
            "notice": schedule.notice,
            "added": added,
            "removed": removed,
            "recomputed": {r.name: r.as_dict() for r in reports},
        },
    )
    return SaveResult(schedule, added, removed, reports)


@transaction.atomic
def schedule_confirm(
    *, actor: Actor, year: int, expected_version: int | None = None, via: str | None = None
) -> SaveResult:
    """Confirm a draft year: from now on the clock uses it. Refused, listing what is missing, unless complete."""
    _require(actor)
    schedule = HolidaySchedule.objects.select_for_update().filter(year=year).first()
    if schedule is None:
        raise problems_error([_("No schedule has been entered for %(year)s.") % {"year": year}])
    _check_version(schedule, expected_version)
    SCHEDULE_STATES.check(schedule.status, ScheduleStatus.CONFIRMED)
    days = _stored_days(schedule)
    check = _require_complete(year, days)
    schedule.version += 1
    schedule.save(update_fields=["version", "updated_at"])
    transition(
        schedule,
        machine=SCHEDULE_STATES,
        to=ScheduleStatus.CONFIRMED,
        actor=actor,
        action="calendar.schedule_confirmed",
        via=via,
        details={"year": year, "version": schedule.version, "summary": check.summary},
    )
    # the stored due dates follow at once, in this transaction (the recomputers audit their own records)
    reports = _recompute_and_refresh()
    return SaveResult(schedule, [], [], reports)


@transaction.atomic
def schedule_delete(*, actor: Actor, schedule: HolidaySchedule, via: str | None = None) -> list[RecomputeReport]:
    """Remove a year's schedule: its dates become "not loaded" again."""
    _require(actor)
    year = schedule.year
    was_confirmed = (
        HolidaySchedule.objects.select_for_update().filter(pk=schedule.pk, status=ScheduleStatus.CONFIRMED).exists()
    )
    days = [_day_key(d) for d in schedule.days.all()]
    pk = schedule.pk
    schedule.delete()
    schedule.pk = pk  # the audit event names the deleted row
    reports = _recompute_and_refresh() if was_confirmed else []
    record_event(
        actor=actor,
        action="calendar.schedule_deleted",
        obj=schedule,
        via=via,
        details={
            "year": year,
            "was_confirmed": was_confirmed,
            "days": days,
            "recomputed": {r.name: r.as_dict() for r in reports},
        },
    )
    return reports


def _changes(before: Sequence[DayInput], after: Sequence[DayInput]) -> list[DayChange]:
    old = {d.date: d for d in before}
    new = {d.date: d for d in after}
    changes = []
    for day in sorted(set(old) | set(new)):
        a, b = old.get(day), new.get(day)
        if a is not None and b is not None and (a.kind, a.name.strip()) == (b.kind, b.name.strip()):
            continue
        changes.append(
            DayChange(
                day,
                str(a.kind) if a else "",
                a.name if a else "",
                str(b.kind) if b else "",
                b.name.strip() if b else "",
            )
        )
    return changes


class _DryRun(Exception):
    pass


def schedule_preview(*, actor: Actor, year: int, days: Sequence[DayInput], confirm: bool = False) -> Preview:
    """What saving ``days`` for ``year`` would change (and, with ``confirm``, confirming the draft).

    Nothing is written: when the change reaches the clock (a confirmed year, or confirming), the
    recomputers run in a savepoint that is rolled back, so their reports say which open deadlines
    would move.
    """
    _require(actor)
    problems = schedule_problems(year, days)
    if problems:
        raise problems_error(problems)
    current = HolidaySchedule.objects.filter(year=year).first()
    before = _stored_days(current) if current is not None else []
    preview = Preview(year, check_days(year, days), _changes(before, days), current=current)
    preview.used_by_clock = (current is not None and current.is_confirmed) or confirm
    if preview.used_by_clock and preview.check.complete:
        try:
            with transaction.atomic():
                schedule = current or HolidaySchedule.objects.create(year=year)
                _replace_days(schedule, days)
                if not schedule.is_confirmed:
                    schedule.status = ScheduleStatus.CONFIRMED
                    schedule.save(update_fields=["status", "updated_at"])
                invalidate_calendar()
                per_agency = calendars_for_edit()
                preview.recomputed = recompute_due_dates(per_agency(None), per_agency)
                raise _DryRun
        except _DryRun:
            pass
        finally:
            invalidate_calendar()
    return preview


# Regional rest days -----------------------------------------------------------------------------


def regional_problems(name: str, start: date, end: date, notice: str) -> list[str]:
    problems = []
    if not name.strip():
        problems.append(_("Enter the name of the holiday as the notice writes it."))
    if not notice.strip():
        problems.append(_("Enter the title or document number of the regional notice."))
    if end < start:
        problems.append(_("The last rest day is before the first."))
    elif (end - start).days + 1 > MAX_REGIONAL_PERIOD_DAYS:
        problems.append(_("A regional holiday is at most %(days)d days long.") % {"days": MAX_REGIONAL_PERIOD_DAYS})
    elif start.year != end.year:
        problems.append(_("Enter a holiday that crosses the new year as two periods, one in each year."))
    return problems


@transaction.atomic
def regional_holiday_add(
    *,
    actor: Actor,
    agency: Agency,
    name: str,
    start: date,
    end: date,
    notice: str,
    source_url: str = "",
    via: str | None = None,
) -> RegionalHoliday:
    """Add rest days for ``agency``'s subtree; recomputes the stored due dates at once."""
    if actor is not None:
        require_regional(actor, agency)
    problems = regional_problems(name, start, end, notice)
    if problems:
        raise problems_error(problems)
    overlapping = RegionalHoliday.objects.select_for_update().filter(agency=agency, start__lte=end, end__gte=start)
    if overlapping.exists():
        other = overlapping.first()
        raise problems_error(
            [_("These days overlap “%(other)s”, already entered for this agency.") % {"other": str(other)}]
        )
    holiday = RegionalHoliday.objects.create(
        agency=agency, name=name.strip(), start=start, end=end, notice=notice.strip(), source_url=source_url.strip()
    )
    reports = _recompute_and_refresh()
    record_event(
        actor=actor,
        action="calendar.regional_added",
        obj=holiday,
        agency=agency,
        via=via,
        details={
            "name": holiday.name,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "notice": holiday.notice,
            "source_url": holiday.source_url,
            "recomputed": {r.name: r.as_dict() for r in reports},
        },
    )
    return holiday


@transaction.atomic
def regional_holiday_delete(*, actor: Actor, holiday: RegionalHoliday, via: str | None = None) -> None:
    agency = holiday.agency
    if actor is not None:
        require_regional(actor, agency)
    details = {"name": holiday.name, "start": holiday.start.isoformat(), "end": holiday.end.isoformat()}
    pk = holiday.pk
    holiday.delete()
    holiday.pk = pk  # the audit event names the deleted row
    reports = _recompute_and_refresh()
    record_event(
        actor=actor,
        action="calendar.regional_deleted",
        obj=holiday,
        agency=agency,
        via=via,
        details={**details, "recomputed": {r.name: r.as_dict() for r in reports}},
    )
