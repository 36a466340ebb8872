"""Staff pages of the calendars (系统管理, under ``/staff/calendar/``).

- the index: the national years (drafts for platform administrators) and the regional holidays
  of the agencies the user administers;
- a year's entry page: the notice's rest periods as ranges with names and its make-up days, or
  the notice's text pasted and read (``gongkai.law.holidays.parse_notice``) into those rows; a
  preview of the year (12 month grids), the completeness check, and for a confirmed year the
  days that change and the open deadlines that would move; saving needs that preview first (the
  form carries a fingerprint of what was previewed) and the version it was made from;
- confirming a draft, deleting a year, and the regional holidays of an agency.

Thin: the services check the permissions again and write; the views only show.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import memberships_of
from gongkai.core.errors import Conflict, ValidationFailed
from gongkai.law.holidays import parse_notice, periods_from_days

from . import services
from .display import year_months
from .forms import (
    MAKEUP_ROWS,
    PERIOD_ROWS,
    MakeupFormSet,
    PeriodFormSet,
    RegionalHolidayForm,
    ScheduleForm,
    fixed_management,
)
from .models import HolidaySchedule, RegionalHoliday, ScheduleStatus
from .permissions import (
    can_edit_national_calendar,
    can_edit_regional_calendar,
    can_view_drafts,
    require_national,
    require_regional,
)
from .selectors import covered_years
from .views import weekday_names

MIN_YEAR, MAX_YEAR = 1999, 2100


def _check_year_range(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationFailed(_("The year %(year)s is out of range.") % {"year": year})


def administered_agencies(user: Any) -> list[Agency]:
    """The agencies ``user`` administers (the roots of the subtrees whose regional days they keep)."""
    return [m.agency for m in memberships_of(user).filter(role=Role.ADMINISTRATOR, agency__is_active=True)]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """系统管理: the national years and the regional holidays within the user's reach."""
    user = request.user
    schedules = HolidaySchedule.objects.order_by("-year")
    if not can_view_drafts(user):
        schedules = schedules.filter(status=ScheduleStatus.CONFIRMED)
    years = covered_years()
    next_year = max([*years, timezone.localdate().year]) + 1 if years else timezone.localdate().year
    regional = [
        (agency, list(RegionalHoliday.objects.filter(agency=agency).order_by("-start")))
        for agency in administered_agencies(user)
        if can_edit_regional_calendar(user, agency)
    ]
    context = {
        "schedules": schedules,
        "may_edit": can_edit_national_calendar(user),
        "next_year": next_year,
        "regional": regional,
    }
    return render(request, "calendars/staff/index.html", context)


