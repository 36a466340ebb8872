"""The counting state of the reply clock: periods, pauses and the explanation's steps.

Pure arithmetic on the working-day index (``WorkingCalendar.rank``/``day_at``); the rules that
decide when to pause, restart or extend are in ``engine``.
"""

from __future__ import annotations

from enum import Enum

from ..workdays import WorkingCalendar, weekdays_between
from .dates import CN_DATE, DATE
from .model import CITATIONS, FIRST_IN_FORCE, ClockSettings, ClockStateName, Regulation, Step

RUNNING = ClockStateName.RUNNING
PAUSED = ClockStateName.PAUSED
AWAITING = ClockStateName.AWAITING_CORRECTION
NO_CORRECTION = ClockStateName.ABANDONED_NO_CORRECTION
FEE_UNPAID = ClockStateName.ABANDONED_FEE_UNPAID
CLOSED = ClockStateName.CLOSED
OPEN = (RUNNING, PAUSED, AWAITING)  # the other states end the clock


class Pause(Enum):
    """Why the clock is paused (state ``paused``); ``NONE`` outside a pause."""

    NONE = "none"
    CONSULTATION = "consultation"  # Arts. 32, 34: consulting a third party or another agency
    FEE = "fee"  # 国办函〔2020〕109号: waiting for the fee to be paid (setting fee_pauses_clock)


# Step(on, text) runs NamedTuple's generated Python __new__; tuple.__new__(Step, (on, text)) builds
# the same Step without it, in about 60 % of the time (the clock writes five or more steps per call).
new_tuple = tuple.__new__

