"""The reply clock's remaining legal points (issue 10 item 4), each counted by hand on the official
calendar (gongkai/calendars/data/schedules.json; the comments show the count) and citing its rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.law.clock import (
    ClockSettings,
    ClockState,
    Event,
    EventType,
    Regulation,
    clock,
    regulation_for,
)
from gongkai.law.errors import YearNotLoaded
from gongkai.law.workdays import WorkingCalendar, weekdays_between

from .official import CAL, load_schedules

D = date.fromisoformat
E = EventType


def ev(kind: EventType, on: str, **extra: Any) -> Event:
    fields = {k: (D(v) if isinstance(v, str) else v) for k, v in extra.items()}
    return Event(kind, D(on), **fields)


def run(received: str, events: list[Event], today: str, cal: WorkingCalendar = CAL, **settings: Any) -> ClockState:
    return clock(D(received), events, D(today), cal, ClockSettings(**settings))


def texts(state: ClockState) -> list[str]:
    return [step.text for step in state.steps]


# -- 国办函〔2020〕109号: 逾期未缴纳的视为放弃申请 (no 正当理由 exception, unlike Art. 30) ----------

# fee notice Fri 2026-09-18; 20 working days: 9-20 make-up Sun (1), 9-21..24 (5), 9-25 中秋节 off,
# 9-28..30 (8), 10-1..7 国庆节 off, 10-8, 10-9 (10), 10-10 make-up Sat (11), 10-12..16 (16),
# 10-19..22 (20): the payment deadline is Thu 2026-10-22; abandoned from 10-23.
FEE_CASES = [
    ("paid on the last day", "2026-10-22", "running"),
    ("paid one working day late", "2026-10-23", "abandoned_fee_unpaid"),
    ("paid weeks late", "2026-11-20", "abandoned_fee_unpaid"),
]


@pytest.mark.parametrize(("name", "paid", "expected"), FEE_CASES, ids=[c[0] for c in FEE_CASES])
@pytest.mark.parametrize("fee_pauses_clock", [True, False])
def test_a_payment_after_the_20th_working_day_abandons_the_application(
    name: str, paid: str, expected: str, fee_pauses_clock: bool
) -> None:
    events = [ev(E.FEE_NOTIFIED, "2026-09-18"), ev(E.FEE_PAID, paid)]
    state = run("2026-09-14", events, paid, fee_pauses_clock=fee_pauses_clock)
    assert state.state.value == expected
    if expected == "running":
        assert not state.warnings
        return
    assert (state.due, state.working_days_left, state.overdue, state.on_time) == (None, None, False, None)
    abandonment = next(t for t in texts(state) if t.startswith("缴费期限"))
    assert abandonment == (
        "缴费期限2026年10月22日届满，申请人未缴纳信息处理费，自2026年10月23日起视为放弃申请，"
        "不再处理该申请（国办函〔2020〕109号）。"
    )
    assert state.steps[-2].on == D("2026-10-22")  # the abandonment is dated on the deadline
    (warning,) = state.warnings
    assert "申请已自2026年10月23日起视为放弃申请" in warning
    assert "不设正当理由例外" in warning
    assert "作为新的申请登记" in warning
    assert state.steps[-1].text == f"提示：{warning}"


def test_days_used_of_an_abandoned_fee_case() -> None:
    # received Mon 9-14: 9-15, 9-16, 9-17 counted before the notice of 9-18
    paused = run("2026-09-14", [ev(E.FEE_NOTIFIED, "2026-09-18")], "2026-11-02")
    assert (paused.state.value, paused.working_days_used) == ("abandoned_fee_unpaid", 3)
    # fee time counts (setting off): 3 + the 20 working days up to the deadline 10-22 + 9-18 itself = 24
    counting = run("2026-09-14", [ev(E.FEE_NOTIFIED, "2026-09-18")], "2026-11-02", fee_pauses_clock=False)
    assert (counting.state.value, counting.working_days_used) == ("abandoned_fee_unpaid", 24)


def test_after_a_late_payment_only_the_closing_notice_may_follow() -> None:
    late = [ev(E.FEE_NOTIFIED, "2026-09-18"), ev(E.FEE_PAID, "2026-10-26")]
    closed = run("2026-09-14", [*late, ev(E.REPLIED, "2026-10-27")], "2026-10-27")
    assert closed.state.value == "abandoned_fee_unpaid"
    assert closed.steps[-1].text == "告知申请人视为放弃申请、不再处理。"
    with pytest.raises(Exception, match="不能发生在视为放弃申请后") as error:
        run("2026-09-14", [*late, ev(E.CONSULTATION_STARTED, "2026-10-27")], "2026-10-27")
    assert getattr(error.value, "code", None) == "impossible_order"


def test_a_late_correction_still_counts_art_30_has_a_good_reason_exception() -> None:
    events = [
        ev(E.CORRECTION_REQUESTED, "2025-01-22", correction_due="2025-02-14"),
        ev(E.CORRECTION_RECEIVED, "2025-02-17"),
    ]
    assert run("2025-01-20", events, "2025-02-17").state.value == "running"


# -- a today past the loaded years -----------------------------------------------------------

# received Tue 2026-12-01: 12-2..4 (3), 12-7..11 (8), 12-14..18 (13), 12-21..25 (18), 12-28, 12-29 (20)
BEYOND = [
    # today Tue 2027-01-05: 12-30, 12-31 (22); 2027 unloaded, weekdays: 1-1 Fri, 1-4, 1-5 (25); overdue by 5
    (
        "overdue in the new year",
        "2027-01-05",
        (25, 0, True),
        "已计25个工作日（暂计），超过答复期限2026年12月29日5个工作日（暂计）",
    ),
    # today Sun 2027-01-03: 12-30, 12-31, 1-1 (23); overdue by 3
    ("on a weekend of the new year", "2027-01-03", (23, 0, True), "截至2027年1月3日（星期日），已计23个工作日（暂计）"),
]


@pytest.mark.parametrize(("name", "today", "counts", "text"), BEYOND, ids=[c[0] for c in BEYOND])
def test_a_today_past_the_loaded_years_counts_provisionally(
    name: str, today: str, counts: tuple[int, int, bool], text: str
) -> None:
    state = run("2026-12-01", [], today)
    assert state.due == D("2026-12-29")
    assert (state.working_days_used, state.working_days_left, state.overdue) == counts
    assert text in state.steps[-1].text
    (warning,) = state.warnings
    assert warning.startswith("2027年节假日安排尚未录入：2026年12月31日之后的工作日暂按周一至周五计算")


def test_a_closed_or_abandoned_case_needs_no_unloaded_year() -> None:
    replied = run("2026-11-02", [ev(E.REPLIED, "2026-11-20")], "2027-03-01")
    assert (replied.state.value, replied.on_time, replied.warnings) == ("closed", True, ())
    corr = ev(E.CORRECTION_REQUESTED, "2026-11-04", correction_due="2026-11-18")
    abandoned = run("2026-11-02", [corr], "2027-03-01")
    assert abandoned.state.value == "abandoned_no_correction"
    assert "自2026年11月19日起视为放弃申请（《条例》第三十条）" in texts(abandoned)[-1]


def test_a_due_date_in_an_unloaded_year_still_fails() -> None:
    # received 2026-12-15: the 20th working day falls in 2027
    with pytest.raises(YearNotLoaded, match="2027年节假日安排尚未录入"):
        run("2026-12-15", [], "2026-12-16")
    # paused over the year end: the consultation's default end 12-22 is known, the resumed due date is not
    with pytest.raises(YearNotLoaded):
        run("2026-11-20", [ev(E.CONSULTATION_STARTED, "2026-12-01")], "2027-01-10")


def test_a_gap_year_before_today_is_not_counted_provisionally() -> None:
    without_2025 = WorkingCalendar(load_schedules({2024, 2026}))
    with pytest.raises(YearNotLoaded, match="2025"):
        run("2024-12-02", [], "2026-01-05", cal=without_2025)


def test_weekdays_between() -> None:
    # 2027-01-01 is a Friday: Fri, Mon..Fri, Mon = 7
    assert weekdays_between(D("2026-12-31").toordinal(), D("2027-01-11").toordinal()) == 7
    assert weekdays_between(D("2027-01-01").toordinal(), D("2027-01-03").toordinal()) == 0  # Sat, Sun
    assert weekdays_between(D("2027-01-05").toordinal(), D("2027-01-05").toordinal()) == 0


# -- receipts before 2019-05-15: the 2007 Regulation (国务院令第492号), Art. 24 -----------------

REGIME = [
    # Tue 2019-05-14, 15 working days: 5-15..17 (3), 5-20..24 (8), 5-27..31 (13), 6-3, 6-4 (15)
    ("the day before the revision", "2019-05-14", Regulation.OF_2007, "2019-06-04", 15),
    # Wed 2019-05-15, 20 working days: 5-16, 5-17 (2), 5-20..24 (7), 5-27..31 (12), 6-3..6 (16),
    # 6-7 端午节 off, 6-10..13 (20)
    ("the revision's first day", "2019-05-15", Regulation.OF_2019, "2019-06-13", 20),
    # Thu 2018-09-20: 9-21 (1), 9-24 中秋节 off, 9-25..28 (5), 9-29 and 9-30 make-up (7), 10-1..7 off,
    # 10-8..12 (12), 10-15..17 (15)
    ("National Day 2018", "2018-09-20", Regulation.OF_2007, "2018-10-17", 15),
]


@pytest.mark.parametrize(("name", "received", "regulation", "due", "days"), REGIME, ids=[c[0] for c in REGIME])
def test_the_receipt_date_chooses_the_text(
    name: str, received: str, regulation: Regulation, due: str, days: int
) -> None:
    assert regulation_for(D(received)) is regulation
    state = run(received, [], received)
    assert (state.due, state.working_days_left) == (D(due), days)
    cite = "2007年《条例》第二十四条第二款" if regulation is Regulation.OF_2007 else "《条例》第三十三条第二款"
    assert f"应自收到申请之日起{days}个工作日内答复（{cite}）" in state.steps[0].text


def test_the_2007_extension_is_at_most_15_working_days() -> None:
    # due 2018-10-17 + 15: 10-18, 10-19 (2), 10-22..26 (7), 10-29..11-2 (12), 11-5..7 (15)
    state = run("2018-09-20", [ev(E.EXTENDED, "2018-10-10", working_days=15)], "2018-10-10")
    assert state.due == D("2018-11-07")
    assert "（2007年《条例》第二十四条第二款）" in state.steps[1].text
    with pytest.raises(Exception, match="延期应为1至15个工作日（2007年《条例》第二十四条第二款）"):
        run("2018-09-20", [ev(E.EXTENDED, "2018-10-10", working_days=16)], "2018-10-10")


def test_a_2007_consultation_cites_art_24_and_waits_for_the_answer() -> None:
    # no period for the third party in the 2007 text: still paused 40 working days later
    state = run("2018-03-01", [ev(E.CONSULTATION_STARTED, "2018-03-05")], "2018-05-10")
    assert state.state.value == "paused"
    assert (
        "（2007年《条例》第二十三条），所需时间不计入答复期限（2007年《条例》第二十四条第三款）" in state.steps[1].text
    )
    assert "暂停至收到意见之日" in state.steps[1].text


def test_the_2019_text_can_be_pinned() -> None:
    pinned = run("2018-09-20", [], "2018-09-20", regulation=Regulation.OF_2019)
    assert pinned.due == D("2018-10-24")  # 20 working days: ... 10-15..19 (17), 10-22..24 (20)


def test_a_receipt_before_2008_05_01_warns() -> None:
    state = run("2008-04-01", [], "2008-04-01")
    assert any("早于2007年《条例》施行之日（2008年5月1日）" in w for w in state.warnings)
    assert not run("2008-05-05", [], "2008-05-05").warnings


# -- the explanation -------------------------------------------------------------------------


def test_a_due_date_on_a_make_up_sunday_says_so() -> None:
    # received Thu 2025-12-04: 12-5 (1), 12-8..12 (6), 12-15..19 (11), 12-22..26 (16), 12-29..31 (19),
    # 2026-01-01..03 元旦 off, Sun 2026-01-04 make-up working day (20)
    state = run("2025-12-04", [], "2025-12-04")
    assert state.due == D("2026-01-04")
    assert "答复期限为第20个工作日，至2026年1月4日（星期日，调休上班，含当日）" in state.steps[0].text
    assert state.steps[-1].text == (
        "截至2025年12月4日，已计0个工作日，尚余20个工作日，答复期限至2026年1月4日（星期日，调休上班，含当日）。"
    )


def test_weekend_dates_carry_their_weekday() -> None:
    # a correction deadline on Sat 2025-02-15, missed: abandoned from Sun 2-16
    corr = ev(E.CORRECTION_REQUESTED, "2025-01-22", correction_due="2025-02-15")
    state = run("2025-01-20", [corr], "2025-02-20")
    assert "补正期限至2025年2月15日（星期六，含当日）" in state.steps[1].text
    assert state.steps[-1].text == (
        "补正期限2025年2月15日（星期六）届满，申请人未补正，自2025年2月16日（星期日）起视为放弃申请（《条例》第三十条）。"
    )


def test_deadlines_say_that_their_last_day_counts() -> None:
    state = run("2024-09-20", [ev(E.CONSULTATION_STARTED, "2024-09-27")], "2024-09-27")
    # 15 working days after 9-27: 9-29 (1), 9-30 (2), 10-8..11 (6), 10-12 (7), 10-14..18 (12), 10-21..23 (15)
    assert "对方15个工作日内未答复的，暂停至2024年10月23日（含当日）为止" in state.steps[1].text
    fee = run("2024-09-20", [ev(E.FEE_NOTIFIED, "2024-09-27")], "2024-09-27")
    # 20 working days after 9-27: ... 10-23 (15), 10-24, 10-25 (17), 10-28..30 (20)
    assert "缴费期限至2024年10月30日（含当日），逾期未缴纳的视为放弃申请" in fee.steps[1].text


def test_consultation_steps_cite_art_33_para_3() -> None:
    events = [ev(E.CONSULTATION_STARTED, "2024-09-27"), ev(E.CONSULTATION_ENDED, "2024-10-15")]
    state = run("2024-09-20", events, "2024-10-16")
    started, ended = state.steps[1].text, state.steps[2].text
    assert started.startswith(
        "征求第三方或其他机关意见（《条例》第三十二条、第三十四条），所需时间不计入答复期限（《条例》第三十三条第三款）"
    )
    assert "不计入答复期限（《条例》第三十三条第三款）" in ended
    default_end = run("2024-09-20", [ev(E.CONSULTATION_STARTED, "2024-09-27")], "2024-10-28")
    # the letter's day 9-27 and the 15 working days after it, through 10-23: 16 excluded
    assert "共16个工作日不计入答复期限（《条例》第三十三条第三款）" in default_end.steps[2].text


def test_a_reply_during_an_open_consultation_keeps_the_due_date() -> None:
    # received Fri 2024-09-20: 9-23..26 counted (4); paused from 9-27 to the reply on 10-10:
    # 9-27, 9-29, 9-30, 10-8, 10-9, 10-10 excluded (6); 16 left after 10-10: 10-11 (1), 10-12 make-up (2),
    # 10-14..18 (7), 10-21..25 (12), 10-28..31 (16)
    events = [ev(E.CONSULTATION_STARTED, "2024-09-27"), ev(E.REPLIED, "2024-10-10")]
    state = run("2024-09-20", events, "2024-10-10")
    assert (state.state.value, state.due, state.on_time, state.working_days_used) == (
        "closed",
        D("2024-10-31"),
        True,
        4,
    )
    assert state.steps[-1].text == (
        "征求意见期间作出答复，暂停至本日结束：2024年9月27日至2024年10月10日共6个工作日不计入答复期限，"
        "在答复期限2024年10月31日之内，计时结束。"
    )
