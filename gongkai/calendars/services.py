"""Every write to the holiday schedules: keyword-only, one transaction, one audit event each.

Saving or deleting a year's schedule rebuilds the calendar, recomputes the stored due dates of
every registered app (``recompute.recompute_due_dates``) in the same transaction, and drops the
cached calendar when the transaction commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import PermissionDenied, problems_error

from .models import HolidaySchedule, ScheduleDay, day_problem
from .recompute import RecomputeReport, recompute_due_dates
from .selectors import build_calendar, invalidate_calendar


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


def _require_edit(actor: Actor, permission: str) -> None:
    if actor is None:
        return
    if not actor.is_authenticated or not getattr(actor, "has_perm", lambda _p: False)(permission):
        raise PermissionDenied(_("Only a calendar administrator may change holiday schedules."))


def _day_key(day: DayInput | ScheduleDay) -> str:
    return f"{day.date.isoformat()} {day.kind} {day.name}".rstrip()


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


def _recompute_and_refresh() -> list[RecomputeReport]:
    reports = recompute_due_dates(build_calendar())
    invalidate_calendar()
    transaction.on_commit(invalidate_calendar)
    return reports


@transaction.atomic
def schedule_save(
    *,
    actor: Actor,
    year: int,
    days: Sequence[DayInput],
    notice: str = "",
    notes: str = "",
    source: str = HolidaySchedule.Source.MANUAL,
    via: str | None = None,
) -> SaveResult:
    """Create or replace ``year``'s schedule with exactly ``days``."""
    _require_edit(actor, "calendars.change_holidayschedule")
    problems = schedule_problems(year, days)
    if problems:
        raise problems_error(problems)
    schedule, created = HolidaySchedule.objects.select_for_update().get_or_create(
        year=year, defaults={"notice": notice.strip(), "notes": notes.strip(), "source": source}
    )
    before = {_day_key(d) for d in schedule.days.all()}
    after = {_day_key(d) for d in days}
    added, removed = sorted(after - before), sorted(before - after)
    if not created:
        schedule.notice, schedule.notes, schedule.source = notice.strip(), notes.strip(), source
        schedule.save()
    if added or removed:
        schedule.days.all().delete()
        ScheduleDay.objects.bulk_create(
            ScheduleDay(schedule=schedule, date=d.date, kind=d.kind, name=d.name.strip()) for d in days
        )
    reports = _recompute_and_refresh()
    record_event(
        actor=actor,
        action="calendar.schedule_created" if created else "calendar.schedule_changed",
        obj=schedule,
        via=via,
        details={
            "year": year,
            "notice": schedule.notice,
            "added": added,
            "removed": removed,
            "recomputed": {r.name: r.as_dict() for r in reports},
        },
    )
    return SaveResult(schedule, added, removed, reports)


@transaction.atomic
def schedule_delete(*, actor: Actor, schedule: HolidaySchedule, via: str | None = None) -> list[RecomputeReport]:
    """Remove a year's schedule: its dates become "not loaded" again."""
    _require_edit(actor, "calendars.delete_holidayschedule")
    year = schedule.year
    days = [_day_key(d) for d in schedule.days.all()]
    record_event(
        actor=actor, action="calendar.schedule_deleted", obj=schedule, via=via, details={"year": year, "days": days}
    )
    schedule.delete()
    reports = _recompute_and_refresh()
    return reports
