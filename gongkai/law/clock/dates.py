"""Ordinals as dates and as Chinese date text, made once per date and kept.

The reply clock counts on ordinals (``date.toordinal()``) and turns the same few of them into
``date`` objects (the steps' dates, the due date) and into Chinese text (2024年3月1日, in nearly
every step) again and again. A dict hit costs a third of ``date.fromordinal`` and a tenth of the
f-string, so both are made on first use and kept; the caches are bounded since dates come from
requests.
"""

from __future__ import annotations

from datetime import date

CACHE_LIMIT = 50_000


class _Dates(dict[int, date]):
    """Ordinal → date."""

    def __missing__(self, ordinal: int) -> date:
        if len(self) > CACHE_LIMIT:
            self.clear()
        day = self[ordinal] = date.fromordinal(ordinal)
        return day


class _ChineseDates(dict[int, str]):
    """Ordinal → the date as Chinese documents write it: 2024年3月1日."""

    def __missing__(self, ordinal: int) -> str:
        if len(self) > CACHE_LIMIT:
            self.clear()
        day = DATE[ordinal]
        text = self[ordinal] = f"{day.year}年{day.month}月{day.day}日"
        return text


DATE = _Dates()
CN_DATE = _ChineseDates()