def _rows_of_days(days: list[services.DayInput]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    periods, makeups = periods_from_days([(d.date, str(d.kind), d.name) for d in days])
    return (
        [{"name": p.name, "start": p.start, "end": p.end} for p in periods],
        [{"date": m.date, "name": m.name} for m in makeups],
    )


def _days_of_rows(periods: Any, makeups: Any) -> list[services.DayInput]:
    from gongkai.law.holidays import MakeupDay, RestPeriod

    rest = [
        RestPeriod(row.cleaned_data["name"].strip(), row.cleaned_data["start"], row.cleaned_data["end"])
        for row in periods.forms
        if row.cleaned_data.get("start") and row.cleaned_data.get("end")
    ]
    work = [
        MakeupDay(row.cleaned_data["date"], row.cleaned_data.get("name", "").strip())
        for row in makeups.forms
        if row.cleaned_data.get("date")
    ]
    return services.days_from_periods(rest, work)


def _fingerprint(year: int, version: int | None, notice: str, days: list[services.DayInput]) -> str:
    """What was previewed: saving is accepted only for exactly these data."""
    payload = json.dumps(
        [year, version, notice.strip(), [(d.date.isoformat(), str(d.kind), d.name.strip()) for d in days]],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _day_map(days: list[services.DayInput]) -> dict[date, tuple[str, str]]:
    return {d.date: (str(d.kind), d.name) for d in days}


def _stored(schedule: HolidaySchedule | None) -> list[services.DayInput]:
    if schedule is None:
        return []
    return [services.DayInput(d.date, d.kind, d.name) for d in schedule.days.order_by("date")]


def _bound(data: Any) -> tuple[ScheduleForm, Any, Any]:
    data = data.copy()
    fixed_management(data, "periods", PERIOD_ROWS)
    fixed_management(data, "makeups", MAKEUP_ROWS)
    return ScheduleForm(data), PeriodFormSet(data, prefix="periods"), MakeupFormSet(data, prefix="makeups")


def _parsed_data(request: HttpRequest, year: int) -> tuple[QueryDict, list[str]]:
    """The POST with the rows replaced by what the pasted notice says, and the reader's problems."""
    data = request.POST.copy()
    parsed = parse_notice(data.get("notice_text", ""), year=year)
    problems = [problem.message for problem in parsed.problems]
    if parsed.year != year or any(problem.code == "year_mismatch" for problem in parsed.problems):
        if parsed.year != year:
            problems.insert(
                0,
                _("The pasted notice is for %(found)s, not %(year)s: open the page of that year.")
                % {"found": parsed.year, "year": year},
            )
        return data, problems  # the rows stay as they were: this is another year's notice
    if len(parsed.periods) > PERIOD_ROWS or len(parsed.makeup_days) > MAKEUP_ROWS:
        problems.append(_("The notice has more periods than the page has rows: enter the rest by hand."))
    for prefix, rows in (("periods", PERIOD_ROWS), ("makeups", MAKEUP_ROWS)):
        for i in range(rows):
            for name in ("name", "start", "end", "date"):
                data.pop(f"{prefix}-{i}-{name}", None)
    for i, period in enumerate(parsed.periods[:PERIOD_ROWS]):
        data[f"periods-{i}-name"] = period.name
        data[f"periods-{i}-start"] = period.start.isoformat()
        data[f"periods-{i}-end"] = period.end.isoformat()
    for i, makeup in enumerate(parsed.makeup_days[:MAKEUP_ROWS]):
        data[f"makeups-{i}-date"] = makeup.date.isoformat()
        data[f"makeups-{i}-name"] = makeup.name
    if parsed.title and not data.get("notice"):
        data["notice"] = parsed.title
    data["reviewed"] = ""
    if not parsed.periods:
        problems.append(_("No rest period was found in the pasted text."))
    return data, problems


@login_required
def edit(request: HttpRequest, year: int) -> HttpResponse:
    """录入/修改 a year's schedule as the notice writes it."""
    require_national(request.user)
    _check_year_range(year)
    schedule = HolidaySchedule.objects.filter(year=year).first()
    current_days = _stored(schedule)
    context: dict[str, Any] = {"year": year, "schedule": schedule, "weekday_names": weekday_names()}
    status = 200
    if request.method != "POST":
        periods_initial, makeups_initial = _rows_of_days(current_days)
        form = ScheduleForm(
            initial={
                "version": schedule.version if schedule else 0,
                "notice": schedule.notice if schedule else f"国务院办公厅关于{year}年部分节假日安排的通知",
                "notes": schedule.notes if schedule else "",
            }
        )
        periods = PeriodFormSet(prefix="periods", initial=periods_initial)
        makeups = MakeupFormSet(prefix="makeups", initial=makeups_initial)
        if schedule is not None and not schedule.is_confirmed:
            context["confirm_preview"] = services.schedule_preview(
                actor=request.user, year=year, days=current_days, confirm=True
            )
        context.update(form=form, periods=periods, makeups=makeups)
        if current_days:
            context["months"] = year_months(year, _day_map(current_days))
        return render(request, "calendars/staff/edit.html", context)

    action = request.POST.get("action", "preview")
    data: QueryDict = request.POST.copy()
    if action == "parse":
        data, parse_problems = _parsed_data(request, year)
        context["parse_problems"] = parse_problems
    form, periods, makeups = _bound(data)
    context.update(form=form, periods=periods, makeups=makeups)
    if not (form.is_valid() and periods.is_valid() and makeups.is_valid()):
        return render(request, "calendars/staff/edit.html", context, status=400)
    days = _days_of_rows(periods, makeups)
    version = form.cleaned_data.get("version")
    notice = form.cleaned_data["notice"]
    if schedule is not None and version is not None and version != schedule.version:
        context["stale"] = services.stale_message()
        return render(request, "calendars/staff/edit.html", context, status=409)
    try:
        preview = services.schedule_preview(actor=request.user, year=year, days=days)
    except ValidationFailed as error:
        context["save_problems"] = [error.message, *(error.details or [])]
        return render(request, "calendars/staff/edit.html", context, status=400)
    token = _fingerprint(year, version, notice, days)
    if action == "save" and form.cleaned_data.get("reviewed") == token:
        try:
            result = services.schedule_save(
                actor=request.user,
                year=year,
                days=days,
                notice=notice,
                notes=form.cleaned_data["notes"],
                expected_version=version,
                via="web",
            )
        except Conflict as error:
            context["stale"] = error.message
            status = 409
        except ValidationFailed as error:
            context["save_problems"] = [error.message, *(error.details or [])]
            status = 400
        else:
            if result.schedule.is_confirmed:
                moved = sum(r.changed for r in result.recomputed)
                messages.success(
                    request,
                    _("The %(year)s schedule is corrected; %(moved)d stored deadlines were recomputed.")
                    % {"year": year, "moved": moved},
                )
            else:
                messages.success(
                    request,
                    _("The %(year)s schedule is saved as a draft: the clock uses it once it is confirmed.")
                    % {"year": year},
                )
            return redirect("calendar_staff:edit", year=year)
    elif action == "save":
        context["review_first"] = True
    data["reviewed"] = token  # the preview shown: "save" is accepted for exactly these data
    form, periods, makeups = _bound(data)
    form.is_valid()
    periods.is_valid()
    makeups.is_valid()
    context.update(
        form=form,
        periods=periods,
        makeups=makeups,
        preview=preview,
        months=year_months(year, _day_map(days), frozenset(change.date for change in preview.changes)),
    )
    return render(request, "calendars/staff/edit.html", context, status=status)


@login_required
@require_POST
def confirm(request: HttpRequest, year: int) -> HttpResponse:
    require_national(request.user)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        result = services.schedule_confirm(actor=request.user, year=year, expected_version=version, via="web")
    except Conflict as error:
        messages.error(request, error.message)
    except ValidationFailed as error:
        messages.error(request, " ".join([error.message, *(str(d) for d in (error.details or []))]))
    else:
        moved = sum(r.changed for r in result.recomputed)
        messages.success(
            request,
            _("The %(year)s schedule is confirmed: the clock uses it from now on; %(moved)d stored deadlines moved.")
            % {"year": year, "moved": moved},
        )
    return redirect("calendar_staff:edit", year=year)


@login_required
def delete(request: HttpRequest, year: int) -> HttpResponse:
    require_national(request.user)
    schedule = get_object_or_404(HolidaySchedule, year=year)
    if request.method == "POST":
        if request.POST.get("version") != str(schedule.version):
            messages.error(request, services.stale_message())
            return redirect("calendar_staff:edit", year=year)
        services.schedule_delete(actor=request.user, schedule=schedule, via="web")
        messages.success(request, _("The %(year)s schedule is deleted.") % {"year": year})
        return redirect("calendar_staff:index")
    return render(request, "calendars/staff/delete.html", {"schedule": schedule, "year": year})


def _regional_agency(request: HttpRequest, code: str) -> Agency:
    agency = get_object_or_404(Agency, code=code, is_active=True)
    require_regional(request.user, agency)
    return agency


@login_required
def regional(request: HttpRequest, code: str) -> HttpResponse:
    """The regional rest days of one agency's subtree: list and add."""
    agency = _regional_agency(request, code)
    form = RegionalHolidayForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                holiday = services.regional_holiday_add(
                    actor=request.user, agency=agency, via="web", **form.cleaned_data
                )
            except ValidationFailed as error:
                form.add_error(None, error.message)
                for line in error.details or []:
                    form.add_error(None, str(line))
            else:
                messages.success(request, _("“%(holiday)s” is added.") % {"holiday": holiday})
                return redirect("calendar_staff:regional", code=agency.code)
    holidays = list(RegionalHoliday.objects.filter(agency=agency).order_by("-start"))
    national_years = set(covered_years())
    context = {"agency": agency, "form": form, "holidays": holidays, "national_years": national_years}
    return render(request, "calendars/staff/regional.html", context, status=status)


@login_required
@require_POST
def regional_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    agency = _regional_agency(request, code)
    holiday = get_object_or_404(RegionalHoliday, pk=pk, agency=agency)
    services.regional_holiday_delete(actor=request.user, holiday=holiday, via="web")
    messages.success(request, _("“%(holiday)s” is deleted.") % {"holiday": holiday})
    return redirect("calendar_staff:regional", code=agency.code)
