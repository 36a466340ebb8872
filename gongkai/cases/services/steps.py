"""The steps of a case's handling, each a service (see the package doc)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.audit import Actor
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.permissions import require
from gongkai.law.clock import ClockStateName, EventType
from gongkai.law.outcomes import OUTCOME_BY_CODE
from gongkai.law.receipt import Channel, legal_receipt_date

from .. import permissions
from ..clock import refresh_clock
from ..models import (
    OPEN_STATUSES,
    Case,
    CaseStatus,
)
from ..states import HANDLING_STATES
from ._shared import _allowed, _check_on, _locked, _move, _stay, _today

S = CaseStatus


def case_accept(*, actor: Actor, case: Case, on: date | None = None, via: str = "web") -> Case:
    """Accept an online application: the day of confirmation with the applicant is its legal
    receipt date (Art. 31(三)), from which the clock runs."""
    with transaction.atomic():
        case = _locked(case)
        require(
            _allowed(actor, permissions.can_register_case, case.agency), _("Only registrars and the head accept cases.")
        )
        day = _check_on(case, on)
        if case.received_on is None:
            receipt = legal_receipt_date(
                Channel(case.channel), timezone.localtime(case.received_at).date(), confirmed_on=day
            )
            case.received_on, case.receipt_basis = receipt.on, receipt.basis
            case.save(update_fields=["received_on", "receipt_basis", "updated_at"])
        return _move(case, to=S.IN_PROGRESS, actor=actor, action="accept", on=day, via=via)


def case_assign(*, actor: Actor, case: Case, handler: Any, on: date | None = None, via: str = "web") -> Case:
    with transaction.atomic():
        case = _locked(case)
        require(_allowed(actor, permissions.can_assign_case, case), _("Only registrars and the head assign cases."))
        if not permissions.can_be_handler(handler, case.agency):
            raise ValidationFailed(
                _("%(user)s is not a handler of %(agency)s.") % {"user": handler, "agency": case.agency.name},
                details={"handler": str(handler)},
            )
        day = _check_on(case, on)
        case.handler = handler
        case.save(update_fields=["handler", "updated_at"])
        return _stay(
            case,
            allowed=frozenset(OPEN_STATUSES),
            actor=actor,
            action="assign",
            on=day,
            via=via,
            data={"handler": handler.get_username()},
        )


def _handling(case: Case, actor: Actor) -> None:
    require(
        _allowed(actor, permissions.can_handle_case, case),
        _("Only the case's handler and the office head may work on case %(number)s.") % {"number": case.number},
    )


def case_request_correction(
    *, actor: Actor, case: Case, correction_due: date, text: str, on: date | None = None, via: str = "web"
) -> Case:
    """Ask the applicant, once and completely, to correct the application (Art. 30)."""
    with transaction.atomic():
        case = _locked(case)
        _handling(case, actor)
        day = _check_on(case, on)
        if not text.strip():
            raise ValidationFailed(_("Say what the applicant must correct."), details={"text": _("required")})
        if correction_due <= day:
            raise ValidationFailed(
                _("The period for the correction must end after the day of the request."),
                details={"correction_due": correction_due.isoformat()},
            )
        if case.events.filter(action="request_correction").exists():
            raise InvalidTransition(_("A correction may be requested only once (Art. 30)."))
        return _move(
            case,
            to=S.AWAITING_CORRECTION,
            actor=actor,
            action="request_correction",
            on=day,
            via=via,
            clock_event=EventType.CORRECTION_REQUESTED,
            data={"correction_due": correction_due.isoformat(), "text": text.strip()},
        )


def case_receive_correction(*, actor: Actor, case: Case, on: date | None = None, via: str = "web") -> Case:
    """The correction arrived: the 20 working days start again from that day (Art. 30)."""
    with transaction.atomic():
        case = _locked(case)
        _handling(case, actor)
        day = _check_on(case, on)
        return _move(
            case,
            to=S.IN_PROGRESS,
            actor=actor,
            action="receive_correction",
            on=day,
            via=via,
            clock_event=EventType.CORRECTION_RECEIVED,
        )


def case_start_consultation(
    *, actor: Actor, case: Case, party: str, kind: str = "third_party", on: date | None = None, via: str = "web"
) -> Case:
    """Consult a third party (Art. 32) or another agency (Art. 34): the time does not count
    toward the reply period (Art. 33 ¶3)."""
    if kind not in {"third_party", "agency"}:
        raise ValidationFailed(_("Choose whom you consult: a third party or another agency."))
    with transaction.atomic():
        case = _locked(case)
        _handling(case, actor)
        day = _check_on(case, on)
        if not party.strip():
            raise ValidationFailed(_("Name whom you consult."), details={"party": _("required")})
        return _move(
            case,
            to=S.CONSULTING,
            actor=actor,
            action="start_consultation",
            on=day,
            via=via,
            clock_event=EventType.CONSULTATION_STARTED,
            data={"party": party.strip(), "kind": kind},
        )


def case_end_consultation(
    *, actor: Actor, case: Case, conclusion: str = "", on: date | None = None, via: str = "web"
) -> Case:
    with transaction.atomic():
        case = _locked(case)
        _handling(case, actor)
        day = _check_on(case, on)
        return _move(
            case,
            to=S.IN_PROGRESS,
            actor=actor,
            action="end_consultation",
            on=day,
            via=via,
            clock_event=EventType.CONSULTATION_ENDED,
            data={"conclusion": conclusion.strip()},
        )


def case_request_assistance(
    *, actor: Actor, case: Case, unit: str, text: str = "", on: date | None = None, via: str = "web"
) -> Case:
    """协查: ask an internal unit or another agency for help. Recorded; the clock runs on."""
    with transaction.atomic():
        case = _locked(case)
        _handling(case, actor)
        day = _check_on(case, on)
        if not unit.strip():
            raise ValidationFailed(_("Name the unit asked for assistance."), details={"unit": _("required")})
        return _stay(
            case,
            allowed=HANDLING_STATES,
            actor=actor,
            action="request_assistance",
            on=day,
            via=via,
            data={"unit": unit.strip(), "text": text.strip()},
        )


def case_notify_fee(
    *, actor: Actor, case: Case, amount_yuan: int, basis: str, on: date | None = None, via: str = "web"
) -> Case:
    """Send a fee notice (国办函〔2020〕109号); the applicant pays within 20 working days."""
    with transaction.atomic():
        case = _locked(case)
        _handling(case, actor)
        day = _check_on(case, on)
        if amount_yuan <= 0:
            raise ValidationFailed(_("A fee notice states an amount above zero."), details={"amount_yuan": amount_yuan})
        if not basis.strip():
            raise ValidationFailed(_("State the basis of the fee."), details={"basis": _("required")})
        return _move(
            case,
            to=S.AWAITING_PAYMENT,
            actor=actor,
            action="notify_fee",
            on=day,
            via=via,
            clock_event=EventType.FEE_NOTIFIED,
            data={"amount_yuan": amount_yuan, "basis": basis.strip()},
        )


def case_receive_payment(*, actor: Actor, case: Case, on: date | None = None, via: str = "web") -> Case:
    """The fee was paid. Paid after the 20th working day the application is abandoned
    (国办函〔2020〕109号: 逾期未缴纳的视为放弃申请) and the payment cannot revive it."""
    with transaction.atomic():
        case = _locked(case)
        _handling(case, actor)
        day = _check_on(case, on)
        moved = _move(
            case,
            to=S.IN_PROGRESS,
            actor=actor,
            action="receive_payment",
            on=day,
            via=via,
            clock_event=EventType.FEE_PAID,
        )
        if moved.clock_state == ClockStateName.ABANDONED_FEE_UNPAID:
            raise InvalidTransition(
                _(
                    "The fee was paid after the 20 working days: the application counts as abandoned. "
                    "Close the case; the applicant may apply again."
                )
            )
        return moved


def case_extend(
    *, actor: Actor, case: Case, working_days: int, reason: str, on: date | None = None, via: str = "web"
) -> Case:
    """Extend the reply period, approved by the office head, before the due date (Art. 33 ¶2)."""
    with transaction.atomic():
        case = _locked(case)
        require(
            _allowed(actor, permissions.can_approve_case, case),
            _("An extension needs the approval of the head of the disclosure office (Art. 33)."),
        )
        day = _check_on(case, on)
        if not reason.strip():
            raise ValidationFailed(_("State the reason for the extension."), details={"reason": _("required")})
        if not 1 <= working_days <= 20:
            raise ValidationFailed(
                _("An extension is 1 to 20 working days (Art. 33)."), details={"working_days": working_days}
            )
        if case.due_on is not None and day > case.due_on:
            raise InvalidTransition(_("The due date has passed: an extension must be decided before it."))
        return _stay(
            case,
            allowed=HANDLING_STATES,
            actor=actor,
            action="extend",
            on=day,
            via=via,
            clock_event=EventType.EXTENDED,
            data={"working_days": working_days, "reason": reason.strip()},
        )


def case_set_deadline(
    *, actor: Actor, case: Case, due: date, reason: str, on: date | None = None, via: str = "web"
) -> Case:
    """A reasonable but very large request: the office sets a longer, stated deadline (Art. 35)."""
    with transaction.atomic():
        case = _locked(case)
        require(_allowed(actor, permissions.can_approve_case, case), _("Setting a deadline needs the office head."))
        day = _check_on(case, on)
        if due <= day:
            raise ValidationFailed(_("The deadline must be after today."), details={"due": due.isoformat()})
        if not reason.strip():
            raise ValidationFailed(_("State the reason for the deadline."), details={"reason": _("required")})
        return _stay(
            case,
            allowed=HANDLING_STATES,
            actor=actor,
            action="set_deadline",
            on=day,
            via=via,
            clock_event=EventType.DEADLINE_SET,
            data={"due": due.isoformat(), "reason": reason.strip()},
        )


def case_draft_reply(
    *, actor: Actor, case: Case, outcome: str, reasons: str = "", on: date | None = None, via: str = "web"
) -> Case:
    """Draft the reply with its outcome (a row of report table 三) and reasons (Arts. 36–39)."""
    if outcome not in OUTCOME_BY_CODE:
        raise ValidationFailed(_("Choose the outcome of the reply."), details={"outcome": outcome})
    if outcome in {"other_no_correction", "other_fee_unpaid"}:
        raise ValidationFailed(
            _("An abandoned application is closed, not answered: use “close”."), details={"outcome": outcome}
        )
    if outcome != "disclosed" and not reasons.strip():
        raise ValidationFailed(_("A reply that does not disclose everything gives its reasons."))
    with transaction.atomic():
        case = _locked(case)
        _handling(case, actor)
        day = _check_on(case, on)
        case.outcome, case.reply_reasons = outcome, reasons.strip()
        case.save(update_fields=["outcome", "reply_reasons", "updated_at"])
        return _move(
            case, to=S.REPLY_DRAFTED, actor=actor, action="draft_reply", on=day, via=via, data={"outcome": outcome}
        )


def case_approve_reply(*, actor: Actor, case: Case, on: date | None = None, via: str = "web") -> Case:
    with transaction.atomic():
        case = _locked(case)
        require(
            _allowed(actor, permissions.can_approve_case, case),
            _("Only the head of the disclosure office approves replies."),
        )
        day = _check_on(case, on)
        return _move(case, to=S.REPLY_APPROVED, actor=actor, action="approve_reply", on=day, via=via)


def case_return_reply(*, actor: Actor, case: Case, reason: str, on: date | None = None, via: str = "web") -> Case:
    """The head sends a draft back to the handler."""
    with transaction.atomic():
        case = _locked(case)
        require(
            _allowed(actor, permissions.can_approve_case, case),
            _("Only the head of the disclosure office reviews replies."),
        )
        day = _check_on(case, on)
        if not reason.strip():
            raise ValidationFailed(_("Say what is to change in the draft."), details={"reason": _("required")})
        return _move(
            case, to=S.IN_PROGRESS, actor=actor, action="return_reply", on=day, via=via, data={"reason": reason.strip()}
        )


def case_issue_reply(*, actor: Actor, case: Case, on: date | None = None, via: str = "web") -> Case:
    """Send the approved reply; the clock closes on that day (a posted reply: the day posted)."""
    with transaction.atomic():
        case = _locked(case)
        _handling(case, actor)
        day = _check_on(case, on)
        return _move(
            case,
            to=S.REPLIED,
            actor=actor,
            action="issue_reply",
            on=day,
            via=via,
            clock_event=EventType.REPLIED,
            data={"outcome": case.outcome},
        )


_ABANDONED: dict[str, tuple[ClockStateName, str]] = {
    S.AWAITING_CORRECTION: (ClockStateName.ABANDONED_NO_CORRECTION, "other_no_correction"),
    S.AWAITING_PAYMENT: (ClockStateName.ABANDONED_FEE_UNPAID, "other_fee_unpaid"),
}


def case_close(*, actor: Actor, case: Case, on: date | None = None, via: str = "web") -> Case:
    """Close a replied case, or one abandoned: no correction in time (Art. 30, row (六)1) or the
    fee not paid in time (国办函〔2020〕109号, row (六)2) — only once the period has run out."""
    with transaction.atomic():
        case = _locked(case)
        _handling(case, actor)
        day = _check_on(case, on)
        refresh_clock(case, _today())  # the applicant's period may have run out since the last step
        if case.status in _ABANDONED:
            needed, outcome = _ABANDONED[case.status]
            if case.clock_state != needed:
                raise InvalidTransition(
                    _("The applicant's period has not run out yet: the case cannot be closed as abandoned.")
                )
            case.outcome = outcome
            case.save(update_fields=["outcome", "updated_at"])
        return _move(case, to=S.CLOSED, actor=actor, action="close", on=day, via=via, data={"outcome": case.outcome})


def case_transfer(
    *, actor: Actor, case: Case, to_agency: Agency, reason: str, on: date | None = None, via: str = "web"
) -> Case:
    """转办: the application belongs to another agency. This case ends (transferred); the
    receiving agency registers it with its own receipt date (Art. 31)."""
    with transaction.atomic():
        case = _locked(case)
        require(
            _allowed(actor, permissions.can_register_case, case.agency),
            _("Only registrars and the head transfer cases."),
        )
        day = _check_on(case, on)
        if to_agency.pk == case.agency_id or not to_agency.is_active:
            raise ValidationFailed(_("Choose another, active agency."), details={"to_agency": to_agency.code})
        if not reason.strip():
            raise ValidationFailed(_("State why the case is transferred."), details={"reason": _("required")})
        return _move(
            case,
            to=S.TRANSFERRED,
            actor=actor,
            action="transfer",
            on=day,
            via=via,
            data={"to_agency": to_agency.code, "reason": reason.strip()},
        )


def case_withdraw(*, actor: Actor, case: Case, reason: str = "", on: date | None = None, via: str = "web") -> Case:
    """The applicant withdrew the application: it ends in row (六)3 其他."""
    with transaction.atomic():
        case = _locked(case)
        require(
            _allowed(actor, permissions.can_record_withdrawal, case), _("Only staff of the agency record a withdrawal.")
        )
        day = _check_on(case, on)
        case.outcome = "other"
        case.save(update_fields=["outcome", "updated_at"])
        return _move(
            case, to=S.WITHDRAWN, actor=actor, action="withdraw", on=day, via=via, data={"reason": reason.strip()}
        )
