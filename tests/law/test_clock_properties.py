"""Hypothesis properties of the reply clock (issue #3)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.law.clock import SETTINGS_2019, ClockSettings, Event, EventType, Regulation, clock

from .official import CAL

E = EventType
# the properties of the 2019 text's periods (20 + 20 working days), pinned on every date: receipts
# before 2019-05-15 follow the 2007 text by default (tests/law/test_clock_legal_points.py)
received_dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 6, 30))


def between_inclusive(first: date, last: date) -> int:
    """Working days from ``first`` through ``last``."""
    return CAL.working_days_between(first - timedelta(days=1), last)


@given(received_dates, st.integers(0, 19), st.integers(0, 15), st.sampled_from(["consultation", "fee"]))
def test_a_pause_of_k_working_days_moves_the_due_date_by_k(received: date, before: int, length: int, kind: str) -> None:
    due0 = CAL.add_working_days(received, 20)
    start = CAL.add_working_days(received, before) + timedelta(days=before == 0)  # within the period
    end = CAL.add_working_days(start, length) if length else start
    k = between_inclusive(start, end)
    if kind == "consultation":
        events = [Event(E.CONSULTATION_STARTED, start), Event(E.CONSULTATION_ENDED, end)]
    else:
        events = [Event(E.FEE_NOTIFIED, start), Event(E.FEE_PAID, end)]
    state = clock(received, events, end, CAL, SETTINGS_2019)
    assert state.due == CAL.add_working_days(due0, k)
    # the setting off: fee time counts, the due date does not move
    if kind == "fee":
        assert (
            clock(received, events, end, CAL, ClockSettings(fee_pauses_clock=False, regulation=Regulation.OF_2019)).due
            == due0
        )


@given(
    received_dates,
    st.integers(0, 7),
    st.integers(1, 15),
    st.integers(0, 14),
    st.integers(0, 30),
    st.integers(0, 10),
)
def test_a_restart_never_gives_less_than_20_days_from_the_correction(
    received: date, ask: int, period: int, arrives: int, pause_at: int, pause_len: int
) -> None:
    asked = CAL.add_working_days(received, ask)
    correction_due = CAL.add_working_days(asked, period)
    corrected = min(CAL.add_working_days(asked, arrives), correction_due) if arrives else asked
    events = [
        Event(E.CORRECTION_REQUESTED, asked, correction_due=correction_due),
        Event(E.CORRECTION_RECEIVED, corrected),
    ]
    today = corrected
    if pause_at:
        start = CAL.add_working_days(corrected, pause_at)
        end = CAL.add_working_days(start, pause_len)
        events += [Event(E.CONSULTATION_STARTED, start), Event(E.CONSULTATION_ENDED, end)]
        today = end
    state = clock(received, events, today, CAL, SETTINGS_2019)
    assert state.due is not None
    assert state.due >= CAL.add_working_days(corrected, 20)


event_kinds = st.sampled_from(list(EventType))


@settings(max_examples=300)
@given(received_dates, st.lists(st.tuples(event_kinds, st.integers(0, 12), st.integers(1, 20)), max_size=6))
def test_due_dates_never_land_on_a_rest_day(received: date, plan: list[tuple[EventType, int, int]]) -> None:
    """Random event sequences: whatever is accepted gives a working-day due date."""
    from gongkai.law.clock import ClockError

    events: list[Event] = []
    on = received
    for kind, gap, extra in plan:
        on = on + timedelta(days=gap)
        events.append(
            Event(
                kind,
                on,
                correction_due=on + timedelta(days=extra) if kind is E.CORRECTION_REQUESTED else None,
                working_days=extra if kind is E.EXTENDED else None,
                due=on + timedelta(days=extra * 3) if kind is E.DEADLINE_SET else None,
            )
        )
    try:
        state = clock(received, events, on + timedelta(days=3), CAL, SETTINGS_2019)
    except ClockError:
        return
    if state.due is not None:
        assert CAL.is_working_day(state.due)
    assert state.working_days_used >= 0
    assert state.working_days_left is None or state.working_days_left >= 0
    assert (state.on_time is not None) == (state.state.value == "closed")
