"""The calendar services: drafts, confirmation, corrections, deletes; audited, recomputing stored due dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from gongkai.calendars import selectors, services
from gongkai.calendars.models import HolidaySchedule, ScheduleStatus
from gongkai.calendars.recompute import RecomputeReport, clock_due, register_recomputer, unregister_recomputer
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.law.clock import Event, EventType
from gongkai.law.workdays import WorkingCalendar

from .conftest import days_2027

pytestmark = pytest.mark.django_db
D = date.fromisoformat
Day = services.DayInput


def enter_and_confirm(actor: Any) -> HolidaySchedule:
    services.schedule_save(actor=actor, year=2027, days=days_2027(), notice="国办发明电〔2026〕X号", via="test")
    return services.schedule_confirm(actor=actor, year=2027, via="test").schedule


def test_a_new_year_is_a_draft_the_clock_does_not_use(platform_admin: Any) -> None:
    result = services.schedule_save(actor=platform_admin, year=2027, days=days_2027(), via="test")
    assert result.schedule.status == ScheduleStatus.DRAFT
    assert not selectors.get_calendar().covers(D("2027-03-01"))
    assert not selectors.build_calendar().covers(D("2027-03-01"))
    assert 2027 not in selectors.covered_years()
    assert selectors.schedule_of_year(2027) is None
    event = AuditEvent.objects.get(action="calendar.schedule_created")
    assert event.actor == platform_admin
    assert "2027-02-20 workday 春节" in event.details["added"]
    assert event.details["status"] == "draft"


def test_confirming_puts_the_year_in_use_and_is_audited(platform_admin: Any) -> None:
    before = selectors.get_calendar()
    schedule = enter_and_confirm(platform_admin)
    assert schedule.status == ScheduleStatus.CONFIRMED
    cal = selectors.get_calendar()
    assert cal is not before
    assert cal.add_working_days(D("2026-12-31"), 1) == D("2027-01-04")
    assert cal.add_working_days(D("2027-02-04"), 1) == D("2027-02-15")
    assert cal.is_working_day(D("2027-02-20"))  # a make-up Saturday
    event = AuditEvent.objects.get(action="calendar.schedule_confirmed")
    assert (event.details["from"], event.details["to"]) == ("draft", "confirmed")
    assert event.actor == platform_admin
    assert "法定节假日13天" in event.details["summary"]


def test_an_incomplete_year_cannot_be_confirmed_and_the_refusal_says_what_is_missing(platform_admin: Any) -> None:
    only_new_year = [Day(D("2027-01-01"), "holiday", "元旦")]
    services.schedule_save(actor=platform_admin, year=2027, days=only_new_year, via="test")
    with pytest.raises(ValidationFailed) as refused:
        services.schedule_confirm(actor=platform_admin, year=2027)
    lines = [refused.value.message, *refused.value.details]
    text = "\n".join(lines)
    assert "2027年节假日安排不完整" in text
    for festival in ("春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"):
        assert f"缺少{festival}" in text, text
    assert "缺少元旦" not in text
    assert HolidaySchedule.objects.get(year=2027).status == ScheduleStatus.DRAFT
    assert not selectors.get_calendar().covers(D("2027-02-08"))
    assert not AuditEvent.objects.filter(action="calendar.schedule_confirmed").exists()


def test_a_confirmed_year_is_not_confirmed_twice(platform_admin: Any) -> None:
    enter_and_confirm(platform_admin)
    with pytest.raises(InvalidTransition, match="已确认"):
        services.schedule_confirm(actor=platform_admin, year=2027)


def test_the_seeded_years_are_confirmed_and_complete() -> None:
    assert list(HolidaySchedule.objects.exclude(status=ScheduleStatus.CONFIRMED)) == []
    assert selectors.covered_years() == list(range(2004, 2027))
    for schedule in HolidaySchedule.objects.all():
        stored = [Day(d.date, d.kind, d.name) for d in schedule.days.all()]
        assert services.check_days(schedule.year, stored).complete, schedule.year


def test_correcting_a_confirmed_year_must_stay_complete(platform_admin: Any) -> None:
    enter_and_confirm(platform_admin)
    without_spring_festival = [d for d in days_2027() if d.name != "春节"]
    with pytest.raises(ValidationFailed, match="2027年节假日安排不完整") as refused:
        services.schedule_save(actor=platform_admin, year=2027, days=without_spring_festival)
    assert any(line.startswith("缺少春节") for line in refused.value.details)
    assert not selectors.get_calendar().is_working_day(D("2027-02-08"))  # unchanged


def test_a_correction_raises_the_version_and_a_stale_form_is_refused(platform_admin: Any, superuser: Any) -> None:
    schedule = enter_and_confirm(platform_admin)
    version = schedule.version
    days = [*days_2027(), Day(D("2027-01-18"), "holiday", "测试")]
    with pytest.raises(ValidationFailed):  # 测试 is no festival: the check refuses the name
        services.schedule_save(actor=superuser, year=2027, days=days, expected_version=version)
    days = [d for d in days_2027() if d.date != D("2027-10-09")] + [Day(D("2027-10-10"), "workday", "国庆节")]
    result = services.schedule_save(actor=superuser, year=2027, days=days, expected_version=version)
    assert result.schedule.version == version + 1
    assert result.schedule.status == ScheduleStatus.CONFIRMED
    assert selectors.get_calendar().is_working_day(D("2027-10-10"))
    assert not selectors.get_calendar().is_working_day(D("2027-10-09"))
    event = AuditEvent.objects.get(action="calendar.schedule_corrected")
    assert event.details["removed"] == ["2027-10-09 workday 国庆节"]
    assert event.details["added"] == ["2027-10-10 workday 国庆节"]
    # the other administrator's form was made from the old version: refused, nothing changes
    with pytest.raises(Conflict, match="另一位管理员已修改本年安排，请刷新后重试"):
        services.schedule_save(actor=platform_admin, year=2027, days=days_2027(), expected_version=version)
    assert selectors.get_calendar().is_working_day(D("2027-10-10"))
    # a form for a new year (version 0) is refused once someone else has entered it
    with pytest.raises(Conflict):
        services.schedule_save(actor=platform_admin, year=2027, days=days_2027(), expected_version=0)
    with pytest.raises(Conflict):
        services.schedule_confirm(actor=platform_admin, year=2027, expected_version=version)


def test_the_cached_calendar_is_reused_until_an_edit(platform_admin: Any) -> None:
    first = selectors.get_calendar()
    assert selectors.get_calendar() is first
    services.schedule_save(actor=platform_admin, year=2027, days=days_2027()[:1])
    assert selectors.get_calendar().years == first.years  # a draft changes nothing the clock uses
    draft = services.schedule_save(actor=platform_admin, year=2027, days=days_2027()).schedule
    assert selectors.get_calendar() is first
    services.schedule_confirm(actor=platform_admin, year=2027, expected_version=draft.version)
    assert selectors.get_calendar() is not first


def test_deleting_a_year_makes_it_uncovered_again(platform_admin: Any) -> None:
    schedule = enter_and_confirm(platform_admin)
    services.schedule_delete(actor=platform_admin, schedule=schedule)
    assert not selectors.get_calendar().covers(D("2027-01-04"))
    event = AuditEvent.objects.get(action="calendar.schedule_deleted")
    assert event.details["was_confirmed"] is True
    assert event.object_id == str(schedule.pk)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (Day(D("2027-02-22"), "workday"), "调休上班日应为星期六或星期日"),
        (Day(D("2026-12-31"), "holiday"), "不在2027年"),
        (Day(D("2027-01-01"), "nonsense"), "无法识别"),
    ],
)
def test_invalid_days_are_refused_in_chinese(platform_admin: Any, day: services.DayInput, message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        services.schedule_save(actor=platform_admin, year=2027, days=[day])
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_duplicate_days_are_refused(platform_admin: Any) -> None:
    with pytest.raises(ValidationFailed, match="重复"):
        services.schedule_save(actor=platform_admin, year=2027, days=[days_2027()[0], days_2027()[0]])


@dataclass
class StoredCase:
    """What the cases app will store: clock inputs and the due date computed from them."""

    received: date
    events: list[Event]
    due: date | None


def test_confirming_and_correcting_recompute_the_stored_due_dates(platform_admin: Any) -> None:
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
        assert recompute(selectors.get_calendar()).failed == ["open, into 2027: 2027年节假日安排尚未录入"]
        services.schedule_save(actor=platform_admin, year=2027, days=days_2027())
        assert cases["open, into 2027"].due is None  # a draft moves nothing
        result = services.schedule_confirm(actor=platform_admin, year=2027)
        # 2026-12-22..31 (8), 2027-01-04..08 (13), 01-11..15 (18), 01-18, 01-19 (20)
        assert cases["open, into 2027"].due == D("2027-01-19")
        assert [r.changed for r in result.recomputed if r.name == "test-cases"] == [1]
        days = [*(d for d in days_2027() if d.name != "元旦"), Day(D("2027-01-01"), "holiday", "元旦")]
        days += [Day(D("2027-01-18"), "holiday", "元旦")]  # a correction that adds a rest day to 元旦's name
        with pytest.raises(ValidationFailed):
            services.schedule_save(actor=platform_admin, year=2027, days=days)  # 1月18日 is no 元旦 day
        assert cases["open, into 2027"].due == D("2027-01-19")
    finally:
        unregister_recomputer("test-cases")
