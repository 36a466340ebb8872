"""The reply clock: from the legal receipt date, the ordered events and today, to a ClockState.

The rules (《政府信息公开条例》, 国务院令第711号; 国办函〔2020〕109号), exactly as implemented:

- The text that governs: an application received from 15 May 2019 follows the revised Regulation
  (国务院令第711号); one received earlier follows the 2007 text (国务院令第492号): 15 working
  days to reply and at most 15 more (its Art. 24 ¶2), a third party's consultation time not
  counted (its Art. 24 ¶3, no period for the third party's answer), correction under its
  Art. 21(四) without the 7-working-day rule (``model.Regulation``, ``ClockSettings.for_receipt``).
- Art. 31 fixes the receipt date; Art. 33 ¶2: reply within 20 working days of it. Counting starts
  on the first working day after the receipt date; the reply is due on the 20th counted day,
  that day included.
- Art. 30 (补正): a correction request stops the clock; the received correction restarts it from
  zero (day 1 = first working day after the correction's receipt). No correction by the deadline
  given to the applicant → abandoned_no_correction from the next day. A request later than the
  7th working day after receipt → a warning (the Regulation asks for it within 7 working days,
  once and completely). A correction that arrives late is accepted with a warning (Art. 30 excuses
  a 正当理由, and the office took it); a second request is accepted with a warning ("一次性告知").
- Arts. 32, 34 (征求意见) with Art. 33 ¶3 (the time is not counted): a consultation from day S
  (letter sent) to day E (answer received) excludes every working day from S through E inclusive.
  Without an answer the pause ends on the 15th working day after S; an answer after that day does
  not lengthen the pause (warning).
- 国办函〔2020〕109号 (收费): a fee notice on day N pauses the clock the same way until the payment
  day (setting ``fee_pauses_clock``, default on); not paid by the 20th working day after N → the
  application is abandoned (abandoned_fee_unpaid) from the next day: "逾期未缴纳的视为放弃申请",
  with no 正当理由 exception (unlike Art. 30). A payment recorded after that day does not revive
  it: the step says so, and an office that wants to go on registers a new application.
- Art. 33 ¶2 (延期): an extension adds its 1–20 working days to the allowance; pauses still apply.
  An extension after the due date, a second extension, or more than 20 days is an error.
- Art. 35: a stated longer deadline (deadline_set) replaces the due date; it must be later than the
  current one; a rest day rolls to the next working day (《民法典》第二百零三条). Pauses after it
  still move it.
- A reply closes the clock and says whether it was on time (on or before the due date). A reply
  during a pause ends the pause that day: the due date it met is shown.
- Only one pause at a time; a correction request after an extension or a stated deadline, events
  after the reply or after abandonment (other than the closing reply and a late payment), events
  before the receipt, after today or out of date order are impossible and raise
  ``ClockError("impossible_order")``.
- Dates are checked against the loaded working-day calendar: an event, a due date or a pending
  deadline in an unloaded year raises ``YearNotLoaded`` ("2028年节假日安排尚未录入"). Only
  ``today`` may lie past the loaded years: overdue and on-time follow from the dates, and the
  working days counted past the last loaded day are Mondays–Fridays, marked provisional with a
  warning.

The explanation writes a weekend date with its weekday and a make-up working day as such
(2026年1月4日（星期日，调休上班）), and every deadline with the day it ends, that day included
(至2024年10月16日（含当日）).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..workdays import WorkingCalendar
from .counting import AWAITING, CLOSED, FEE_UNPAID, NO_CORRECTION, OPEN, PAUSED, RUNNING, Counting, Pause
from .dates import CN_DATE, DATE
from .model import DEFAULT_SETTINGS, EVENT_LABELS, ClockError, ClockSettings, ClockState, Event, EventType, Regulation

# how the error messages name each state: “…”不能发生在{phrase}
STATE_PHRASES = {
    RUNNING: "计时中",
    PAUSED: "计时暂停中",
    AWAITING: "等待补正时",
    NO_CORRECTION: "视为放弃申请后",
    FEE_UNPAID: "视为放弃申请后",
    CLOSED: "答复之后",
}


def _impossible(message: str) -> ClockError:
    return ClockError(message, code="impossible_order")


class _Clock(Counting):
    """The rules of the clock over its counting state (internal; ``clock`` is the API)."""

    __slots__ = ()

    # -- deadlines that pass by themselves -----------------------------------------------------

    def settle(self, on: int, incoming: EventType | None) -> None:
        """Apply what happened by itself before ``on``: a consultation's default end, a missed
        correction or payment deadline. ``incoming`` is the event being processed (None: today)."""
        if (
            self.state is PAUSED
            and self.pause is Pause.CONSULTATION
            and self.pause_default_end
            and on > self.pause_default_end
        ):
            end = self.pause_default_end
            start = self.pause_start
            excluded, phrase = self.resume(end)
            self.step(
                end,
                f"征求意见满{self.settings.consultation_days}个工作日未收到意见（{self.cite.consultation}），"
                f"暂停至本日结束：{self.day(start)}至{self.day(end)}共{excluded}个工作日不计入答复期限"
                f"（{self.cite.consultation_excluded}）。{phrase}。",
            )
            if incoming is EventType.CONSULTATION_ENDED:
                self.warn(
                    on,
                    f"意见于{self.day(on)}收到，晚于征求意见期限{self.day(end)}：暂停只计至期限届满之日。",
                )
                self.answer_after_default_end = True  # consumed by the consultation_ended handler
        if self.state is AWAITING and on > self.correction_due and incoming is not EventType.CORRECTION_RECEIVED:
            self.state = NO_CORRECTION
            self.abandoned_from = self.correction_due + 1
            self.step(
                self.correction_due,
                f"补正期限{self.day(self.correction_due)}届满，申请人未补正，自{self.day(self.abandoned_from)}起"
                f"视为放弃申请（{self.cite.correction}）。",
            )
        if self.fee_deadline and on > self.fee_deadline:
            # 国办函〔2020〕109号: 逾期未缴纳的视为放弃申请 — no exception, also for a payment made later
            if self.state is RUNNING:  # the fee time counted (setting): the days up to the deadline
                self.used = self.counted_until(self.fee_deadline)
            self.state = FEE_UNPAID
            self.abandoned_from = self.fee_deadline + 1
            self.step(
                self.fee_deadline,
                f"缴费期限{self.day(self.fee_deadline)}届满，申请人未缴纳信息处理费，自{self.day(self.abandoned_from)}起"
                f"视为放弃申请，不再处理该申请（国办函〔2020〕109号）。",
            )
            self.fee_deadline = 0

    # -- events --------------------------------------------------------------------------------

    def after_end(self, event: Event, on: int) -> None:
        """An event once the clock has ended (closed or abandoned)."""
        kind = event.type
        state = self.state
        if kind is EventType.REPLIED and state is not CLOSED and not self.closing_notice_sent:
            # the closing notice of an abandoned application: the state stays "abandoned"
            self.closing_notice_sent = True
            self.step(on, "告知申请人视为放弃申请、不再处理。")
            return
        if kind is EventType.FEE_PAID and state is FEE_UNPAID and not self.closing_notice_sent:
            self.warn(
                on,
                f"申请人于{self.day(on)}缴费，晚于缴费期限：申请已自{self.day(self.abandoned_from)}起视为放弃申请"
                f"（国办函〔2020〕109号：逾期未缴纳的视为放弃申请，不设正当理由例外），逾期缴费不恢复计时；"
                f"申请人仍需要该信息的，作为新的申请登记处理。",
            )
            return
        raise _impossible(f"“{EVENT_LABELS[kind]}”不能发生在{STATE_PHRASES[state]}（{CN_DATE[on]}）")

    def not_in(self, event: Event, on: int) -> ClockError:
        return _impossible(f"“{EVENT_LABELS[event.type]}”不能发生在{STATE_PHRASES[self.state]}（{CN_DATE[on]}）")

    def correction_requested(self, event: Event, on: int) -> None:
        if self.state is not RUNNING:
            raise self.not_in(event, on)
        if self.has_extension or self.deadline_fixed:
            when = (
                ""
                if self.settings.regulation is Regulation.OF_2007
                else f"：收到申请之日起{self.settings.correction_notice_days}个工作日内告知"
            )
            raise _impossible(f"已延期或已确定答复期限后不能再要求补正（{self.cite.correction}{when}）")
        asked = event.correction_due
        if asked is None or asked.toordinal() <= on:
            raise ClockError(f"补正期限应晚于要求补正之日（{CN_DATE[on]}）", code="invalid_input")
        used = self.counted_until(on)
        self.corrections += 1
        limit = self.cal.add_ordinal(self.period_start, self.settings.correction_notice_days)
        self.correction_due = asked.toordinal()
        self.cal.rank(self.correction_due)  # the deadline must lie in a loaded year
        self.used = used
        self.state = AWAITING
        self.due = None
        self.step(
            on,
            f"要求申请人补正（{self.cite.correction}），计时停止，此前已计{used}个工作日；补正期限{self.until(self.correction_due)}。"
            f"收到补正后，答复期限重新计算。",
        )
        if on > limit and self.settings.regulation is not Regulation.OF_2007:
            self.warn(
                on,
                f"补正告知晚于收到申请后第{self.settings.correction_notice_days}个工作日（{self.day(limit)}）："
                f"《条例》第三十条要求在{self.settings.correction_notice_days}个工作日内一次性告知。",
            )
        if self.corrections > 1:
            self.warn(on, "再次要求补正：《条例》第三十条要求一次性告知需要补正的全部事项。")

    def correction_received(self, event: Event, on: int) -> None:
        if self.state is not AWAITING:
            raise self.not_in(event, on)
        if on > self.correction_due:
            self.warn(
                on,
                f"补正晚于补正期限{self.day(self.correction_due)}：无正当理由逾期不补正的，视为放弃申请（{self.cite.correction}）；"
                f"已按收到补正重新计时，请确认申请人有正当理由。",
            )
        self.period_start = self.segment_start = on
        self.segment_rank = self.cal.rank(on)
        self.used = 0
        self.allowance = self.settings.reply_days
        self.state = RUNNING
        self.due = self.cal.add_ordinal(on, self.allowance)
        first = self.cal.add_ordinal(on, 1)
        self.step(
            on,
            f"收到补正，答复期限自收到补正之日起重新计算（{self.cite.correction}）：第1个工作日为{self.day(first)}，"
            f"答复期限为第{self.allowance}个工作日，{self.until(self.due)}。",
        )

    def consultation_started(self, event: Event, on: int) -> None:
        if self.state is not RUNNING:
            raise self.not_in(event, on)
        self.begin_pause(Pause.CONSULTATION, on)
        cite = self.cite
        text = (
            f"征求第三方或其他机关意见（{cite.consultation}），所需时间不计入答复期限（{cite.consultation_excluded}），"
            f"计时暂停；此前已计{self.used}个工作日，尚余{self.left(self.used)}个。"
        )
        if self.settings.regulation is Regulation.OF_2007:  # the 2007 text sets no period for the answer
            self.pause_default_end = 0
            self.step(on, f"{text}暂停至收到意见之日。")
            return
        self.pause_default_end = self.cal.add_ordinal(on, self.settings.consultation_days)
        self.step(
            on,
            f"{text}对方{self.settings.consultation_days}个工作日内未答复的，暂停{self.until(self.pause_default_end)}为止。",
        )

    def consultation_ended(self, event: Event, on: int) -> None:
        if self.answer_after_default_end:  # the pause already ended at its default end (settle)
            self.answer_after_default_end = False
            return
        if self.state is not PAUSED or self.pause is not Pause.CONSULTATION:
            raise self.not_in(event, on) if self.state is not RUNNING else _impossible("没有进行中的征求意见")
        start = self.pause_start
        excluded, phrase = self.resume(on)
        self.step(
            on,
            f"收到意见，暂停结束：{self.day(start)}至{self.day(on)}共{excluded}个工作日不计入答复期限"
            f"（{self.cite.consultation_excluded}）。{phrase}。",
        )

    def fee_notified(self, event: Event, on: int) -> None:
        if self.state is not RUNNING:
            raise self.not_in(event, on)
        if self.fee_deadline:
            raise _impossible("已有尚未缴纳的收费通知")
        days = self.settings.fee_payment_days
        self.fee_deadline = self.cal.add_ordinal(on, days)
        if self.settings.fee_pauses_clock:
            self.begin_pause(Pause.FEE, on)
            self.step(
                on,
                f"发出收费通知（国办函〔2020〕109号），申请人应在{days}个工作日内缴费，缴费期限{self.until(self.fee_deadline)}，"
                f"逾期未缴纳的视为放弃申请；缴费期间不计入答复期限，计时暂停，此前已计{self.used}个工作日，"
                f"尚余{self.left(self.used)}个。",
            )
        else:
            self.step(
                on,
                f"发出收费通知（国办函〔2020〕109号），申请人应在{days}个工作日内缴费，缴费期限{self.until(self.fee_deadline)}，"
                f"逾期未缴纳的视为放弃申请；按本机关设置，缴费期间继续计时。",
            )

    def fee_paid(self, event: Event, on: int) -> None:
        if not self.fee_deadline:
            raise _impossible("没有待缴费的收费通知")
        self.fee_deadline = 0  # paid in time: a later payment has abandoned the application (settle)
        if self.state is PAUSED and self.pause is Pause.FEE:
            start = self.pause_start
            excluded, phrase = self.resume(on)
            self.step(
                on,
                f"申请人缴纳信息处理费，暂停结束：{self.day(start)}至{self.day(on)}共{excluded}个工作日不计入答复期限。{phrase}。",
            )
        else:
            self.step(on, "申请人缴纳信息处理费。")

    def _due_for_change(self, event: Event, on: int) -> int | None:
        """The current due date for an extension or a stated deadline; error if it has passed."""
        if self.state is RUNNING:
            due = self.running_due()
            if on > due:
                raise _impossible(f"答复期限{CN_DATE[due]}已过，不能再“{EVENT_LABELS[event.type]}”（{CN_DATE[on]}）")
            return due
        if self.state is PAUSED:
            if self.due_passed:
                assert self.due is not None
                raise _impossible(
                    f"答复期限{CN_DATE[self.due]}已过，不能再“{EVENT_LABELS[event.type]}”（{CN_DATE[on]}）"
                )
            return None
        raise self.not_in(event, on)

    def extended(self, event: Event, on: int) -> None:
        days = event.working_days
        limit = self.settings.max_extension_days
        if days is None or not 1 <= days <= limit:
            raise ClockError(f"延期应为1至{limit}个工作日（{self.cite.extension}）", code="invalid_input")
        if self.has_extension:
            raise _impossible(f"答复期限只能延长一次（{self.cite.extension}）")
        old = self._due_for_change(event, on)
        self.has_extension = True
        self.allowance += days
        if old is not None:
            self.due = self.running_due()
            text = f"答复期限由{self.day(old)}延{self.until(self.due)}"
        else:
            text = f"可用工作日增至{self.allowance}个，暂停结束后据此计算答复期限"
        self.step(
            on,
            f"经政府信息公开工作机构负责人同意，延长答复期限{days}个工作日并告知申请人（{self.cite.extension}），{text}。",
        )

    def deadline_set(self, event: Event, on: int) -> None:
        if event.due is None:
            raise ClockError("确定答复期限须给出期限日期", code="invalid_input")
        if self.deadline_fixed:
            raise _impossible("答复期限已依《条例》第三十五条确定过")
        if self.state is not RUNNING:
            raise self.not_in(event, on)
        old = self._due_for_change(event, on)
        assert old is not None
        target = self.cal.next_working_day(event.due).toordinal()
        if target <= old:
            raise _impossible(f"依《条例》第三十五条确定的期限（{CN_DATE[target]}）应晚于现答复期限（{CN_DATE[old]}）")
        self.deadline_fixed = True
        self.allowance = self.used + self.cal.rank(target) - self.segment_rank
        self.due = target
        rolled = (
            ""
            if target == event.due.toordinal()
            else f"（{self.day(event.due.toordinal())}为休息日，顺延至其后第一个工作日）"
        )
        self.step(
            on,
            f"申请数量、频次明显超过合理范围，依《条例》第三十五条确定延长的答复期限，并告知申请人："
            f"答复期限{self.until(target)}{rolled}。",
        )

    def replied(self, event: Event, on: int) -> None:
        state = self.state
        ended = "作出答复，"
        if state is RUNNING:
            due = self.running_due()
            self.used = self.counted_until(on)
            self.due = due
            self.on_time = on <= due
        elif state is PAUSED:
            # the reply ends the pause that day: the days paused so far stay excluded, and the due
            # date that the reply met is the one the clock would show on resuming
            self.on_time = not self.due_passed
            what = "征求意见" if self.pause is Pause.CONSULTATION else "等待缴费"
            start = self.pause_start
            due_passed = self.due_passed
            excluded, _ = self.resume(on)
            if not due_passed:
                ended = (
                    f"{what}期间作出答复，暂停至本日结束：{self.day(start)}至{self.day(on)}"
                    f"共{excluded}个工作日不计入答复期限，"
                )
            self.fee_deadline = 0
        else:  # awaiting a correction: no period runs, so the reply cannot be late
            self.on_time = True
            self.due = None
        self.state = CLOSED
        if self.due is None:
            self.step(on, "作出答复，计时结束。")
        elif self.on_time:
            self.step(on, f"{ended}在答复期限{self.day(self.due)}之内，计时结束。")
        else:
            late = self.cal.between_ordinals(self.due, on)
            self.step(on, f"{ended}超过答复期限{self.day(self.due)}{late}个工作日，计时结束。")

    # -- result --------------------------------------------------------------------------------

    def result(self, today: int, received: int) -> ClockState:
        if self.state is not RUNNING or self.fee_deadline:  # else no deadline can have passed
            self.settle(today, None)
        # every date computed lies between the receipt and the farthest of these: one check that no
        # year without a schedule was counted across (only calendars with a gap can fail it). A
        # ``today`` past the last loaded year is the one date allowed there (counted provisionally).
        last = self.cal.end_ordinal
        shown_today = today if today <= last else last
        farthest = max(shown_today, self.due or 0, self.pause_default_end, self.fee_deadline, self.correction_due)
        self.cal.check_span(received, farthest)
        state = self.state
        due: int | None = None
        left: int | None = None
        overdue = False
        used = self.used
        if state is RUNNING:
            due = self.running_due()
            used = self.counted_until_today(today)
            left = self.left(used)
            overdue = today > due
            late = self.count_between(due, today) if overdue else 0
            mark = ""
            if self.provisional:
                mark = "（暂计）"
                year = DATE[self.cal.end_ordinal + 1].year
                self.warn(
                    today,
                    f"{year}年节假日安排尚未录入：{CN_DATE[self.cal.end_ordinal]}之后的工作日暂按周一至周五计算，"
                    f"所列工作日数为暂计，录入后以国务院办公厅通知为准。",
                )
            if overdue:
                self.step(
                    today,
                    f"截至{self.day(today)}，已计{used}个工作日{mark}，超过答复期限{self.day(due)}"
                    f"{late}个工作日{mark}，尚未答复。",
                )
            else:
                self.step(
                    today,
                    f"截至{self.day(today)}，已计{used}个工作日{mark}，尚余{left}个工作日{mark}，"
                    f"答复期限{self.until(due)}。",
                )
        elif state is PAUSED:
            left = self.left(used)
            overdue = self.due_passed
            self.step(today, f"截至{self.day(today)}，计时暂停中，已计{used}个工作日，尚余{left}个。")
        elif state is AWAITING:
            self.step(today, f"截至{self.day(today)}，等待申请人补正，补正期限{self.until(self.correction_due)}。")
        elif state is CLOSED:
            due = self.due
        return ClockState(  # positional: a frozen dataclass takes keywords a third slower
            DATE[due] if due is not None else None,  # due
            state,
            used,  # working_days_used
            left,  # working_days_left
            overdue,
            self.on_time if state is CLOSED else None,  # on_time
            tuple(self.warnings),
            tuple(self.steps),
        )


HANDLERS = {
    EventType.CORRECTION_REQUESTED: _Clock.correction_requested,
    EventType.CORRECTION_RECEIVED: _Clock.correction_received,
    EventType.CONSULTATION_STARTED: _Clock.consultation_started,
    EventType.CONSULTATION_ENDED: _Clock.consultation_ended,
    EventType.FEE_NOTIFIED: _Clock.fee_notified,
    EventType.FEE_PAID: _Clock.fee_paid,
    EventType.EXTENDED: _Clock.extended,
    EventType.DEADLINE_SET: _Clock.deadline_set,
    EventType.REPLIED: _Clock.replied,
}


def clock(
    received: date,
    events: Sequence[Event],
    today: date,
    calendar: WorkingCalendar,
    settings: ClockSettings = DEFAULT_SETTINGS,
) -> ClockState:
    """Evaluate the reply clock of one application as of ``today`` (rules in the module doc)."""
    r = received.toordinal()
    t = today.toordinal()
    if t < r:
        raise _impossible(f"今日（{CN_DATE[t]}）早于收到申请之日（{CN_DATE[r]}）")
    evaluation = _Clock(r, calendar, settings.for_receipt(received))
    previous = r
    for event in events:
        on = event.on.toordinal()
        if on < previous:
            what = "收到申请之日" if previous == r else "前一事件"
            raise _impossible(
                f"“{EVENT_LABELS[event.type]}”（{CN_DATE[on]}）早于{what}（{CN_DATE[previous]}）：事件须按日期顺序"
            )
        if on > t:
            raise _impossible(f"“{EVENT_LABELS[event.type]}”（{CN_DATE[on]}）晚于今日（{CN_DATE[t]}）")
        previous = on
        if evaluation.state is not RUNNING or evaluation.fee_deadline:  # else no deadline can have passed
            evaluation.settle(on, event.type)
        if evaluation.state in OPEN:
            HANDLERS[event.type](evaluation, event, on)
        else:
            evaluation.after_end(event, on)
    return evaluation.result(t, r)
