"""Inputs and outputs of the reply clock (答复期限), with the periods the Regulation sets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from ..errors import LawError


class EventType(StrEnum):
    """What can happen to an application's clock, with the provision that governs it."""

    CORRECTION_REQUESTED = "correction_requested"  # 补正告知, Art. 30
    CORRECTION_RECEIVED = "correction_received"  # 收到补正, Art. 30
    CONSULTATION_STARTED = "consultation_started"  # 征求意见, Arts. 32, 34
    CONSULTATION_ENDED = "consultation_ended"
    FEE_NOTIFIED = "fee_notified"  # 收费通知, 国办函〔2020〕109号
    FEE_PAID = "fee_paid"
    EXTENDED = "extended"  # 延期答复, Art. 33 ¶2
    DEADLINE_SET = "deadline_set"  # 确定延长的答复期限, Art. 35
    REPLIED = "replied"  # 答复, Arts. 36–39


EVENT_LABELS: dict[EventType, str] = {
    EventType.CORRECTION_REQUESTED: "要求补正",
    EventType.CORRECTION_RECEIVED: "收到补正",
    EventType.CONSULTATION_STARTED: "征求意见",
    EventType.CONSULTATION_ENDED: "收到意见",
    EventType.FEE_NOTIFIED: "收费通知",
    EventType.FEE_PAID: "缴纳费用",
    EventType.EXTENDED: "延期答复",
    EventType.DEADLINE_SET: "确定答复期限",
    EventType.REPLIED: "答复",
}


class ClockStateName(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    AWAITING_CORRECTION = "awaiting_correction"
    ABANDONED_NO_CORRECTION = "abandoned_no_correction"
    ABANDONED_FEE_UNPAID = "abandoned_fee_unpaid"
    CLOSED = "closed"


STATE_LABELS: dict[ClockStateName, str] = {
    ClockStateName.RUNNING: "计时中",
    ClockStateName.PAUSED: "计时暂停",
    ClockStateName.AWAITING_CORRECTION: "等待补正",
    ClockStateName.ABANDONED_NO_CORRECTION: "逾期未补正，视为放弃申请",
    ClockStateName.ABANDONED_FEE_UNPAID: "逾期未缴费，视为放弃申请",
    ClockStateName.CLOSED: "已答复",
}


# The report row (gongkai.law.outcomes code) an abandoned clock ends in: table 三 (六)1 and (六)2.
ABANDONED_OUTCOMES: dict[ClockStateName, str] = {
    ClockStateName.ABANDONED_NO_CORRECTION: "other_no_correction",  # Art. 30
    ClockStateName.ABANDONED_FEE_UNPAID: "other_fee_unpaid",  # 国办函〔2020〕109号
}


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event. ``correction_due`` for correction_requested (the period given to the
    applicant), ``working_days`` for extended, ``due`` for deadline_set."""

    type: EventType
    on: date
    correction_due: date | None = None
    working_days: int | None = None
    due: date | None = None


@dataclass(frozen=True, slots=True)
class ClockSettings:
    """The periods, in working days. Defaults are the national rules."""

    reply_days: int = 20  # Art. 33 ¶2: 20 working days from receipt
    max_extension_days: int = 20  # Art. 33 ¶2: at most 20 more
    correction_notice_days: int = 7  # Art. 30: ask for a correction within 7 working days, once
    consultation_days: int = 15  # Arts. 32, 34: the consulted party has 15 working days
    fee_payment_days: int = 20  # 国办函〔2020〕109号: pay within 20 working days
    # 国办函〔2020〕109号 does not say outright that time waiting for payment is excluded; the
    # common practice is to exclude it (a pause). Agencies may turn this off.
    fee_pauses_clock: bool = True


DEFAULT_SETTINGS = ClockSettings()


class Step(NamedTuple):
    """One line of the explanation shown to staff and applicants."""

    on: date
    text: str


@dataclass(frozen=True, slots=True)
class ClockState:
    """The clock as of ``today``.

    ``due``: the reply deadline (None while paused, awaiting a correction or abandoned);
    ``working_days_used``/``left``: counted working days so far and still available (left is None
    when no period runs); ``overdue``: today is past the due date and no reply was sent;
    ``on_time``: for a closed clock, whether the reply met the deadline.
    """

    due: date | None
    state: ClockStateName
    working_days_used: int
    working_days_left: int | None
    overdue: bool
    on_time: bool | None
    warnings: tuple[str, ...]
    steps: tuple[Step, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the ``gongkai clock`` contract (keys in the contract's order)."""
        return {
            "due": self.due.isoformat() if self.due else None,
            "state": self.state.value,
            "working_days_used": self.working_days_used,
            "working_days_left": self.working_days_left,
            "overdue": self.overdue,
            "on_time": self.on_time,
            "warnings": list(self.warnings),
            "steps": [{"on": step.on.isoformat(), "text": step.text} for step in self.steps],
        }


class ClockError(LawError):
    """Bad clock input. Codes: invalid_json, invalid_input, unknown_event, impossible_order."""

    code = "invalid_input"
