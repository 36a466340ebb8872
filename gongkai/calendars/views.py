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
from django.utils.translation import pgettext

from gongkai.agencies.models import Agency
from gongkai.core.errors import domain_error
from gongkai.law.clock import STATE_LABELS, ClockState, ClockStateName, clock, parse_case
from gongkai.law.errors import LawError, YearNotLoaded
from gongkai.law.holidays import periods_from_days
from gongkai.law.workdays import WorkingCalendar

from .display import year_months
from .forms import MAX_EVENTS, ClockForm, EventFormSet, case_data, management_data
from .models import HolidaySchedule, RegionalHoliday, ScheduleDay, ScheduleStatus
from .permissions import can_edit_national_calendar, can_view_drafts
from .selectors import (
    clock_settings,
    covered_years,
    get_calendar,
    regional_holidays_for,
    regional_roots,
    schedule_of_year,
    working_days_in_year,
)

PREFIX = "events"
SHOWN_ROWS = 3  # event rows open on the page; the others are behind "more events"


def calculator(request: HttpRequest) -> HttpResponse:
    """答复期限计算器. A GET with the form's fields computes (results are linkable)."""
    submitted = "received" in request.GET
    regions = [(a.code, a.name) for a in regional_roots()]
    if submitted:
        data = request.GET.copy()
        for key, value in management_data(PREFIX).items():
            data[key] = value
        form = ClockForm(data, regions=regions)
        events = EventFormSet(data, prefix=PREFIX)
    else:
        form = ClockForm(initial={"today": timezone.localdate()}, regions=regions)
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
            code = form.cleaned_data.get("agency") or ""
            agency = Agency.objects.filter(code=code).first() if code else None
            context["region"] = agency
            try:
                case = parse_case(case_json)
                calendar = get_calendar(agency)
                state = clock(case.received, case.events, case.today, calendar, clock_settings())
            except LawError as error:
                context["problem"] = domain_error(error).message
            else:
                status = 200
                context.update(_result_context(state, calendar))
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


def _result_context(state: ClockState, calendar: WorkingCalendar) -> dict[str, Any]:
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
        "due_is_makeup": state.due is not None and calendar.makeup_workday(state.due.toordinal()),
    }


def _permalink(request: HttpRequest) -> str:
    """This result's address with only the filled fields."""
    filled = [(key, value) for key, value in request.GET.items() if value and not key.endswith("_FORMS")]
    return f"{reverse('calendars:calculator')}?{urlencode(filled)}"


@dataclass
class NoticePeriod:
    """One item of a year's notice as the page shows it: the (possibly combined) rest period and
    the make-up working days of its festivals ("国庆节、中秋节：10月1日至8日放假调休，共8天")."""

    name: str
    start: date
    end: date
    days: int
    workdays: list[date] = field(default_factory=list)
    regional: bool = False


def notice_periods(days: list[ScheduleDay], regional: list[RegionalHoliday] | None = None) -> list[NoticePeriod]:
    """The year's periods in date order, named as the notice writes them, combined periods as one."""
    periods, makeups = periods_from_days([(d.date, d.kind, d.name) for d in days])
    shown = [NoticePeriod(p.name, p.start, p.end, p.days) for p in periods]
    for makeup in makeups:
        owners = [p for p in shown if makeup.name and makeup.name in p.name.split("、")]
        if owners:
            # the period of that festival nearest to the make-up day
            min(owners, key=lambda p: abs((p.start - makeup.date).days)).workdays.append(makeup.date)
        else:
            shown.append(NoticePeriod(makeup.name, makeup.date, makeup.date, 0, [makeup.date]))
    for holiday in regional or []:
        days_count = (holiday.end - holiday.start).days + 1
        shown.append(NoticePeriod(holiday.name, holiday.start, holiday.end, days_count, regional=True))
    return sorted(shown, key=lambda p: (p.start, p.end))


