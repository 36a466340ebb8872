"""Daily reminders to staff: cases due within three working days, and overdue cases.

``remind`` is what ``gongkai remind`` runs (from cron, any number of times a day): each open case
whose reply clock runs and is due soon or overdue is told to its handler and to the office heads
of its agency — in the workspace and by e-mail — once per case, person and day (the message key
holds the day, and the outbox keeps one message per key and recipient).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse

from gongkai.agencies.models import Membership, Role
from gongkai.calendars.selectors import get_calendar
from gongkai.cases.models import OPEN_STATUSES, Case
from gongkai.law.clock import ClockStateName
from gongkai.law.errors import LawError
from gongkai.law.workdays import WorkingCalendar

from .receivers import case_values, site_url, staff_recipients
from .services import notify

DUE_SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class Reminded:
    cases: int  # cases due soon or overdue
    messages: int  # messages queued now (0 for a case already told today)


def _calendar(today: date) -> WorkingCalendar:
    calendar = get_calendar()
    try:
        calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    except LawError:  # next year's schedule not entered yet: weekends only beyond (the 暂定 rule)
        return calendar.with_provisional_years(today.year + 1)
    return calendar


def _heads_by_agency(agency_ids: set[int]) -> dict[int, list[Any]]:
    heads: dict[int, list[Any]] = {}
    rows = Membership.objects.filter(agency_id__in=agency_ids, role=Role.HEAD, user__is_active=True)
    for membership in rows.select_related("user"):
        heads.setdefault(membership.agency_id, []).append(membership.user)
    return heads


def remind(today: date) -> Reminded:
    calendar = _calendar(today)
    horizon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    cases = list(
        Case.objects.filter(
            status__in=OPEN_STATUSES, clock_state=ClockStateName.RUNNING.value, due_on__lte=horizon
        ).select_related("agency", "handler")
    )
    heads = _heads_by_agency({case.agency_id for case in cases})
    messages = 0
    for case in cases:
        assert case.due_on is not None
        overdue = case.due_on < today
        people = {user.pk: user for user in heads.get(case.agency_id, [])}
        if case.handler is not None and case.handler.is_active:
            people[case.handler.pk] = case.handler
        link = reverse("cases:detail", args=[case.pk])
        values = {
            **case_values(case),
            "left": 0 if overdue else calendar.working_days_between(today, case.due_on),
            "link": site_url(link),
        }
        with transaction.atomic():
            for user in people.values():
                made = notify(
                    event_key=f"remind:{case.pk}:{today.isoformat()}",
                    kind="overdue" if overdue else "due_soon",
                    recipients=staff_recipients(user),
                    values=values,
                    link=link,
                    case=case,
                    agency=case.agency,
                )
                messages += len(made)
    return Reminded(cases=len(cases), messages=messages)
