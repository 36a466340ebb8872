"""Remedies against a reply (行政复议 / 行政诉讼): report table 四's cells and the filing periods.

Report table 四 (国办公开办函〔2021〕30号; shared/spec/annual-report.md) has three groups —
行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉 — of five numbers each: 结果维持,
结果纠正, 其他结果, 尚未审结, 总计. 纠正 covers revoked, varied, declared unlawful and ordered
to perform; 其他 covers dismissed, terminated, withdrawn and mediated; 尚未审结 is a matter still
pending on 31 December. A matter counts in the year it was filed (申请复议 / 起诉之日), in the
column of its result as known on 31 December of that year.

The periods an applicant has, which every reply states (Regulation Art. 51):

- 行政复议: within 60 days of the day the applicant knew or should have known of the act
  (《中华人民共和国行政复议法》(2023年修订) 第二十条第一款);
- 行政诉讼 directly: within 6 months of that day (《中华人民共和国行政诉讼法》第四十六条第一款);
- 行政诉讼 after reconsideration: within 15 days of receiving the reconsideration decision, or
  of the end of the reconsideration period when the body did not decide (行政诉讼法 第四十五条).

Periods in days or months do not count their first day (《民法典》第二百零一条); a period in
months ends on the corresponding day of the last month, or that month's last day when it has
no such day (第二百零二条); a last day that is a rest day moves to the next working day
(第二百零三条) — done when a working calendar is given. No Django here: dates in, dates out.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .workdays import WorkingCalendar


class AppealKind(StrEnum):
    """The three groups of report table 四 (their keys in report JSON ``t4``)."""

    RECONSIDERATION = "reconsideration"  # 行政复议
    LITIGATION_DIRECT = "litigation_direct"  # 行政诉讼 未经复议直接起诉
    LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration"  # 行政诉讼 复议后起诉


class AppealResult(StrEnum):
    """The result columns of report table 四 (without 总计)."""

    PENDING = "pending"  # 尚未审结
    UPHELD = "upheld"  # 结果维持
    CORRECTED = "corrected"  # 结果纠正
    OTHER = "other"  # 其他结果


KIND_LABELS: dict[AppealKind, str] = {
    AppealKind.RECONSIDERATION: "行政复议",
    AppealKind.LITIGATION_DIRECT: "行政诉讼（未经复议直接起诉）",
    AppealKind.LITIGATION_AFTER_RECONSIDERATION: "行政诉讼（复议后起诉）",
}

RESULT_LABELS: dict[AppealResult, str] = {
    AppealResult.UPHELD: "结果维持",
    AppealResult.CORRECTED: "结果纠正",
    AppealResult.OTHER: "其他结果",
    AppealResult.PENDING: "尚未审结",
}

#: The groups of table 四 in the report's order, and each group's columns in order.
T4_GROUPS: tuple[AppealKind, ...] = (
    AppealKind.RECONSIDERATION,
    AppealKind.LITIGATION_DIRECT,
    AppealKind.LITIGATION_AFTER_RECONSIDERATION,
)
T4_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")

RECONSIDERATION_DAYS = 60
LITIGATION_MONTHS = 6
AFTER_RECONSIDERATION_DAYS = 15

CITATIONS: dict[AppealKind, str] = {
    AppealKind.RECONSIDERATION: "《中华人民共和国行政复议法》第二十条第一款",
    AppealKind.LITIGATION_DIRECT: "《中华人民共和国行政诉讼法》第四十六条第一款",
    AppealKind.LITIGATION_AFTER_RECONSIDERATION: "《中华人民共和国行政诉讼法》第四十五条",
}


def table4_cell(kind: AppealKind | str, result: AppealResult | str) -> tuple[str, str]:
    """The (group, column) of report table 四 where a matter of ``kind`` with ``result`` counts."""
    return AppealKind(kind).value, AppealResult(result).value


def result_as_of(result: AppealResult | str, result_on: date | None, day: date) -> AppealResult:
    """The result as known on ``day``: a result given after it is still 尚未审结 then."""
    found = AppealResult(result)
    if found is AppealResult.PENDING or result_on is None or result_on > day:
        return AppealResult.PENDING
    return found


def empty_table4() -> dict[str, dict[str, int]]:
    """Table 四 with every count zero, keyed as report JSON ``t4``."""
    return {kind.value: dict.fromkeys(T4_COLUMNS, 0) for kind in T4_GROUPS}


@dataclass(frozen=True)
class AppealFact:
    """What table 四 needs of one matter."""

    kind: AppealKind | str
    result: AppealResult | str
    filed_on: date
    result_on: date | None = None


def table4_counts(appeals: Iterable[AppealFact], year: int) -> dict[str, dict[str, int]]:
    """Table 四 of ``year``: the matters filed in the year, each in the column of its result as
    known on 31 December (a later result is 尚未审结); each group's 总计 is its sum (check R4)."""
    table = empty_table4()
    end = date(year, 12, 31)
    for appeal in appeals:
        if appeal.filed_on.year != year:
            continue
        group, column = table4_cell(appeal.kind, result_as_of(appeal.result, appeal.result_on, end))
        table[group][column] += 1
        table[group]["total"] += 1
    return table


