from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law.errors import YearNotLoaded
from gongkai.law.workdays import WorkingCalendar, YearSchedule

from .official import CAL, load_schedules, naive_add, naive_is_working

D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2024: Spring Festival 2-10..17 off, 2-4 (Sun) and 2-18 (Sun) worked; National Day 10-1..7 off,
        # 9-29 (Sun) and 10-12 (Sat) worked
        ("2024-02-04", True),
        ("2024-02-09", True),
        ("2024-02-12", False),
        ("2024-02-18", True),
        ("2024-09-29", True),
        ("2024-10-04", False),
        ("2024-10-12", True),
        ("2024-10-13", False),
        # 2025: Spring Festival 1-28..2-4, 1-26 (Sun) and 2-8 (Sat) worked; 10-1..8 off, 9-28 and 10-11 worked
        ("2025-01-26", True),
        ("2025-02-03", False),
        ("2025-02-08", True),
        ("2025-10-08", False),
        ("2025-10-11", True),
        # 2026: New Year 1-1..3 off, 1-4 (Sun) worked; Spring Festival 2-15..23 off, 2-14 and 2-28 (Sat) worked
        ("2026-01-02", False),
        ("2026-01-04", True),
        ("2026-02-14", True),
        ("2026-02-23", False),
        ("2026-02-28", True),
        ("2026-03-01", False),
        ("2026-12-31", True),
    ],
)
def test_is_working_day(day: str, working: bool) -> None:
    assert CAL.is_working_day(D(day)) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2024-02-08", 1, "2024-02-09"),  # Thursday before the Spring Festival
        ("2024-02-08", 2, "2024-02-18"),  # the make-up Sunday counts
        ("2024-02-08", 3, "2024-02-19"),
        ("2024-02-10", 1, "2024-02-18"),  # received on a holiday: day 1 is the make-up Sunday
        ("2024-09-27", 1, "2024-09-29"),  # Friday → make-up Sunday
        ("2024-09-30", 1, "2024-10-08"),  # National Day week skipped
        ("2024-10-11", 1, "2024-10-12"),  # make-up Saturday
        ("2024-12-31", 1, "2025-01-02"),  # year end: 1-1 off
        ("2025-01-24", 1, "2025-01-26"),  # make-up Sunday before Spring Festival 2025
        ("2025-01-26", 1, "2025-01-27"),
        ("2025-01-27", 1, "2025-02-05"),
        ("2025-09-30", 1, "2025-10-09"),  # National Day + Mid-autumn 2025 (10-1..8)
        ("2025-12-31", 1, "2026-01-04"),  # 2026 New Year: 1-4 (Sun) worked
        ("2026-02-13", 1, "2026-02-14"),
        ("2026-02-14", 1, "2026-02-24"),
        ("2026-01-30", 1, "2026-02-02"),  # month end, ordinary weekend
        ("2024-09-20", 20, "2024-10-23"),
        ("2024-02-01", 20, "2024-03-05"),
        ("2024-02-01", 0, "2024-02-01"),
    ],
)
def test_add_working_days(start: str, n: int, expected: str) -> None:
    assert CAL.add_working_days(D(start), n) == D(expected)
    assert naive_add(D(start), n) == D(expected)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        ("2024-02-08", "2024-02-19", 3),
        ("2024-09-30", "2024-10-12", 5),  # 10-8..11 and the make-up 10-12
        ("2024-12-31", "2025-01-02", 1),
        ("2025-02-05", "2025-01-27", -1),
        ("2026-03-02", "2026-03-02", 0),
    ],
)
def test_working_days_between(start: str, end: str, count: int) -> None:
    assert CAL.working_days_between(D(start), D(end)) == count


@pytest.mark.parametrize("day", ["2027-01-04", "2003-12-31", "2028-06-01"])
def test_unloaded_year_is_an_error_not_a_guess(day: str) -> None:
    with pytest.raises(YearNotLoaded, match=f"{day[:4]}年节假日安排尚未录入") as caught:
        CAL.is_working_day(D(day))
    assert caught.value.code == "year_not_loaded"


def test_counting_past_the_last_loaded_year_fails() -> None:
    with pytest.raises(YearNotLoaded, match="2027年节假日安排尚未录入"):
        CAL.add_working_days(D("2026-12-20"), 20)
    assert CAL.add_working_days(D("2026-12-01"), 20) == D("2026-12-29")


def test_a_missing_year_between_loaded_years_is_not_crossed() -> None:
    cal = WorkingCalendar(load_schedules({2024, 2026}))
    assert cal.add_working_days(D("2024-12-02"), 5) == D("2024-12-09")
    with pytest.raises(YearNotLoaded, match="2025年"):
        cal.add_working_days(D("2024-12-20"), 20)
    with pytest.raises(YearNotLoaded, match="2025年"):
        cal.working_days_between(D("2024-12-20"), D("2026-01-10"))
    with pytest.raises(YearNotLoaded, match="2025年"):
        cal.is_working_day(D("2025-03-03"))


def test_an_empty_calendar_covers_nothing() -> None:
    cal = WorkingCalendar([])
    assert not cal.covers(D("2024-01-02"))
    with pytest.raises(YearNotLoaded):
        cal.add_working_days(D("2024-01-02"), 1)


def test_schedule_edit_changes_the_answer() -> None:
    plain = WorkingCalendar([YearSchedule(2030)])  # a year with no holidays: weekends only
    assert plain.add_working_days(D("2030-01-04"), 1) == D("2030-01-07")
    edited = WorkingCalendar([YearSchedule(2030, frozenset({D("2030-01-07")}), frozenset({D("2030-01-05")}))])
    assert edited.add_working_days(D("2030-01-04"), 1) == D("2030-01-05")
    assert edited.add_working_days(D("2030-01-04"), 2) == D("2030-01-08")


def test_next_working_day_rolls_over_rest_days() -> None:
    assert CAL.next_working_day(D("2024-10-01")) == D("2024-10-08")
    assert CAL.next_working_day(D("2024-10-08")) == D("2024-10-08")


days = st.dates(min_value=D("2004-01-01"), max_value=D("2026-10-31"))


@given(days, st.integers(min_value=0, max_value=40))
def test_index_agrees_with_a_day_by_day_walk(start: date, n: int) -> None:
    result = CAL.add_working_days(start, n)
    assert result == naive_add(start, n)
    assert CAL.working_days_between(start, result) == n
    if n:
        assert CAL.is_working_day(result)


@given(st.dates(min_value=D("2004-01-02"), max_value=D("2026-12-31")))
def test_is_working_day_agrees_with_the_rule(day: date) -> None:
    assert CAL.is_working_day(day) is naive_is_working(day)
    assert CAL.working_days_between(day - timedelta(days=1), day) == int(naive_is_working(day))
