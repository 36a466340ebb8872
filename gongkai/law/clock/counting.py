"""The counting state of the reply clock: periods, pauses and the explanation's steps.

Pure arithmetic on the working-day index (``WorkingCalendar.rank``/``day_at``); the rules that
decide when to pause, restart or extend are in ``engine``.
"""

from __future__ import annotations

from ..workdays import WorkingCalendar
from .dates import CN_DATE, DATE
from .model import ClockSettings, ClockStateName, Step

RUNNING = ClockStateName.RUNNING
PAUSED = ClockStateName.PAUSED
AWAITING = ClockStateName.AWAITING_CORRECTION
NO_CORRECTION = ClockStateName.ABANDONED_NO_CORRECTION
FEE_UNPAID = ClockStateName.ABANDONED_FEE_UNPAID
CLOSED = ClockStateName.CLOSED
OPEN = (RUNNING, PAUSED, AWAITING)  # the other states end the clock

CONSULTATION = "consultation"
FEE = "fee"

# Step(on, text) runs NamedTuple's generated Python __new__; tuple.__new__(Step, (on, text)) builds
# the same Step without it, in about 60 % of the time (the clock writes five or more steps per call).
new_tuple = tuple.__new__


class Counting:
    """The state of one evaluation (current period, pause, pending deadlines, steps so far) and
    the working-day arithmetic on it.

    Internal to the clock (``engine._Clock`` adds the event rules; ``clock`` is the API). The
    receipt opens the first period (Art. 31; Art. 33 ¶2: 20 working days, the receipt day not
    counted). Counted days are the working days after ``seg`` plus ``used`` from earlier segments;
    a pause (consultation, fee) ends a segment and its end starts the next one.
    """

    __slots__ = (
        "allowance",
        "cal",
        "corr_due",
        "corrections",
        "deadline_fixed",
        "due",
        "due_passed",
        "extended",
        "fee_deadline",
        "mode",
        "notified",
        "on_time",
        "pause_end",
        "pause_kind",
        "pause_start",
        "seg",
        "seg_rank",
        "settings",
        "start",
        "steps",
        "used",
        "warnings",
    )

    def __init__(self, received: int, cal: WorkingCalendar, settings: ClockSettings) -> None:
        self.cal = cal
        self.settings = settings
        self.allowance = settings.reply_days
        self.start = received  # the day the current period counts from (receipt or correction)
        self.seg = received  # counted days are working days after seg (seg moves to a pause's end)
        self.seg_rank = cal.rank(received)  # cal.rank(seg), kept with seg: every count starts from it
        self.used = 0  # counted days of the current period before seg
        self.mode = RUNNING
        self.due: int | None = cal.add_ordinal(received, self.allowance)
        self.due_passed = False  # the due date passed before the current pause began
        self.pause_kind = ""
        self.pause_start = 0
        self.pause_end = 0  # consultation: the default end (15th working day after S)
        self.fee_deadline = 0  # 0: no fee pending
        self.corr_due = 0
        self.corrections = 0
        self.extended = False
        self.deadline_fixed = False
        self.on_time: bool | None = None
        self.notified = False
        self.steps: list[Step] = []
        self.warnings: list[str] = []
        first = cal.add_ordinal(received, 1)
        self.step(
            received,
            f"收到申请（法定收到申请之日，《条例》第三十一条）。应自收到申请之日起{self.allowance}个工作日内答复"
            f"（《条例》第三十三条第二款），收到当日不计：第1个工作日为{CN_DATE[first]}，"
            f"第{self.allowance}个工作日即答复期限为{CN_DATE[self.due]}。",
        )

    # -- helpers -------------------------------------------------------------------------------

    def step(self, ordinal: int, text: str) -> None:
        self.steps.append(new_tuple(Step, (DATE[ordinal], text)))

    def warn(self, ordinal: int, text: str) -> None:
        self.warnings.append(text)
        self.step(ordinal, f"提示：{text}")

    def counted_until(self, ordinal: int) -> int:
        """Counted days of the current period up to and including ``ordinal`` (running mode)."""
        counted = self.cal.rank(ordinal) - self.seg_rank
        return self.used + counted if counted > 0 else self.used

    def running_due(self) -> int:
        remaining = self.allowance - self.used
        if remaining <= 0 and self.due is not None:
            return self.due  # reached in an earlier segment: stays where it was
        return self.cal.day_at(self.seg_rank + remaining)

    def left(self, used: int) -> int:
        left = self.allowance - used
        return left if left > 0 else 0

    # -- pauses --------------------------------------------------------------------------------

    def pause(self, kind: str, on: int) -> None:
        counted = self.cal.rank(on - 1) - self.seg_rank
        if counted > 0:
            self.used += counted
        self.due_passed = self.due is not None and self.due < on
        if not self.due_passed:
            self.due = None
        self.mode = PAUSED
        self.pause_kind = kind
        self.pause_start = on

    def resume(self, end: int) -> tuple[int, str]:
        """End the pause on ``end`` (inclusive). Returns the excluded days and a due-date phrase."""
        cal = self.cal
        end_rank = cal.rank(end)
        excluded = end_rank - cal.rank(self.pause_start - 1)  # never negative: end >= pause_start
        if end > self.seg:
            self.seg, self.seg_rank = end, end_rank
        self.mode = RUNNING
        self.pause_kind = ""
        if self.due_passed:
            assert self.due is not None
            phrase = f"答复期限{CN_DATE[self.due]}已在暂停前届满"
        else:
            self.due = self.running_due()
            phrase = f"计时恢复，答复期限为{CN_DATE[self.due]}"
        self.due_passed = False
        return excluded, phrase