def weekday_names() -> list[tuple[str, str]]:
    """Column heads of the month grids: the one-character name and the full one (for ``abbr``)."""
    return [
        (pgettext("weekday, one character", "Mon"), _("Monday")),
        (pgettext("weekday, one character", "Tue"), _("Tuesday")),
        (pgettext("weekday, one character", "Wed"), _("Wednesday")),
        (pgettext("weekday, one character", "Thu"), _("Thursday")),
        (pgettext("weekday, one character", "Fri"), _("Friday")),
        (pgettext("weekday, one character", "Sat"), _("Saturday")),
        (pgettext("weekday, one character", "Sun"), _("Sunday")),
    ]


def _day_answer(day: date, calendar_days: dict[date, tuple[str, str]], working: bool) -> str:
    kind, name = calendar_days.get(day, ("", ""))
    if kind == "workday":
        return _("a working day (make-up working day of %(name)s)") % {"name": name or _("the notice")}
    if kind == "holiday":
        return _("a rest day (%(name)s)") % {"name": name} if name else _("a rest day")
    if kind == "regional":
        return _("a rest day in these agencies (%(name)s)") % {"name": name}
    return _("a working day") if working else _("a rest day (weekend)")


def _regional_agency(request: HttpRequest) -> Agency | None:
    code = request.GET.get("agency", "").strip()
    if not code:
        return None
    return Agency.objects.filter(code=code, is_active=True).first()


def calendar_year(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """工作日历 of one year (default: the current year in Beijing time); ``?agency=`` adds the
    regional rest days of that agency's subtree; ``?date=`` answers whether one date is a working day."""
    if year is None:
        year = timezone.localdate().year
    user = request.user
    agency = _regional_agency(request)
    years = covered_years()
    draft = None
    if can_view_drafts(user):
        draft = HolidaySchedule.objects.filter(year=year, status=ScheduleStatus.DRAFT).first()
    context: dict[str, Any] = {
        "year": year,
        "years": years,
        "agency": agency,
        "regional_agencies": regional_roots(),
        "previous_year": max((y for y in years if y < year), default=None),
        "next_year": min((y for y in years if y > year), default=None),
        "may_edit": can_edit_national_calendar(user) and 1999 <= year <= 2100,
        "draft": draft,
        "weekday_names": weekday_names(),
    }
    schedule = schedule_of_year(year)
    if schedule is None:
        context["problem"] = domain_error(YearNotLoaded(year)).message
        return render(request, "calendars/calendar.html", context, status=404)
    days = list(schedule.days.order_by("date"))
    regional = [h for h in regional_holidays_for(agency) if h.start.year == year or h.end.year == year]
    periods = notice_periods(days, regional)
    calendar_days: dict[date, tuple[str, str]] = {}
    for period in periods:  # every day named as its period is (国庆节、中秋节)
        if period.regional:
            continue
        day = period.start
        while period.days and day <= period.end:
            calendar_days[day] = ("holiday", period.name)
            day += timedelta(days=1)
        for workday in period.workdays:
            calendar_days[workday] = ("workday", period.name)
    for holiday in regional:
        day = holiday.start
        while day <= holiday.end:
            if day.year == year and calendar_days.get(day, ("", ""))[0] != "holiday":
                calendar_days[day] = ("regional", holiday.name)
            day += timedelta(days=1)
    context.update(
        schedule=schedule,
        periods=periods,
        working_days=working_days_in_year(year, agency),
        months=year_months(year, calendar_days),
        show_regional=bool(regional),
    )
    asked = request.GET.get("date", "").strip()
    if asked:
        try:
            day = date.fromisoformat(asked)
        except ValueError:
            context["date_problem"] = _("Enter a date such as %(example)s.") % {"example": f"{year}-10-08"}
        else:
            if day.year != year:
                context["date_problem"] = _("%(date)s is not in %(year)s: open that year's calendar.") % {
                    "date": asked,
                    "year": year,
                }
            else:
                working = get_calendar(agency).is_working_day(day)
                context["date_checked"] = day
                context["date_answer"] = _day_answer(day, calendar_days, working)
    return render(request, "calendars/calendar.html", context)
