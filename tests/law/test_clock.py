"""The reply clock against hand-checked cases (each expected date was counted on the official
calendar by hand; the comments show the count)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.law.clock import ClockError, ClockSettings, ClockState, ClockStateName, Event, EventType, clock
from gongkai.law.errors import YearNotLoaded

from .official import CAL

D = date.fromisoformat
E = EventType


def ev(kind: EventType, on: str, **extra: Any) -> Event:
    fields = {k: (D(v) if isinstance(v, str) else v) for k, v in extra.items()}
    return Event(kind, D(on), **fields)


def run(received: str, events: list[Event], today: str, **settings: Any) -> ClockState:
    return clock(D(received), events, D(today), CAL, ClockSettings(**settings))


def summary(state: ClockState) -> tuple[Any, ...]:
    due = state.due.isoformat() if state.due else None
    return (due, state.state.value, state.working_days_used, state.working_days_left, state.overdue, state.on_time)


CASES = [
    # National Day 2024: 9-23..27 (5), 9-29 make-up (6), 9-30 (7), 10-8..12 incl. make-up Sat (12),
    # 10-14..18 (17), 10-21..23 (20)
    ("plain, National Day 2024", "2024-09-20", [], "2024-10-10", ("2024-10-23", "running", 10, 10, False, None)),
    ("on the due day", "2024-09-20", [], "2024-10-23", ("2024-10-23", "running", 20, 0, False, None)),
    ("one day overdue", "2024-09-20", [], "2024-10-24", ("2024-10-23", "running", 21, 0, True, None)),
    # Spring Festival 2024: 2-2 (1), 2-4 make-up Sun (2), 2-5..9 (7), 2-18 make-up Sun (8), 2-19..3-1 (18), 3-4, 3-5
    ("Spring Festival 2024", "2024-02-01", [], "2024-03-06", ("2024-03-05", "running", 21, 0, True, None)),
    # year end: 2025-12-11..31 (15), 2026-01-04 make-up Sun (16), 1-5..8 (20)
    ("across the year end", "2025-12-10", [], "2025-12-31", ("2026-01-08", "running", 15, 5, False, None)),
    # 10-8..11 (4), 10-12 make-up Sat (5), 10-14..18 (10), 10-21..25 (15), 10-28..31 (19), 11-1 (20)
    ("received on a holiday", "2024-10-03", [], "2024-10-03", ("2024-11-01", "running", 0, 20, False, None)),
    # correction: restarts from 2025-02-10: 2-11..14 (4), 2-17..21 (9), 2-24..28 (14), 3-3..7 (19), 3-10
    (
        "correction restarts from zero",
        "2025-01-20",
        [
            ev(E.CORRECTION_REQUESTED, "2025-01-24", correction_due="2025-02-14"),
            ev(E.CORRECTION_RECEIVED, "2025-02-10"),
        ],
        "2025-02-20",
        ("2025-03-10", "running", 8, 12, False, None),
    ),
    (
        "awaiting correction",
        "2025-01-20",
        [ev(E.CORRECTION_REQUESTED, "2025-01-22", correction_due="2025-02-14")],
        "2025-02-14",
        (None, "awaiting_correction", 2, None, False, None),
    ),
    (
        "no correction by the deadline",
        "2025-01-20",
        [ev(E.CORRECTION_REQUESTED, "2025-01-22", correction_due="2025-02-14")],
        "2025-02-17",
        (None, "abandoned_no_correction", 2, None, False, None),
    ),
    # consultation without an answer: ends on the 15th working day after 9-27 = 10-23 (9-29, 9-30, 10-8..12,
    # 10-14..18, 10-21..23); 16 working days (9-27..10-23) excluded; 4 used before, 16 left after 10-23
    (
        "consultation, still paused",
        "2024-09-20",
        [ev(E.CONSULTATION_STARTED, "2024-09-27")],
        "2024-10-20",
        (None, "paused", 4, 16, False, None),
    ),
    (
        "consultation ends by itself after 15 working days",
        "2024-09-20",
        [ev(E.CONSULTATION_STARTED, "2024-09-27")],
        "2024-11-01",
        ("2024-11-14", "running", 11, 9, False, None),
    ),
    (
        "consultation answered",
        "2024-09-20",
        [ev(E.CONSULTATION_STARTED, "2024-09-27"), ev(E.CONSULTATION_ENDED, "2024-10-15")],
        "2024-10-16",
        ("2024-11-06", "running", 5, 15, False, None),
    ),
    # fee around National Day 2026 (9-20 and 10-10 worked, 9-25..27 and 10-1..7 off): notice 9-18, paid 10-9;
    # 11 working days excluded (9-18, 9-20, 9-21..24, 9-28..30, 10-8, 10-9); due0 10-16 + 11 = 11-2
    (
        "fee paid",
        "2026-09-14",
        [ev(E.FEE_NOTIFIED, "2026-09-18"), ev(E.FEE_PAID, "2026-10-09")],
        "2026-10-09",
        ("2026-11-02", "running", 3, 17, False, None),
    ),
    (
        "fee unpaid, within 20 working days (deadline 10-22)",
        "2026-09-14",
        [ev(E.FEE_NOTIFIED, "2026-09-18")],
        "2026-10-22",
        (None, "paused", 3, 17, False, None),
    ),
    (
        "fee unpaid after 20 working days",
        "2026-09-14",
        [ev(E.FEE_NOTIFIED, "2026-09-18")],
        "2026-10-23",
        (None, "abandoned_fee_unpaid", 3, None, False, None),
    ),
    # extension on the due day: 10-24, 10-25, 10-28..11-1, 11-4..8, 11-11..15, 11-18..20 = 20
    (
        "extension on the due day",
        "2024-09-20",
        [ev(E.EXTENDED, "2024-10-23", working_days=20)],
        "2024-10-30",
        ("2024-11-20", "running", 25, 15, False, None),
    ),
    (
        "replied on time",
        "2024-09-20",
        [ev(E.REPLIED, "2024-10-23")],
        "2024-12-01",
        ("2024-10-23", "closed", 20, None, False, True),
    ),
    (
        "replied late",
        "2024-09-20",
        [ev(E.REPLIED, "2024-10-24")],
        "2024-10-24",
        ("2024-10-23", "closed", 21, None, False, False),
    ),
    (
        "Art. 35 deadline on a Sunday rolls to Monday",
        "2024-09-20",
        [ev(E.DEADLINE_SET, "2024-10-10", due="2024-12-01")],
        "2024-11-01",
        # used to 11-1: 20 to 10-23, 10-24..25, 10-28..11-1 = 27; allowance to 12-2 = 48; left 21
        ("2024-12-02", "running", 27, 21, False, None),
    ),
    # everything: correction 2025-01-22 (due 2-14) received 2-5 → due0 3-4 (2-6..7, 2-8 Sat, 2-10..14, 2-17..21,
    # 2-24..28, 3-3..4); consultation 2-10..2-12 (3 days) → 3-7; extension 5 → 3-14; reply 3-14 on time,
    # 25 days counted (2-6..8, 2-13..14, 2-17..3-14)
    (
        "correction, consultation, extension, reply",
        "2025-01-20",
        [
            ev(E.CORRECTION_REQUESTED, "2025-01-22", correction_due="2025-02-14"),
            ev(E.CORRECTION_RECEIVED, "2025-02-05"),
            ev(E.CONSULTATION_STARTED, "2025-02-10"),
            ev(E.CONSULTATION_ENDED, "2025-02-12"),
            ev(E.EXTENDED, "2025-03-03", working_days=5),
            ev(E.REPLIED, "2025-03-14"),
        ],
        "2025-03-20",
        ("2025-03-14", "closed", 25, None, False, True),
    ),
]


@pytest.mark.parametrize(("received", "events", "today", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_table(received: str, events: list[Event], today: str, expected: tuple[Any, ...]) -> None:
    state = run(received, events, today)
    assert summary(state) == expected
    assert state.steps[0].on == D(received)
    assert all(a.on <= b.on or b.on == D(today) for a, b in zip(state.steps, state.steps[1:], strict=False))


def test_fee_time_counts_when_the_setting_is_off() -> None:
    events = [ev(E.FEE_NOTIFIED, "2026-09-18"), ev(E.FEE_PAID, "2026-10-09")]
    state = run("2026-09-14", events, "2026-10-09", fee_pauses_clock=False)
    assert summary(state) == ("2026-10-16", "running", 14, 6, False, None)
    assert "继续计时" in state.steps[1].text


def test_late_correction_request_warns_after_the_seventh_working_day() -> None:
    # 7th working day after 2025-01-20: 1-21..24 (4), 1-26 make-up Sun (5), 1-27 (6), 2-5 (7)
    on_time = run("2025-01-20", [ev(E.CORRECTION_REQUESTED, "2025-02-05", correction_due="2025-02-20")], "2025-02-06")
    assert on_time.warnings == ()
    late = run("2025-01-20", [ev(E.CORRECTION_REQUESTED, "2025-02-06", correction_due="2025-02-20")], "2025-02-06")
    assert len(late.warnings) == 1
    assert "第7个工作日（2025年2月5日）" in late.warnings[0]


def test_late_answer_does_not_lengthen_the_consultation() -> None:
    events = [ev(E.CONSULTATION_STARTED, "2024-09-27"), ev(E.CONSULTATION_ENDED, "2024-10-28")]
    state = run("2024-09-20", events, "2024-11-01")
    assert state.due == D("2024-11-14")  # as if it had ended on 10-23
    assert any("晚于征求意见期限" in w for w in state.warnings)


def test_a_late_correction_is_accepted_with_a_warning() -> None:
    """Art. 30 excuses a late correction for a 正当理由 (unlike a late payment: test_clock_legal_points)."""
    events = [
        ev(E.CORRECTION_REQUESTED, "2025-01-22", correction_due="2025-02-14"),
        ev(E.CORRECTION_RECEIVED, "2025-02-17"),
    ]
    state = run("2025-01-20", events, "2025-02-17")
    assert state.state.value == "running"
    assert state.due == CAL.add_working_days(D("2025-02-17"), 20)
    assert any("补正晚于补正期限" in w for w in state.warnings)


def test_a_second_correction_request_warns() -> None:
    events = [
        ev(E.CORRECTION_REQUESTED, "2025-01-22", correction_due="2025-02-14"),
        ev(E.CORRECTION_RECEIVED, "2025-02-05"),
        ev(E.CORRECTION_REQUESTED, "2025-02-06", correction_due="2025-02-20"),
    ]
    state = run("2025-01-20", events, "2025-02-07")
    assert state.state.value == "awaiting_correction"
    assert any("一次性告知" in w for w in state.warnings)


def test_pause_after_the_due_date_keeps_it_overdue() -> None:
    state = run("2024-09-20", [ev(E.CONSULTATION_STARTED, "2024-10-25")], "2024-10-28")
    assert (state.state.value, state.overdue, state.working_days_used) == ("paused", True, 21)
    replied = run("2024-09-20", [ev(E.CONSULTATION_STARTED, "2024-10-25"), ev(E.REPLIED, "2024-10-28")], "2024-10-28")
    assert replied.on_time is False


def test_reply_while_awaiting_correction_and_notice_after_abandonment() -> None:
    corr = ev(E.CORRECTION_REQUESTED, "2025-01-22", correction_due="2025-02-14")
    closed = run("2025-01-20", [corr, ev(E.REPLIED, "2025-02-10")], "2025-02-10")
    assert (closed.state.value, closed.on_time, closed.due) == ("closed", True, None)
    abandoned = run("2025-01-20", [corr, ev(E.REPLIED, "2025-02-18")], "2025-02-18")
    assert abandoned.state.value == "abandoned_no_correction"
    assert abandoned.steps[-1].text.startswith("告知申请人视为放弃申请")


def test_steps_explain_every_stage_in_chinese() -> None:
    events = [ev(E.CONSULTATION_STARTED, "2024-09-27"), ev(E.CONSULTATION_ENDED, "2024-10-15")]
    state = run("2024-09-20", events, "2024-10-16")
    texts = [s.text for s in state.steps]
    assert "第1个工作日为2024年9月23日" in texts[0]
    assert "答复期限为第20个工作日，至2024年10月23日（含当日）" in texts[0]
    assert "第三十二条" in texts[1]
    assert "不计入答复期限（《条例》第三十三条第三款）" in texts[1]
    assert "尚余16个" in texts[1]
    assert "共10个工作日不计入答复期限（《条例》第三十三条第三款）" in texts[2]
    assert "答复期限至2024年11月6日（含当日）" in texts[2]
    assert texts[-1].startswith("截至2024年10月16日")


BAD = [
    ("event before receipt", "2024-09-20", [ev(E.REPLIED, "2024-09-19")], "2024-10-01", "impossible_order"),
    (
        "events out of order",
        "2024-09-20",
        [ev(E.CONSULTATION_STARTED, "2024-09-27"), ev(E.CONSULTATION_ENDED, "2024-09-26")],
        "2024-10-01",
        "impossible_order",
    ),
    ("event after today", "2024-09-20", [ev(E.REPLIED, "2024-10-02")], "2024-10-01", "impossible_order"),
    (
        "correction without request",
        "2024-09-20",
        [ev(E.CORRECTION_RECEIVED, "2024-09-23")],
        "2024-10-01",
        "impossible_order",
    ),
    (
        "answer without consultation",
        "2024-09-20",
        [ev(E.CONSULTATION_ENDED, "2024-09-23")],
        "2024-10-01",
        "impossible_order",
    ),
    ("payment without notice", "2024-09-20", [ev(E.FEE_PAID, "2024-09-23")], "2024-10-01", "impossible_order"),
    (
        "extension after the due date",
        "2024-09-20",
        [ev(E.EXTENDED, "2024-10-24", working_days=10)],
        "2024-10-30",
        "impossible_order",
    ),
    (
        "second extension",
        "2024-09-20",
        [ev(E.EXTENDED, "2024-10-10", working_days=5), ev(E.EXTENDED, "2024-10-11", working_days=5)],
        "2024-10-30",
        "impossible_order",
    ),
    (
        "extension over 20 days",
        "2024-09-20",
        [ev(E.EXTENDED, "2024-10-10", working_days=21)],
        "2024-10-30",
        "invalid_input",
    ),
    (
        "extension of 0 days",
        "2024-09-20",
        [ev(E.EXTENDED, "2024-10-10", working_days=0)],
        "2024-10-30",
        "invalid_input",
    ),
    (
        "Art. 35 deadline not longer",
        "2024-09-20",
        [ev(E.DEADLINE_SET, "2024-10-10", due="2024-10-15")],
        "2024-10-30",
        "impossible_order",
    ),
    (
        "correction deadline before the request",
        "2024-09-20",
        [ev(E.CORRECTION_REQUESTED, "2024-09-24", correction_due="2024-09-24")],
        "2024-10-30",
        "invalid_input",
    ),
    (
        "correction after an extension",
        "2024-09-20",
        [
            ev(E.EXTENDED, "2024-10-10", working_days=5),
            ev(E.CORRECTION_REQUESTED, "2024-10-11", correction_due="2024-10-30"),
        ],
        "2024-10-30",
        "impossible_order",
    ),
    (
        "two pauses at once",
        "2024-09-20",
        [ev(E.CONSULTATION_STARTED, "2024-09-24"), ev(E.FEE_NOTIFIED, "2024-09-25")],
        "2024-10-30",
        "impossible_order",
    ),
    (
        "event after the reply",
        "2024-09-20",
        [ev(E.REPLIED, "2024-09-24"), ev(E.CONSULTATION_STARTED, "2024-09-25")],
        "2024-10-30",
        "impossible_order",
    ),
    (
        "event after abandonment",
        "2025-01-20",
        [
            ev(E.CORRECTION_REQUESTED, "2025-01-22", correction_due="2025-02-14"),
            ev(E.CONSULTATION_STARTED, "2025-02-17"),
        ],
        "2025-02-20",
        "impossible_order",
    ),
    ("today before receipt", "2024-09-20", [], "2024-09-19", "impossible_order"),
]


@pytest.mark.parametrize(("received", "events", "today", "code"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_impossible_input_is_an_error(received: str, events: list[Event], today: str, code: str) -> None:
    with pytest.raises(ClockError) as caught:
        run(received, events, today)
    assert caught.value.code == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)


def test_unloaded_year() -> None:
    with pytest.raises(YearNotLoaded, match="2027年节假日安排尚未录入"):
        run("2026-12-20", [], "2026-12-21")


def test_a_year_without_schedule_between_receipt_and_today_is_an_error() -> None:
    from gongkai.law.workdays import WorkingCalendar

    from .official import load_schedules

    gap = WorkingCalendar(load_schedules({2024, 2026}))
    assert clock(D("2024-03-01"), [], D("2024-04-01"), gap).due == CAL.add_working_days(D("2024-03-01"), 20)
    with pytest.raises(YearNotLoaded, match="2025年"):
        clock(D("2024-12-20"), [], D("2026-02-02"), gap)
    with pytest.raises(YearNotLoaded, match="2025年"):
        clock(D("2024-03-01"), [ev(E.CONSULTATION_STARTED, "2024-03-05")], D("2026-02-02"), gap)


def test_abandoned_states_name_their_report_rows() -> None:
    from gongkai.law.clock import ABANDONED_OUTCOMES
    from gongkai.law.outcomes import outcome

    assert {state.value: outcome(code).label[:2] for state, code in ABANDONED_OUTCOMES.items()} == {
        "abandoned_no_correction": "1.",
        "abandoned_fee_unpaid": "2.",
    }
    assert "第三十条" in outcome(ABANDONED_OUTCOMES[ClockStateName.ABANDONED_NO_CORRECTION]).basis