# -- periods -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FilingPeriod:
    """The last day to file one remedy, with its article and a sentence for letters and pages."""

    kind: AppealKind
    start: date  # the day the period runs from (not counted itself)
    last_day: date
    citation: str
    text: str


def _roll(day: date, calendar: WorkingCalendar | None) -> date:
    """A last day that is a rest day moves to the next working day (《民法典》第二百零三条)."""
    return calendar.next_working_day(day) if calendar is not None else day


def add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later, or that month's last day (《民法典》第二百零二条)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def reconsideration_deadline(knew_on: date, calendar: WorkingCalendar | None = None) -> FilingPeriod:
    """行政复议: 自知道或者应当知道该行政行为之日起六十日内提出 (行政复议法 2023 第二十条第一款)."""
    kind = AppealKind.RECONSIDERATION
    last = _roll(knew_on + timedelta(days=RECONSIDERATION_DAYS), calendar)
    return FilingPeriod(
        kind,
        knew_on,
        last,
        CITATIONS[kind],
        f"可以自知道该行政行为之日起{RECONSIDERATION_DAYS}日内（至{_cn(last)}）申请行政复议（{CITATIONS[kind]}）。",
    )


def litigation_deadline(knew_on: date, calendar: WorkingCalendar | None = None) -> FilingPeriod:
    """行政诉讼 directly: 自知道或者应当知道作出行政行为之日起六个月内提出 (行政诉讼法 第四十六条第一款)."""
    kind = AppealKind.LITIGATION_DIRECT
    last = _roll(add_months(knew_on, LITIGATION_MONTHS), calendar)
    return FilingPeriod(
        kind,
        knew_on,
        last,
        CITATIONS[kind],
        f"可以自知道该行政行为之日起{LITIGATION_MONTHS}个月内（至{_cn(last)}）向人民法院提起行政诉讼（{CITATIONS[kind]}）。",
    )


def litigation_after_reconsideration_deadline(
    decision_received_on: date, calendar: WorkingCalendar | None = None
) -> FilingPeriod:
    """行政诉讼 after reconsideration: 收到复议决定书之日起十五日内 — or, when the body did not
    decide in time, from the end of the reconsideration period (行政诉讼法 第四十五条)."""
    kind = AppealKind.LITIGATION_AFTER_RECONSIDERATION
    last = _roll(decision_received_on + timedelta(days=AFTER_RECONSIDERATION_DAYS), calendar)
    return FilingPeriod(
        kind,
        decision_received_on,
        last,
        CITATIONS[kind],
        f"不服复议决定的，可以自收到复议决定书之日起{AFTER_RECONSIDERATION_DAYS}日内（至{_cn(last)}）"
        f"向人民法院提起行政诉讼（{CITATIONS[kind]}）。",
    )


def filing_deadline(kind: AppealKind | str, start: date, calendar: WorkingCalendar | None = None) -> FilingPeriod:
    """The filing period of ``kind`` running from ``start`` (see each function for its start)."""
    match AppealKind(kind):
        case AppealKind.RECONSIDERATION:
            return reconsideration_deadline(start, calendar)
        case AppealKind.LITIGATION_DIRECT:
            return litigation_deadline(start, calendar)
        case AppealKind.LITIGATION_AFTER_RECONSIDERATION:
            return litigation_after_reconsideration_deadline(start, calendar)
