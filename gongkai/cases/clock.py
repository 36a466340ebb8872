"""The reply clock of a case: its events in, the stored due date and state out.

Every service that adds a clock event calls ``refresh_clock`` in the same transaction, and so
does the calendars' recompute registry after a holiday-schedule edit (``recompute.py``). A case
whose period runs into a year with no loaded schedule (every December, before the State
Council's notice for next year is entered) still gets a date: counted on weekends alone beyond
the loaded years and marked provisional (暂定), with the reason, until the year is entered.

A reopened case (a reconsideration body or court corrected the reply, ``services.appeals``) owes
a new reply, and the law clock has no event for that: its events end with the reply. So the
period starts anew as if received on the day of reopening — the ``reopen`` step's date is the
receipt date of the new period, and only the clock events after that step count
(``current_period``). The case's own ``received_on`` stays the Art. 31 date of the application.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.calendars.selectors import clock_settings, get_calendar
from gongkai.law.clock import ClockState, Event, EventType, Step, clock
from gongkai.law.errors import LawError, YearNotLoaded
from gongkai.law.workdays import WorkingCalendar

from .models import Case, CaseEvent

PROVISIONAL_REASON = "{year}年节假日安排尚未录入，答复期限暂按周末休息推算（暂定），录入后自动重新计算。"


@dataclass(frozen=True)
class CaseClock:
    state: ClockState | None
    provisional: bool
    problem: str  # Chinese; empty when the clock computed


def clock_events(events: Iterable[CaseEvent]) -> tuple[Event, ...]:
    """The reply-clock events among a case's steps, in order."""
    found = []
    for event in events:
        if not event.clock_event:
            continue
        data = event.data or {}
        found.append(
            Event(
                EventType(event.clock_event),
                event.on,
                correction_due=date.fromisoformat(data["correction_due"]) if data.get("correction_due") else None,
                working_days=int(data["working_days"]) if data.get("working_days") is not None else None,
                due=date.fromisoformat(data["due"]) if data.get("due") else None,
            )
        )
    return tuple(found)


REOPEN_ACTION = "reopen"


def current_period(received_on: date, events: Iterable[CaseEvent]) -> tuple[date, tuple[Event, ...]]:
    """The start of the running reply period and its clock events: from the receipt, or from the
    last reopening (its date, and only the events after it)."""
    start, current = received_on, list[CaseEvent]()
    for event in events:
        if event.action == REOPEN_ACTION:
            start, current = event.on, []
        else:
            current.append(event)
    return start, clock_events(current)


def evaluate(
    received_on: date, events: tuple[Event, ...], today: date, calendar: WorkingCalendar | None = None
) -> CaseClock:
    """The clock as of ``today``; provisional beyond the loaded years, a problem for bad input."""
    calendar = calendar or get_calendar()
    settings = clock_settings()
    try:
        return CaseClock(clock(received_on, events, today, calendar, settings), False, "")
    except YearNotLoaded as missing:
        if calendar.years and missing.year < calendar.first_year:
            return CaseClock(None, False, missing.message)
        through = max(missing.year, today.year) + 1
        try:
            state = clock(received_on, events, today, calendar.with_provisional_years(through), settings)
        except LawError as problem:
            return CaseClock(None, False, problem.message)
        return CaseClock(state, True, PROVISIONAL_REASON.format(year=missing.year))
    except LawError as problem:
        return CaseClock(None, False, problem.message)


def case_clock(case: Case, today: date | None = None) -> CaseClock | None:
    """The case's clock as of today on its own calendar (national plus its region's rest days);
    None while an online application awaits confirmation."""
    if case.received_on is None:
        return None
    from django.utils import timezone

    start, events = current_period(case.received_on, case.events.all())
    return evaluate(start, events, today or timezone.localdate(), get_calendar(case.agency))


def case_steps(case: Case) -> list[Step]:
    """The clock's explanation shown to staff and to the applicant."""
    result = case_clock(case)
    return list(result.state.steps) if result is not None and result.state is not None else []


def refresh_clock(case: Case, today: date, calendar: WorkingCalendar | None = None) -> bool:
    """Recompute and set the case's stored clock fields (the caller saves). True if they changed."""
    if case.received_on is None:  # an online application not yet confirmed: no clock runs
        return False
    if calendar is None:  # the case's own calendar: national, plus its region's rest days (藏历新年 …)
        calendar = get_calendar(case.agency)
    start, events = current_period(case.received_on, case.events.all())
    result = evaluate(start, events, today, calendar)
    state = result.state
    new = (
        state.due if state else None,
        result.provisional,
        state.state.value if state else "",
        result.problem[:300],
    )
    old = (case.due_on, case.due_provisional, case.clock_state, case.clock_problem)
    case.due_on, case.due_provisional, case.clock_state, case.clock_problem = new
    return new != old


CLOCK_FIELDS = ["due_on", "due_provisional", "clock_state", "clock_problem", "updated_at"]
