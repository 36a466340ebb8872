"""Every seeded official year (2004–2026) passes check_year, with its exceptions explained."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.law.holidays import check_year, periods_from_days
from tests.law.holidays.seed import SEEDED_YEARS, seed_rows


def test_the_seed_covers_2004_to_2026() -> None:
    assert list(range(2004, 2027)) == SEEDED_YEARS


@pytest.mark.parametrize("year", SEEDED_YEARS)
def test_every_seeded_year_is_complete(year: int) -> None:
    periods, makeups = periods_from_days(seed_rows(year))
    result = check_year(year, periods, makeups)
    assert result.problems == ()
    assert result.complete
    assert result.statutory_total == (10 if year < 2008 else 11 if year < 2025 else 13)


def test_2020_passes_only_as_the_explained_extension() -> None:
    periods, makeups = periods_from_days(seed_rows(2020))
    spring = next(p for p in periods if p.name == "春节")
    assert (spring.start, spring.end) == (date(2020, 1, 24), date(2020, 2, 2))
    result = check_year(2020, periods, makeups)
    assert result.complete
    assert any("国办发明电〔2020〕1号" in note for note in result.notes)
