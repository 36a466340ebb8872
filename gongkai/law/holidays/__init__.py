"""Statutory holidays and the yearly holiday arrangement (节假日安排): pure rules, no Django.

- ``statutory``: 《全国年节及纪念日放假办法》 in each version (国务院令第270号、第513号、第644号、第795号),
  the festivals' statutory days per year (lunar dates from lunar-python): ``regime``, ``statutory_days``;
- ``schedule``: a year's arrangement as the notice writes it (``RestPeriod``, ``MakeupDay``), and
  ``periods_from_days`` from the stored day rows;
- ``check``: ``check_year`` — is an entered year complete and consistent (``YearCheck``, ``Problem``);
- ``notice``: ``parse_notice`` — the State Council's notice text into periods and make-up days.
"""

from __future__ import annotations

from .check import SPECIAL_ARRANGEMENTS, PeriodSummary, SpecialArrangement, YearCheck, check_year
from .notice import NoticeItem, ParsedNotice, apply_extension, normalise, parse_notice
from .schedule import (
    MakeupDay,
    Problem,
    RestPeriod,
    clip_to_year,
    date_range,
    days_phrase,
    periods_from_days,
    rows_by_year,
    schedule_rows,
)
from .statutory import (
    FESTIVALS,
    REGIMES,
    FestivalRule,
    Regime,
    canonical_festival,
    chuxi,
    festivals_named,
    notice_name,
    regime,
    statutory_days,
)

__all__ = [
    "FESTIVALS",
    "REGIMES",
    "SPECIAL_ARRANGEMENTS",
    "FestivalRule",
    "MakeupDay",
    "NoticeItem",
    "ParsedNotice",
    "PeriodSummary",
    "Problem",
    "Regime",
    "RestPeriod",
    "SpecialArrangement",
    "YearCheck",
    "apply_extension",
    "canonical_festival",
    "check_year",
    "chuxi",
    "clip_to_year",
    "date_range",
    "days_phrase",
    "festivals_named",
    "normalise",
    "notice_name",
    "parse_notice",
    "periods_from_days",
    "regime",
    "rows_by_year",
    "schedule_rows",
    "statutory_days",
]
