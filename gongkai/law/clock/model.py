"""Inputs and outputs of the reply clock (答复期限), with the periods the Regulation sets."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum, StrEnum
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


class Regulation(Enum):
    """The text of the Regulation that governs an application, chosen by its receipt date.

    The revised Regulation (国务院令第711号) is in force from 15 May 2019; an application received
    before that day is governed by the 2007 text (国务院令第492号, in force from 1 May 2008): 15
    working days to reply and at most 15 more (its Art. 24 ¶2), consultation time of a third
    party not counted (its Art. 24 ¶3).
    """

    OF_2007 = "2007"
    OF_2019 = "2019"


REVISED_IN_FORCE = date(2019, 5, 15)  # 国务院令第711号, Art. 56
FIRST_IN_FORCE = date(2008, 5, 1)  # 国务院令第492号, Art. 38


def regulation_for(received: date) -> Regulation:
    """The text that governs an application received on ``received``."""
    return Regulation.OF_2019 if received >= REVISED_IN_FORCE else Regulation.OF_2007


class Citations(NamedTuple):
    """Where each rule of the clock stands in the text that governs the application."""

    receipt: str  # the receipt starts the clock
    reply: str  # the reply period
    extension: str  # the extension, approved by the head of the office
    correction: str  # the correction request
    consultation: str  # consulting a third party (or other agencies)
    consultation_excluded: str  # consultation time does not count toward the period


CITATIONS: dict[Regulation, Citations] = {
    Regulation.OF_2019: Citations(
        receipt="《条例》第三十一条",
        reply="《条例》第三十三条第二款",
        extension="《条例》第三十三条第二款",
        correction="《条例》第三十条",
        consultation="《条例》第三十二条、第三十四条",
        consultation_excluded="《条例》第三十三条第三款",
    ),
    Regulation.OF_2007: Citations(
        receipt="2007年《条例》第二十四条第一款",
        reply="2007年《条例》第二十四条第二款",
        extension="2007年《条例》第二十四条第二款",
        correction="2007年《条例》第二十一条第（四）项",
        consultation="2007年《条例》第二十三条",
        consultation_excluded="2007年《条例》第二十四条第三款",
    ),
}


@dataclass(frozen=True, slots=True)
class ClockSettings:
    """The periods, in working days. Defaults are the national rules of the 2019 text.

    ``regulation``: None (the default) chooses the text by the receipt date (``regulation_for``)
    and, for the 2007 text, its own periods (15 + 15 working days); a pinned text uses the
    periods given here as they are.
    """

    reply_days: int = 20  # Art. 33 ¶2: 20 working days from receipt
    max_extension_days: int = 20  # Art. 33 ¶2: at most 20 more
    correction_notice_days: int = 7  # Art. 30: ask for a correction within 7 working days, once
    consultation_days: int = 15  # Arts. 32, 34: the consulted party has 15 working days
    fee_payment_days: int = 20  # 国办函〔2020〕109号: pay within 20 working days
    # 国办函〔2020〕109号 does not say outright that time waiting for payment is excluded; the
    # common practice is to exclude it (a pause). Agencies may turn this off.
    fee_pauses_clock: bool = True
    regulation: Regulation | None = None

    def for_receipt(self, received: date) -> ClockSettings:
        """These settings with ``regulation`` fixed for an application received on ``received``."""
        if self.regulation is not None:
            return self
        if regulation_for(received) is Regulation.OF_2019:
            return _with_regulation(self, Regulation.OF_2019)
        return _with_regulation(self, Regulation.OF_2007, reply_days=15, max_extension_days=15)


_RESOLVED: dict[tuple[ClockSettings, Regulation], ClockSettings] = {}


def _with_regulation(
    settings: ClockSettings,
    regulation: Regulation,
    *,
    reply_days: int | None = None,
    max_extension_days: int | None = None,
) -> ClockSettings:
    key = (settings, regulation)
    resolved = _RESOLVED.get(key)
    if resolved is None:
        if len(_RESOLVED) > 64:  # settings come from configuration: a handful at most
            _RESOLVED.clear()
        resolved = _RESOLVED[key] = replace(
            settings,
            regulation=regulation,
            reply_days=settings.reply_days if reply_days is None else reply_days,
            max_extension_days=settings.max_extension_days if max_extension_days is None else max_extension_days,
        )
    return resolved


DEFAULT_SETTINGS = ClockSettings()
SETTINGS_2019 = ClockSettings(regulation=Regulation.OF_2019)  # the 2019 text on any date


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
