from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import Permission

from gongkai.calendars import selectors, services
from gongkai.calendars.models import HolidaySchedule
from gongkai.calendars.recompute import (
    RecomputeReport,
    clock_due,
    register_recomputer,
    registered_recomputers,
    unregister_recomputer,
)
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.law.clock import Event, EventType
from gongkai.law.workdays import WorkingCalendar
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = date.fromisoformat
Day = services.DayInput


def year_2027() -> list[services.DayInput]:
    # a plausible 2027 notice as an administrator would enter it
    return [
        Day(D("2027-01-01"), "holiday", "元旦"),
        Day(D("2027-02-06"), "holiday", "春节"),
        Day(D("2027-02-07"), "holiday", "春节"),
        Day(D("2027-02-08"), "holiday", "春节"),
        Day(D("2027-02-09"), "holiday", "春节"),
        Day(D("2027-02-10"), "holiday", "春节"),
        Day(D("2027-02-11"), "holiday", "春节"),
        Day(D("2027-02-12"), "holiday", "春节"),
        Day(D("2027-02-13"), "holiday", "春节"),
        Day(D("2027-02-20"), "workday", "春节"),
    ]


@pytest.fixture
def calendar_admin() -> Any:
    user = UserFactory(username="calendar_admin")
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="calendars"))
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


def test_entering_a_new_year_covers_it_and_is_audited(calendar_admin: Any) -> None:
    before = selectors.get_calendar()
    assert not before.covers(D("2027-03-01"))
    result = services.schedule_save(
        actor=calendar_admin, year=2027, days=year_2027(), notice="国办发明电〔2026〕X号", via="test"
    )
    cal = selectors.get_calendar()
    assert cal is not before
    assert cal.add_working_days(D("2026-12-31"), 1) == D("2027-01-04")
    assert cal.add_working_days(D("2027-02-05"), 1) == D("2027-02-15")
    assert cal.is_working_day(D("2027-02-20"))
    event = AuditEvent.objects.get(action="calendar.schedule_created")
    assert event.actor == calendar_admin
    assert event.details["year"] == 2027
    assert "2027-02-20 workday 春节" in event.details["added"]
    assert result.schedule.source == HolidaySchedule.Source.MANUAL


def test_the_cached_calendar_is_reused_until_an_edit(calendar_admin: Any) -> None:
    first = selectors.get_calendar()
    assert selectors.get_calendar() is first
    services.schedule_save(actor=calendar_admin, year=2027, days=year_2027()[:1])
    assert selectors.get_calendar() is not first


def test_editing_a_year_replaces_its_days(calendar_admin: Any) -> None:
    services.schedule_save(actor=calendar_admin, year=2027, days=year_2027())
    services.schedule_save(actor=calendar_admin, year=2027, days=year_2027()[:1])
    event = AuditEvent.objects.get(action="calendar.schedule_changed")
    assert "2027-02-06 holiday 春节" in event.details["removed"]
    assert selectors.get_calendar().is_working_day(D("2027-02-08"))


def test_deleting_a_year_makes_it_uncovered_again(calendar_admin: Any) -> None:
    services.schedule_save(actor=calendar_admin, year=2027, days=year_2027())
    services.schedule_delete(actor=calendar_admin, schedule=HolidaySchedule.objects.get(year=2027))
    assert not selectors.get_calendar().covers(D("2027-01-04"))
    assert AuditEvent.objects.filter(action="calendar.schedule_deleted").count() == 1


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (Day(D("2027-02-22"), "workday"), "调休上班日应为星期六或星期日"),
        (Day(D("2026-12-31"), "holiday"), "不在2027年"),
        (Day(D("2027-01-01"), "nonsense"), "无法识别"),
    ],
)
def test_invalid_days_are_refused_in_chinese(calendar_admin: Any, day: services.DayInput, message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        services.schedule_save(actor=calendar_admin, year=2027, days=[day])
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_duplicate_days_are_refused(calendar_admin: Any) -> None:
    with pytest.raises(ValidationFailed, match="重复"):
        services.schedule_save(actor=calendar_admin, year=2027, days=[year_2027()[0], year_2027()[0]])


def test_only_calendar_administrators_may_edit(world: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.schedule_save(actor=world.users["handler"], year=2027, days=year_2027())


@dataclass
class StoredCase:
    """What the cases app will store: clock inputs and the due date computed from them."""

    received: date
    events: list[Event]
    due: date | None


def test_an_edit_recomputes_the_stored_due_dates(calendar_admin: Any) -> None:
    today = D("2026-12-28")
    cases = {
        "open, into 2027": StoredCase(D("2026-12-21"), [], None),
        "open, inside 2026": StoredCase(
            D("2026-11-02"), [Event(EventType.CONSULTATION_STARTED, D("2026-11-09"))], None
        ),
    }

    def recompute(calendar: WorkingCalendar) -> RecomputeReport:
        report = RecomputeReport("test-cases")
        for name, case in cases.items():
            report.checked += 1
            result = clock_due(case.received, case.events, today, calendar)
            if result.error:
                report.failed.append(f"{name}: {result.error}")
            elif result.due != case.due:
                case.due = result.due
                report.changed += 1
        return report

    register_recomputer("test-cases", recompute)
    try:
        assert "test-cases" in registered_recomputers()
        # before 2027 is loaded, the case running into it cannot be computed (and says why)
        assert recompute(selectors.get_calendar()).failed == ["open, into 2027: 2027年节假日安排尚未录入"]
        services.schedule_save(actor=calendar_admin, year=2027, days=year_2027())
        # 2026-12-22..31 (8), 2027-01-04..08 (13), 01-11..15 (18), 01-18, 01-19 (20)
        assert cases["open, into 2027"].due == D("2027-01-19")
        event = AuditEvent.objects.get(action="calendar.schedule_created")
        assert event.details["recomputed"]["test-cases"]["changed"] == 1
        # a holiday inside a running period moves its stored due date by one working day
        paused_due = clock_due(cases["open, inside 2026"].received, [], today, selectors.get_calendar()).due
        assert paused_due == D("2026-11-30")
        days = [*year_2027(), Day(D("2027-01-18"), "holiday", "测试")]
        services.schedule_save(actor=calendar_admin, year=2027, days=days)
        assert cases["open, into 2027"].due == D("2027-01-20")
    finally:
        unregister_recomputer("test-cases")
