"""Quiet hours for text messages (pure)."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from gongkai.notifications.quiet import first_allowed, in_quiet_hours, parse_quiet_hours

BEIJING = ZoneInfo("Asia/Shanghai")
NIGHT = (time(21, 0), time(8, 0))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=BEIJING)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("21:00-08:00", NIGHT), (" 12:00 - 14:00 ", (time(12), time(14))), ("", None), ("off", None)],
)
def test_parse(text: str, expected: tuple[time, time] | None) -> None:
    assert parse_quiet_hours(text) == expected


@pytest.mark.parametrize("text", ["21:00", "nine-eight", "25:00-08:00"])
def test_parse_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        parse_quiet_hours(text)


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        (time(21, 0), True),
        (time(23, 59), True),
        (time(0, 0), True),
        (time(7, 59), True),
        (time(8, 0), False),
        (time(20, 59), False),
        (time(12), False),
    ],
)
def test_in_quiet_hours_across_midnight(moment: time, quiet: bool) -> None:
    assert in_quiet_hours(moment, NIGHT) is quiet


def test_quiet_hours_within_a_day() -> None:
    lunch = (time(12), time(14))
    assert in_quiet_hours(time(13), lunch)
    assert not in_quiet_hours(time(14), lunch)
    assert not in_quiet_hours(time(11, 59), lunch)


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        (at(3, 10), at(3, 10)),  # daytime: at once
        (at(3, 22, 30), at(4, 8)),  # evening: next morning
        (at(4, 2), at(4, 8)),  # after midnight: the same morning
        (at(4, 8), at(4, 8)),
    ],
)
def test_first_allowed(now: datetime, allowed: datetime) -> None:
    assert first_allowed(now, NIGHT) == allowed


def test_no_quiet_hours() -> None:
    assert first_allowed(at(3, 23), None) == at(3, 23)
