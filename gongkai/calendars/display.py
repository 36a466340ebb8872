"""The year as the pages show it: 12 month grids with rest days and make-up days marked.

Plain data for the templates (no Django): the public calendar page and the staff preview both
render ``year_months``; ``day_status`` answers "is this date a working day, and why".
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

HOLIDAY = "holiday"
WORKDAY = "workday"


@dataclass(frozen=True)
class Cell:
    day: date | None  # None: padding before the 1st or after the last day of the month
    kind: str = ""  # "holiday" (放假), "workday" (调休上班), "" (an ordinary day)
    name: str = ""
    weekend: bool = False
    changed: bool = False  # differs from the current version (staff preview of a correction)

    @property
    def is_rest(self) -> bool:
        return self.kind == HOLIDAY or (self.weekend and self.kind != WORKDAY)


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks: list[list[Cell]]
    rest_days: int
    makeup_days: int


def year_months(year: int, days: Mapping[date, tuple[str, str]], changed: frozenset[date] = frozenset()) -> list[Month]:
    """The 12 months of ``year``, weeks from Monday; ``days`` maps a date to (kind, name)."""
    grid = _calendar.Calendar(firstweekday=0)
    months = []
    for month in range(1, 13):
        weeks = []
        for week in grid.monthdatescalendar(year, month):
            row = []
            for day in week:
                if day.month != month:
                    row.append(Cell(None))
                    continue
                kind, name = days.get(day, ("", ""))
                row.append(Cell(day, kind, name, day.weekday() >= 5, day in changed))
            weeks.append(row)
        in_month = [cell for week in weeks for cell in week if cell.day is not None]
        months.append(
            Month(
                year,
                month,
                weeks,
                sum(cell.kind == HOLIDAY for cell in in_month),
                sum(cell.kind == WORKDAY for cell in in_month),
            )
        )
    return months
