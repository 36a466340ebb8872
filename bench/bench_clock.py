"""Benchmark: the reply clock and add_working_days, indexed vs a naive day-by-day loop.

Run: .venv/bin/python bench/bench_clock.py [--seconds 2]

The calendar is the seeded official data (gongkai/calendars/data/schedules.json, 2004–2026).
"Typical 3-event case": received, consultation started, consultation ended, extension of 10
working days, evaluated as of a later day (the case of the CLI contract example). The naive
clock walks day by day from the receipt, skipping the paused days, until the allowance is
counted — the way a simple system computes it. Both give the same answers (checked first).
"Closed 5-event case": received, correction requested and received, fee notified and paid,
replied — every step text of the restart and the fee pause, ending in a closed clock (no naive
counterpart; tests/law/test_clock_equivalence.py pins these outputs). Every case runs on the 2019
text (SETTINGS_2019) on every date, like the equivalence fixture.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.law.clock import SETTINGS_2019, Event, EventType, clock  # noqa: E402
from gongkai.law.workdays import WorkingCalendar, YearSchedule  # noqa: E402

DATA = ROOT / "gongkai" / "calendars" / "data" / "schedules.json"


def load() -> tuple[WorkingCalendar, frozenset[date], frozenset[date]]:
    years = json.loads(DATA.read_text(encoding="utf-8"))["years"]
    schedules = [
        YearSchedule(
            int(y),
            frozenset(date.fromisoformat(d) for d in v["holidays"]),
            frozenset(date.fromisoformat(d) for d in v["workdays"]),
        )
        for y, v in years.items()
    ]
    holidays = frozenset().union(*(s.holidays for s in schedules))
    workdays = frozenset().union(*(s.workdays for s in schedules))
    return WorkingCalendar(schedules), holidays, workdays


CAL, HOLIDAYS, WORKDAYS = load()
ONE = timedelta(days=1)


def naive_is_working(day: date) -> bool:
    return day in WORKDAYS or (day.weekday() < 5 and day not in HOLIDAYS)


def naive_add(start: date, n: int) -> date:
    day, counted = start, 0
    while counted < n:
        day += ONE
        if naive_is_working(day):
            counted += 1
    return day


def naive_clock(received: date, pause_from: date, pause_to: date, extension: int, today: date) -> tuple[date, int]:
    """Due date and days used as of today, walking day by day (consultation pause + extension)."""
    allowance = 20 + extension
    day, counted, used_today = received, 0, 0
    due = received
    while counted < allowance or day < today:
        day += ONE
        if naive_is_working(day) and not (pause_from <= day <= pause_to):
            counted += 1
            if counted == allowance:
                due = day
            if day <= today:
                used_today = counted
    return due, used_today


def closed_case(rng: random.Random) -> tuple[date, tuple[Event, ...], date]:
    """Received, correction requested and received, fee notified and paid, replied (2005–2025)."""
    received = date(2005, 1, 1) + timedelta(days=rng.randrange(365 * 20))
    asked = CAL.add_working_days(received, rng.randrange(1, 7))
    corrected = CAL.add_working_days(asked, rng.randrange(1, 10))
    notified = CAL.add_working_days(corrected, rng.randrange(1, 10))
    paid = CAL.add_working_days(notified, rng.randrange(1, 15))
    replied = CAL.add_working_days(paid, rng.randrange(1, 15))
    events = (
        Event(EventType.CORRECTION_REQUESTED, asked, correction_due=CAL.add_working_days(asked, 15)),
        Event(EventType.CORRECTION_RECEIVED, corrected),
        Event(EventType.FEE_NOTIFIED, notified),
        Event(EventType.FEE_PAID, paid),
        Event(EventType.REPLIED, replied),
    )
    return received, events, replied


def rate(fn: Callable[[int], object], items: int, seconds: float) -> float:
    """Calls per second of fn(i) for i in range(items), best of 3 runs of at least ``seconds``/3."""
    best = 0.0
    for _ in range(3):
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            for i in range(items):
                fn(i)
            calls += items
        best = max(best, calls / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    rng = random.Random(3)

    # typical 3-event cases, spread over 2005–2025
    cases = []
    for _ in range(500):
        received = date(2005, 1, 1) + timedelta(days=rng.randrange(365 * 20))
        start = CAL.add_working_days(received, rng.randrange(1, 10))
        end = CAL.add_working_days(start, rng.randrange(1, 15))
        extended_on = CAL.add_working_days(end, rng.randrange(1, 5))
        days = rng.randrange(5, 21)
        today = CAL.add_working_days(extended_on, 3)
        events = (
            Event(EventType.CONSULTATION_STARTED, start),
            Event(EventType.CONSULTATION_ENDED, end),
            Event(EventType.EXTENDED, extended_on, working_days=days),
        )
        cases.append((received, events, today, start, end, days))
    for received, events, today, start, end, days in cases:
        state = clock(received, events, today, CAL, SETTINGS_2019)
        assert (state.due, state.working_days_used) == naive_clock(received, start, end, days, today), received

    # the same cases looked at a year later (overdue, still open): the naive walk goes to today
    late = [(r, e, t + timedelta(days=365), s, en, d) for r, e, t, s, en, d in cases]
    for received, events, today, start, end, days in late[:100]:
        state = clock(received, events, today, CAL, SETTINGS_2019)
        assert (state.due, state.working_days_used) == naive_clock(received, start, end, days, today)

    closed = [closed_case(rng) for _ in range(500)]
    for received, events, today in closed:
        assert clock(received, events, today, CAL, SETTINGS_2019).state.value == "closed"

    starts = [date(2005, 1, 1) + timedelta(days=rng.randrange(365 * 21)) for _ in range(1000)]
    for s in starts[:200]:
        assert CAL.add_working_days(s, 20) == naive_add(s, 20)

    rows = [
        (
            "clock(), 3 events (indexed calendar)",
            rate(lambda i: clock(*cases[i][:3], CAL, SETTINGS_2019), len(cases), args.seconds),
        ),
        (
            "naive day-by-day clock, same cases",
            rate(
                lambda i: naive_clock(cases[i][0], *cases[i][3:5], cases[i][5], cases[i][2]), len(cases), args.seconds
            ),
        ),
        (
            "clock(), same cases a year later (overdue)",
            rate(lambda i: clock(*late[i][:3], CAL, SETTINGS_2019), len(late), args.seconds),
        ),
        (
            "naive day-by-day clock, a year later",
            rate(lambda i: naive_clock(late[i][0], *late[i][3:5], late[i][5], late[i][2]), len(late), args.seconds),
        ),
        (
            "clock(), 5 events, ends closed",
            rate(lambda i: clock(*closed[i], CAL, SETTINGS_2019), len(closed), args.seconds),
        ),
        (
            "clock() + as_dict() (the CLI's output)",
            rate(lambda i: clock(*cases[i][:3], CAL, SETTINGS_2019).as_dict(), len(cases), args.seconds),
        ),
        (
            "add_working_days(start, 20), indexed",
            rate(lambda i: CAL.add_working_days(starts[i], 20), len(starts), args.seconds),
        ),
        (
            "add_working_days(start, 20), naive loop",
            rate(lambda i: naive_add(starts[i], 20), len(starts), args.seconds),
        ),
        (
            "add_working_days(start, 40), indexed",
            rate(lambda i: CAL.add_working_days(starts[i], 40), len(starts), args.seconds),
        ),
        (
            "add_working_days(start, 40), naive loop",
            rate(lambda i: naive_add(starts[i], 40), len(starts), args.seconds),
        ),
        ("read data + build WorkingCalendar (23 years)", rate(lambda i: load(), 1, args.seconds)),
    ]
    print(f"Python {sys.version.split()[0]}, one process, best of 3")
    print(f"{'what':<45} {'calls/s':>12}")
    for name, value in rows:
        print(f"{name:<45} {value:>12,.0f}")


if __name__ == "__main__":
    main()