FIRST_IN_FORCE_ORDINAL = FIRST_IN_FORCE.toordinal()
WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class Counting:
    """The state of one evaluation (current period, pause, pending deadlines, steps so far) and
    the working-day arithmetic on it.

    Internal to the clock (``engine._Clock`` adds the event rules; ``clock`` is the API). The
    receipt opens the first period (Art. 31; Art. 33 ¶2: 20 working days, the receipt day not
    counted). Counted days are the working days after ``segment_start`` plus ``used`` from earlier segments;
    a pause (consultation, fee) ends a segment and its end starts the next one.

    Ordinals (``date.toordinal()``) throughout; 0 means "no such date" for the optional ones.
    """

    __slots__ = (
        "abandoned_from",
        "allowance",
        "answer_after_default_end",
        "cal",
        "cite",
        "closing_notice_sent",
        "correction_due",
        "corrections",
        "deadline_fixed",
        "due",
        "due_passed",
        "fee_deadline",
        "has_extension",
        "on_time",
        "pause",
        "pause_default_end",
        "pause_start",
        "period_start",
        "provisional",
        "segment_rank",
        "segment_start",
        "settings",
        "state",
        "steps",
        "used",
        "warnings",
    )

    def __init__(self, received: int, cal: WorkingCalendar, settings: ClockSettings) -> None:
        self.cal = cal
        self.settings = settings
        self.cite = CITATIONS[settings.regulation or Regulation.OF_2019]
        self.allowance = settings.reply_days
        self.period_start = received  # the day the current period counts from (receipt or correction)
        self.segment_start = received  # counted days are working days after it (moves to a pause's end)
        self.segment_rank = cal.rank(received)  # cal.rank(segment_start), kept with it: every count starts from it
        self.used = 0  # counted days of the current period before segment_start
        self.state = RUNNING
        self.due: int | None = cal.add_ordinal(received, self.allowance)
        self.due_passed = False  # the due date passed before the current pause began
        self.pause = Pause.NONE
        self.pause_start = 0
        self.pause_default_end = 0  # consultation: the 15th working day after the letter
        # a consultation answer that came after the default end: the pause already ended there
        # (``settle``), so the consultation_ended event itself changes nothing
        self.answer_after_default_end = False
        self.fee_deadline = 0  # 0: no fee pending
        self.correction_due = 0
        self.corrections = 0
        self.has_extension = False
        self.deadline_fixed = False
        self.on_time: bool | None = None
        self.closing_notice_sent = False  # the reply that closes an abandoned application
        self.abandoned_from = 0  # the first day on which the application counts as abandoned
        self.provisional = False  # a count ran past the loaded years (weekdays only, provisional)
        self.steps: list[Step] = []
        self.warnings: list[str] = []
        first = cal.add_ordinal(received, 1)
        legal = "法定收到申请之日，" if settings.regulation is not Regulation.OF_2007 else ""
        self.step(
            received,
            f"收到申请（{legal}{self.cite.receipt}）。应自收到申请之日起{self.allowance}个工作日内答复"
            f"（{self.cite.reply}），收到当日不计：第1个工作日为{self.day(first)}，"
            f"答复期限为第{self.allowance}个工作日，{self.until(self.due)}。",
        )
        if settings.regulation is Regulation.OF_2007 and received < FIRST_IN_FORCE_ORDINAL:
            self.warn(
                received,
                "收到申请之日早于2007年《条例》施行之日（2008年5月1日）：按该条例的期限计算，仅供参考。",
            )

    # -- helpers -------------------------------------------------------------------------------

    def _note(self, ordinal: int) -> str:
        """What the date text adds: the weekday of a weekend day, and 调休上班 for a make-up day."""
        weekday = (ordinal + 6) % 7  # date.fromordinal(o).weekday()
        if weekday < 5:
            return ""
        if self.cal.makeup_workday(ordinal):
            return f"{WEEKDAY_NAMES[weekday]}，调休上班"
        return WEEKDAY_NAMES[weekday]

    def day(self, ordinal: int) -> str:
        """The date as the explanation writes it: a weekend day says so, and a make-up working day
        says that too — 2026年1月4日（星期日，调休上班）."""
        note = self._note(ordinal)
        return f"{CN_DATE[ordinal]}（{note}）" if note else CN_DATE[ordinal]

    def until(self, ordinal: int) -> str:
        """A deadline, saying that its last day counts: 至2024年10月16日（含当日）, or with the
        day's note 至2026年1月4日（星期日，调休上班，含当日）."""
        note = self._note(ordinal)
        return f"至{CN_DATE[ordinal]}（{note}，含当日）" if note else f"至{CN_DATE[ordinal]}（含当日）"

    def count_between(self, start: int, end: int) -> int:
        """Working days in (start, end]; past the loaded years, weekdays (marks ``provisional``)."""
        last = self.cal.end_ordinal
        if end <= last:
            return self.cal.between_ordinals(start, end)
        self.provisional = True
        if start >= last:
            return weekdays_between(start, end)
        return self.cal.between_ordinals(start, last) + weekdays_between(last, end)

    def step(self, ordinal: int, text: str) -> None:
        self.steps.append(new_tuple(Step, (DATE[ordinal], text)))

    def warn(self, ordinal: int, text: str) -> None:
        self.warnings.append(text)
        self.step(ordinal, f"提示：{text}")

    def counted_until(self, ordinal: int) -> int:
        """Counted days of the current period up to and including ``ordinal`` (state running)."""
        counted = self.cal.rank(ordinal) - self.segment_rank
        return self.used + counted if counted > 0 else self.used

    def counted_until_today(self, today: int) -> int:
        """``counted_until(today)``, with a ``today`` past the loaded years counted provisionally."""
        if today <= self.cal.end_ordinal:
            return self.counted_until(today)
        counted = self.count_between(self.segment_start, today)
        return self.used + counted if counted > 0 else self.used

    def running_due(self) -> int:
        remaining = self.allowance - self.used
        if remaining <= 0 and self.due is not None:
            return self.due  # reached in an earlier segment: stays where it was
        return self.cal.day_at(self.segment_rank + remaining)

    def left(self, used: int) -> int:
        left = self.allowance - used
        return left if left > 0 else 0

    # -- pauses --------------------------------------------------------------------------------

    def begin_pause(self, kind: Pause, on: int) -> None:
        counted = self.cal.rank(on - 1) - self.segment_rank
        if counted > 0:
            self.used += counted
        self.due_passed = self.due is not None and self.due < on
        if not self.due_passed:
            self.due = None
        self.state = PAUSED
        self.pause = kind
        self.pause_start = on

    def resume(self, end: int) -> tuple[int, str]:
        """End the pause on ``end`` (inclusive). Returns the excluded days and a due-date phrase."""
        cal = self.cal
        end_rank = cal.rank(end)
        excluded = end_rank - cal.rank(self.pause_start - 1)  # never negative: end >= pause_start
        if end > self.segment_start:
            self.segment_start, self.segment_rank = end, end_rank
        self.state = RUNNING
        self.pause = Pause.NONE
        if self.due_passed:
            assert self.due is not None
            phrase = f"答复期限{self.day(self.due)}已在暂停前届满"
        else:
            self.due = self.running_due()
            phrase = f"计时恢复，答复期限{self.until(self.due)}"
        self.due_passed = False
        return excluded, phrase
