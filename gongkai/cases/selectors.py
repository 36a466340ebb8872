"""Every read of cases. Staff reads go through ``gongkai.agencies.scoping``; the lists the
workspace, the API and ``gongkai cases`` show are the same querysets."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.scoping import AnyUser, get_in_scope, scope
from gongkai.calendars.selectors import get_calendar
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.law.clock import ClockStateName
from gongkai.law.errors import LawError

from .models import OPEN_STATUSES, Case
from .states import CASE_STATES


def _base() -> models.QuerySet[Case]:
    return Case.objects.select_related("agency", "applicant", "handler")


def staff_cases(user: AnyUser | None) -> models.QuerySet[Case]:
    """The cases ``user`` may see (``None``: the system operator at the console sees all)."""
    return _base() if user is None else scope(_base(), user)


def in_subtree(cases: models.QuerySet[Case], agency: Agency) -> models.QuerySet[Case]:
    return cases.filter(agency__path__startswith=agency.path)


def open_cases(cases: models.QuerySet[Case]) -> models.QuerySet[Case]:
    return cases.filter(status__in=OPEN_STATUSES)


def overdue(cases: models.QuerySet[Case], today: date | None = None) -> models.QuerySet[Case]:
    """Open cases whose clock runs and whose due date has passed."""
    today = today or timezone.localdate()
    return open_cases(cases).filter(clock_state=ClockStateName.RUNNING, due_on__lt=today)


def due_within(cases: models.QuerySet[Case], working_days: int, today: date | None = None) -> models.QuerySet[Case]:
    """Open, running cases due from today up to ``working_days`` working days ahead."""
    if working_days < 0:
        raise ValidationFailed("天数不能为负数。")
    today = today or timezone.localdate()
    try:
        last = get_calendar().add_working_days(today, working_days)
    except LawError as problem:
        raise ValidationFailed(problem.message) from problem
    return open_cases(cases).filter(clock_state=ClockStateName.RUNNING, due_on__gte=today, due_on__lte=last)


def staff_case(user: AnyUser | None, number: str) -> Case:
    """One case by number, within the user's reach (else ``NotFound``, the same for a missing one)."""
    if user is None:
        found = _base().filter(number=number).first()
        if found is None:
            raise NotFound(f"没有编号为“{number}”的申请。")
        return found
    return get_in_scope(_base(), user, number=number)


def case_row(case: Case) -> dict[str, Any]:
    """A case as every list shows it (workspace, API, ``gongkai cases list``)."""
    return {
        "number": case.number,
        "agency": case.agency.code,
        "status": case.status,
        "status_label": CASE_STATES.label(case.status),
        "received_on": case.received_on.isoformat() if case.received_on else None,
        "due": case.due_on.isoformat() if case.due_on else None,
        "due_provisional": case.due_provisional,
        "clock_state": case.clock_state or None,
        "handler": case.handler.get_username() if case.handler else None,
        "applicant": case.applicant.name,
    }


def case_timeline(case: Case) -> list[dict[str, object]]:
    return [
        {"on": e.on.isoformat(), "action": e.action, "by": e.actor_label, "data": e.data, "note": e.note}
        for e in case.events.order_by("on", "at", "id")
    ]
