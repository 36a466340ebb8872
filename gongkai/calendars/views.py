"""Public pages: the reply-deadline calculator and the working calendar of a year.

Thin: the calculator builds the JSON case of ``gongkai clock`` / ``POST /api/v1/clock`` from the
form, parses it with ``gongkai.law.clock.parse_case`` and runs the same clock on the same calendar
and settings, so web, API and CLI give the same result for the same input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.errors import domain_error
from gongkai.law.clock import STATE_LABELS, ClockState, ClockStateName, clock, parse_case
from gongkai.law.errors import LawError, YearNotLoaded

from .forms import MAX_EVENTS, ClockForm, EventFormSet, case_data, management_data
from .models import ScheduleDay
from .selectors import (
    clock_settings,
    covered_years,
    get_calendar,
    schedule_of_year,
    working_days_in_year,
)

PREFIX = "events"
SHOWN_ROWS = 3  # event rows open on the page; the others are behind "more events"


def calculator(request: HttpRequest) -> HttpResponse:
    """答复期限计算器. A GET with the form's fields computes (results are linkable)."""
    submitted = "received" in request.GET
    if submitted:
        data = request.GET.copy()
        for key, value in management_data(PREFIX).items():
            data[key] = value
        form = ClockForm(data)
        events = EventFormSet(data, prefix=PREFIX)
    else:
        form = ClockForm(initial={"today": timezone.localdate()})
        events = EventFormSet(prefix=PREFIX)
    rows = list(enumerate(events.forms, start=1))
    context: dict[str, Any] = {
        "form": form,
        "events": events,
        "submitted": submitted,
        "first_rows": rows[:SHOWN_ROWS],
        "more_rows": rows[SHOWN_ROWS:],
        "max_events": MAX_EVENTS,
        "more_open": submitted and any(row.has_changed() for _, row in rows[SHOWN_ROWS:]),
    }
    status = 200
    if submitted:
        status = 400
        if form.is_valid() and events.is_valid():
            case_dict = case_data(form, events)
            case_json = json.dumps(case_dict, ensure_ascii=False, indent=2)
            context["case_json"] = case_json
            context["case_line"] = json.dumps(case_dict, ensure_ascii=False)
            context["permalink"] = _permalink(request)
            context["api_url"] = request.build_absolute_uri(reverse("api-1.0.0:clock_evaluate"))
            try:
                case = parse_case(case_json)
                state = clock(case.received, case.events, case.today, get_calendar(), clock_settings())
            except LawError as error:
                context["problem"] = domain_error(error).message
            else:
                status = 200
                context.update(_result_context(state))
                context["result_json"] = json.dumps(state.as_dict(), ensure_ascii=False, indent=2)
    return render(request, "calendars/calculator.html", context, status=status)


# the states in which the clock's last step is the "as of today" summary (截至…): the page shows it
# once, under the due date, and not again at the end of the steps
SUMMARISED = (ClockStateName.RUNNING, ClockStateName.PAUSED, ClockStateName.AWAITING_CORRECTION)


def _verdict(state: ClockState) -> tuple[str, bool]:
    """The result in one plain sentence, and whether it calls for attention (overdue, late, abandoned)."""
    name = state.state
    if name is ClockStateName.CLOSED:
        if state.due is None:
            return _("Replied while waiting for the applicant's correction: no period was running."), False
        if state.on_time:
            return _("Replied within the deadline."), False
        return _("Replied after the deadline."), True
    if state.overdue:
        return _("The deadline has passed and no reply has been sent."), True
    if name is ClockStateName.RUNNING:
        return _("The clock is running: the agency must reply by the date below."), False
    if name is ClockStateName.PAUSED:
        return _("The clock is paused (a consultation or a fee); the due date is set again when it resumes."), False
    if name is ClockStateName.AWAITING_CORRECTION:
        return _("Waiting for the applicant's correction; the period starts again from the day it arrives."), False
    return STATE_LABELS[name], True  # abandoned (逾期未补正 / 逾期未缴费，视为放弃申请)


def _result_context(state: ClockState) -> dict[str, Any]:
    verdict, attention = _verdict(state)
    steps = list(state.steps)
    summary = steps.pop().text if state.state in SUMMARISED and steps else ""
    return {
        "result": state,
        "state_label": STATE_LABELS[state.state],
        "verdict": verdict,
        "attention": attention,
        "summary": summary,
        "steps": steps,
        "due_is_makeup": state.due is not None and get_calendar().makeup_workday(state.due.toordinal()),
    }


def _permalink(request: HttpRequest) -> str:
    """This result's address with only the filled fields."""
    filled = [(key, value) for key, value in request.GET.items() if value and not key.endswith("_FORMS")]
    return f"{reverse('calendars:calculator')}?{urlencode(filled)}"


@dataclass
class HolidayGroup:
    """One holiday of a year's notice: its rest-day periods and make-up working days."""

    name: str
    rest_periods: list[tuple[date, date]] = field(default_factory=list)
    rest_days: int = 0
    workdays: list[date] = field(default_factory=list)


def _groups(days: list[ScheduleDay]) -> list[HolidayGroup]:
    groups: dict[str, HolidayGroup] = {}
    for day in days:  # in date order
        group = groups.setdefault(day.name, HolidayGroup(day.name))
        if day.kind == ScheduleDay.Kind.WORKDAY:
            group.workdays.append(day.date)
            continue
        group.rest_days += 1
        periods = group.rest_periods
        if periods and periods[-1][1] + timedelta(days=1) == day.date:
            periods[-1] = (periods[-1][0], day.date)
        else:
            periods.append((day.date, day.date))
    return sorted(groups.values(), key=lambda g: min([*(p[0] for p in g.rest_periods), *g.workdays]))


def calendar_year(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """工作日历 of one year (default: the current year in Beijing time)."""
    if year is None:
        year = timezone.localdate().year
    years = covered_years()
    context: dict[str, Any] = {
        "year": year,
        "years": years,
        "previous_year": max((y for y in years if y < year), default=None),
        "next_year": min((y for y in years if y > year), default=None),
    }
    schedule = schedule_of_year(year)
    if schedule is None:
        context["problem"] = domain_error(YearNotLoaded(year)).message
        context["can_add"] = request.user.has_perm("calendars.add_holidayschedule")
        return render(request, "calendars/calendar.html", context, status=404)
    context.update(
        schedule=schedule,
        groups=_groups(list(schedule.days.order_by("date"))),
        working_days=working_days_in_year(year),
        can_change=request.user.has_perm("calendars.change_holidayschedule"),
    )
    return render(request, "calendars/calendar.html", context)
