"""The standing alert for holiday schedules not yet entered, and its provisional cases."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from gongkai.cases.alerts import missing_schedule_years, schedule_alert
from gongkai.cases.models import Case
from tests.conftest import World

from .builders import assigned

COVERED = set(range(2004, 2027))


@pytest.mark.parametrize(
    ("today", "covered", "last_due", "expected"),
    [
        (date(2026, 6, 1), COVERED, None, ()),  # mid-year, all loaded: nothing to enter
        (date(2026, 11, 30), COVERED, None, ()),  # before December: not yet due
        (date(2026, 12, 1), COVERED, None, (2027,)),  # December: next year's notice is awaited
        (date(2026, 12, 1), COVERED | {2027}, None, ()),  # entered already
        (date(2026, 11, 20), COVERED, date(2027, 1, 8), (2027,)),  # a case already runs into it
        (date(2026, 12, 20), COVERED, date(2028, 2, 1), (2027, 2028)),  # an extension reaching far
        (date(2027, 1, 4), COVERED, None, (2027,)),  # the year has begun without a schedule
    ],
)
def test_the_years_to_enter(today: date, covered: set[int], last_due: date | None, expected: tuple[int, ...]) -> None:
    assert missing_schedule_years(today, covered, last_due) == expected


@pytest.mark.django_db
def test_the_alert_is_for_those_who_keep_the_national_schedule(world: World) -> None:
    case = assigned(world)
    Case.objects.filter(pk=case.pk).update(due_provisional=True, due_on=date(2027, 1, 12))
    alert = schedule_alert(world.users["admin"], today=date(2026, 12, 3))
    assert alert is not None
    assert alert.years == (2027,)
    assert alert.provisional_cases == 1
    assert schedule_alert(world.users["handler"], today=date(2026, 12, 3)) is None
    assert schedule_alert(world.users["head"], today=date(2026, 12, 3)) is None


@pytest.mark.django_db
def test_closed_cases_do_not_count(world: World) -> None:
    case = assigned(world)
    Case.objects.filter(pk=case.pk).update(due_provisional=True, due_on=date(2027, 1, 12), status="closed")
    assert schedule_alert(world.users["admin"], today=date(2026, 6, 1)) is None


@pytest.mark.django_db
def test_the_dashboard_and_the_list_show_the_alert_with_a_link_to_enter_the_year(world: World) -> None:
    case = assigned(world)
    Case.objects.filter(pk=case.pk).update(due_provisional=True, due_on=date(2030, 1, 12))
    admin = Client()
    admin.force_login(world.users["admin"])
    for page in ("/staff/", "/staff/cases/"):
        body = admin.get(page).content.decode()
        assert "节假日安排尚未录入" in body
        assert "1 件" in body
        assert "/staff/calendar/2030/edit/" in body
    handler = Client()
    handler.force_login(world.users["handler"])
    assert "节假日安排尚未录入" not in handler.get("/staff/cases/").content.decode()
