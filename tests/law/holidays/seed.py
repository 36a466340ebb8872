"""The seeded schedules (gongkai/calendars/data/schedules.json) as the rows calendars.ScheduleDay stores."""

from __future__ import annotations

import json
from datetime import date

from tests.law.official import DATA

SEED = json.loads(DATA.read_text(encoding="utf-8"))["years"]
SEEDED_YEARS = sorted(int(year) for year in SEED)


def seed_rows(year: int) -> list[tuple[date, str, str]]:
    days = SEED[str(year)]
    return [(date.fromisoformat(d), "holiday", name) for d, name in days["holidays"].items()] + [
        (date.fromisoformat(d), "workday", name) for d, name in days["workdays"].items()
    ]
