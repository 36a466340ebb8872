"""Remedies: report table 四's cells and counts, and the filing periods with their articles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from gongkai.law.remedies import (
    T4_COLUMNS,
    AppealFact,
    AppealKind,
    AppealResult,
    FilingPeriod,
    add_months,
    filing_deadline,
    litigation_after_reconsideration_deadline,
    litigation_deadline,
    reconsideration_deadline,
    result_as_of,
    table4_cell,
    table4_counts,
)
from gongkai.law.workdays import WorkingCalendar, YearSchedule

R, LD, LA = (
    AppealKind.RECONSIDERATION,
    AppealKind.LITIGATION_DIRECT,
    AppealKind.LITIGATION_AFTER_RECONSIDERATION,
)


@pytest.mark.parametrize(
    ("kind", "result", "cell"),
    [
        (R, AppealResult.UPHELD, ("reconsideration", "upheld")),
        (R, AppealResult.CORRECTED, ("reconsideration", "corrected")),
        (R, AppealResult.OTHER, ("reconsideration", "other")),
        (R, AppealResult.PENDING, ("reconsideration", "pending")),
        (LD, "upheld", ("litigation_direct", "upheld")),
        (LD, "corrected", ("litigation_direct", "corrected")),
        (LD, "other", ("litigation_direct", "other")),
        (LD, "pending", ("litigation_direct", "pending")),
        (LA, "upheld", ("litigation_after_reconsideration", "upheld")),
        (LA, "corrected", ("litigation_after_reconsideration", "corrected")),
        (LA, "other", ("litigation_after_reconsideration", "other")),
        (LA, "pending", ("litigation_after_reconsideration", "pending")),
    ],
)
def test_each_kind_and_result_has_its_cell(kind: AppealKind, result: str, cell: tuple[str, str]) -> None:
    assert table4_cell(kind, result) == cell


def test_an_unknown_kind_or_result_is_refused() -> None:
    with pytest.raises(ValueError, match="complaint"):
        table4_cell("complaint", "upheld")
    with pytest.raises(ValueError, match="won"):
        table4_cell("reconsideration", "won")


@pytest.mark.parametrize(
    ("result", "result_on", "day", "expected"),
    [
        ("upheld", date(2026, 12, 31), date(2026, 12, 31), AppealResult.UPHELD),
        ("upheld", date(2027, 1, 1), date(2026, 12, 31), AppealResult.PENDING),  # decided after 31 December
        ("corrected", date(2026, 3, 1), date(2026, 12, 31), AppealResult.CORRECTED),
        ("other", None, date(2026, 12, 31), AppealResult.PENDING),
        ("pending", None, date(2026, 12, 31), AppealResult.PENDING),
    ],
)
def test_the_result_as_known_on_a_day(result: str, result_on: date | None, day: date, expected: AppealResult) -> None:
    assert result_as_of(result, result_on, day) is expected


def test_counts_take_the_year_of_filing_and_the_result_known_on_31_december() -> None:
    facts = [
        AppealFact(R, "upheld", date(2026, 2, 1), date(2026, 4, 1)),
        AppealFact(R, "corrected", date(2026, 3, 1), date(2026, 5, 1)),
        AppealFact(R, "other", date(2026, 12, 30), date(2027, 1, 10)),  # pending on 31 December
        AppealFact(R, "upheld", date(2025, 12, 30), date(2026, 1, 10)),  # filed the year before: not counted
        AppealFact(LD, "pending", date(2026, 6, 1)),
        AppealFact(LD, "other", date(2026, 6, 2), date(2026, 9, 1)),
        AppealFact(LA, "corrected", date(2026, 7, 1), date(2026, 10, 1)),
    ]
    table = table4_counts(facts, 2026)
    assert table == {
        "reconsideration": {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2},
        "litigation_after_reconsideration": {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1},
    }
    for group in table.values():  # check R4: 总计 = 维持 + 纠正 + 其他 + 尚未审结
        assert list(group) == list(T4_COLUMNS)
        assert group["total"] == sum(group[c] for c in T4_COLUMNS[:-1])
    assert table4_counts(facts, 2025)["reconsideration"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # no 31 February: the month's last day
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
    ],
)
def test_months_end_on_the_corresponding_day(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("function", "start", "last", "article"),
    [
        (reconsideration_deadline, date(2026, 3, 2), date(2026, 5, 1), "行政复议法》第二十条"),
        (litigation_deadline, date(2026, 3, 2), date(2026, 9, 2), "行政诉讼法》第四十六条"),
        (litigation_after_reconsideration_deadline, date(2026, 3, 2), date(2026, 3, 17), "行政诉讼法》第四十五条"),
    ],
)
def test_each_period_counts_from_the_day_after_and_cites_its_article(
    function: Callable[[date], FilingPeriod], start: date, last: date, article: str
) -> None:
    period = function(start)
    assert period.start == start
    assert period.last_day == last
    assert article in period.citation
    assert article in period.text
    assert f"{last.year}年{last.month}月{last.day}日" in period.text


def test_a_last_day_on_a_rest_day_moves_to_the_next_working_day() -> None:
    # 2026-05-01 to 05-05 are the Labour Day holiday in this schedule; 60 days from 2 March end on 1 May
    calendar = WorkingCalendar(
        [YearSchedule(2026, holidays=frozenset(date(2026, 5, d) for d in range(1, 6)), workdays=frozenset())]
    )
    assert reconsideration_deadline(date(2026, 3, 2), calendar).last_day == date(2026, 5, 6)
    assert reconsideration_deadline(date(2026, 3, 2)).last_day == date(2026, 5, 1)


@pytest.mark.parametrize("kind", list(AppealKind))
def test_filing_deadline_dispatches_by_kind(kind: AppealKind) -> None:
    assert filing_deadline(kind.value, date(2026, 3, 2)).kind is kind
