"""The seed migration loads every official schedule, and the data agrees with both libraries."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import holidays
import pytest

from gongkai.calendars.models import HolidaySchedule, ScheduleDay
from gongkai.calendars.selectors import build_calendar, covered_years, get_calendar
from gongkai.law.errors import YearNotLoaded
from tests.law.official import CAL, naive_is_working

# Documented in docs/calendar.md: chinese-calendar 1.11.0 misses this make-up working day of the
# 2006 notice (国办发明电〔2005〕35号: “12月31日（星期六）上班”); `holidays` has it.
CORRECTED = {date(2005, 12, 31)}


def all_days(first: int, last: int) -> list[date]:
    day, end, out = date(first, 1, 1), date(last, 12, 31), []
    while day <= end:
        out.append(day)
        day += timedelta(days=1)
    return out


@pytest.mark.django_db
def test_every_official_year_is_loaded_and_2027_is_not() -> None:
    assert covered_years() == list(range(2004, 2027))
    assert set(HolidaySchedule.objects.values_list("source", flat=True)) == {"seed"}
    assert ScheduleDay.objects.filter(date="2024-02-18", kind="workday").exists()
    with pytest.raises(YearNotLoaded, match="2027年节假日安排尚未录入"):
        get_calendar().is_working_day(date(2027, 1, 4))


@pytest.mark.django_db
def test_the_database_calendar_is_the_data_file() -> None:
    cal = build_calendar()
    assert all(cal.is_working_day(day) is CAL.is_working_day(day) for day in all_days(2004, 2026))


def test_data_agrees_with_chinese_calendar_except_the_documented_correction() -> None:
    disagree = {day for day in all_days(2004, 2026) if chinese_calendar.is_workday(day) != naive_is_working(day)}
    assert disagree == CORRECTED


def test_data_agrees_with_holidays_on_every_day_of_every_official_year() -> None:
    china = holidays.China(years=range(2004, 2027))
    disagree = {day for day in all_days(2004, 2026) if china.is_working_day(day) != naive_is_working(day)}
    assert disagree == set()


def test_holidays_projects_2027_without_make_up_days_so_it_is_not_official() -> None:
    """Why 2027 is not seeded: `holidays` returns a rule-based guess with no make-up working days."""
    projected = holidays.China(years=2027)
    assert len(projected) > 0
    saturdays_and_sundays = [d for d in all_days(2027, 2027) if d.weekday() >= 5]
    assert not any(projected.is_working_day(d) for d in saturdays_and_sundays)
