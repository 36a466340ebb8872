"""Reconsiderations (行政复议) and lawsuits (行政诉讼) against a case's reply: report table 四.

``appeal_record`` enters one, ``appeal_set_result`` its result — each by the case's handler or
the office head (``permissions.can_handle_case``), in one transaction, with a CaseEvent on the
case (no clock event) and an audit event. A result is final: it changes only from 尚未审结; a
wrong entry is put right by an administrator.

A result of 纠正 (revoked, varied, declared unlawful, ordered to perform) reopens a replied or
closed case for a new reply: the case moves back to ``in_progress`` (``CASE_STATES``, audited as
``case.reopened``; an archived case leaves the archive first, ``archive.reopen_from_archive``,
as the law reopens it), and a ``reopen`` CaseEvent dated the day of the result starts a new reply
period: the case clock counts from that day as from a receipt, with only the later clock
events (``gongkai.cases.clock.current_period``) — the law clock itself knows no reopening.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from gongkai.core.permissions import require
from gongkai.core.states import transition
from gongkai.law.remedies import AppealKind, AppealResult

from .. import permissions
from ..clock import REOPEN_ACTION
from ..models import AppealKindChoice, AppealResultChoice, Case, CaseAppeal, CaseStatus
from ..states import CASE_STATES
from ._shared import _add_event, _allowed, _check_on, _locked, _refresh, _today
from .archive import reopen_from_archive

#: The states of a case that has been answered: there is a reply (or an end) to appeal against.
ANSWERED_STATES = frozenset({CaseStatus.REPLIED, CaseStatus.CLOSED, CaseStatus.WITHDRAWN})


def may_be_appealed(case: Case) -> bool:
    """Whether a reconsideration or lawsuit can be recorded: the case was answered (or reopened
    after an earlier one, when a lawsuit may still follow)."""
    return case.status in ANSWERED_STATES or case.events.filter(action=REOPEN_ACTION).exists()


def _may_work(case: Case, actor: Actor) -> None:
    require(
        _allowed(actor, permissions.can_handle_case, case),
        _("Only the case's handler and the office head may record reconsiderations and lawsuits of case %(number)s.")
        % {"number": case.number},
    )


def _user(actor: Actor) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


def appeal_record(
    case: Case,
    *,
    actor: Actor,
    kind: str,
    body: str,
    filed_on: date,
    body_number: str = "",
    follows: CaseAppeal | None = None,
    note: str = "",
    via: str = "web",
) -> CaseAppeal:
    """Record a reconsideration or lawsuit against the reply of ``case`` (result: 尚未审结)."""
    if kind not in AppealKindChoice.values:
        raise ValidationFailed(_("Choose the kind of remedy."), details={"kind": kind})
    if not body.strip():
        raise ValidationFailed(_("Name the reconsideration body or the court."), details={"body": _("required")})
    with transaction.atomic():
        case = _locked(case, allow_archived=True)  # a record about the ended case, not a step of it
        _may_work(case, actor)
        if not may_be_appealed(case):
            raise InvalidTransition(
                _("Case %(number)s has not been answered yet: there is no reply to appeal against.")
                % {"number": case.number},
                details={"status": case.status},
            )
        if filed_on > _today():
            raise ValidationFailed(_("The filing date cannot be in the future."), details={"filed_on": filed_on})
        received = case.received_on or timezone.localtime(case.received_at).date()
        if filed_on < received:
            raise ValidationFailed(
                _("The filing date cannot be before the case was received (%(day)s).") % {"day": received.isoformat()},
                details={"filed_on": filed_on.isoformat()},
            )
        if follows is not None:
            if kind != AppealKind.LITIGATION_AFTER_RECONSIDERATION:
                raise ValidationFailed(
                    _("Only a lawsuit after reconsideration follows a reconsideration."),
                    details={"follows": follows.pk},
                )
            if follows.case_id != case.pk or follows.kind != AppealKind.RECONSIDERATION:
                raise ValidationFailed(
                    _("The lawsuit can follow only a reconsideration of the same case."),
                    details={"follows": follows.pk},
                )
            if filed_on < follows.filed_on:
                raise ValidationFailed(
                    _("A lawsuit after reconsideration cannot be filed before the reconsideration."),
                    details={"filed_on": filed_on.isoformat()},
                )
        appeal = CaseAppeal.objects.create(
            case=case,
            kind=kind,
            follows=follows,
            body=body.strip(),
            filed_on=filed_on,
            body_number=body_number.strip(),
            note=note.strip(),
            recorded_at=timezone.now(),
            recorded_by=_user(actor),
        )
        details = {
            "number": case.number,
            "appeal": appeal.pk,
            "kind": kind,
            "body": appeal.body,
            "body_number": appeal.body_number,
            "filed_on": filed_on.isoformat(),
        }
        record_event(actor=actor, action="case.appeal_recorded", obj=case, agency=case.agency, details=details, via=via)
        _add_event(case, action="appeal_recorded", on=filed_on, actor=actor, via=via, data=details, note=appeal.note)
        return appeal


def appeal_set_result(
    appeal: CaseAppeal,
    *,
    actor: Actor,
    result: str,
    result_on: date,
    note: str = "",
    via: str = "web",
) -> CaseAppeal:
    """Enter the result of a pending reconsideration or lawsuit; 纠正 reopens the case (module doc)."""
    if result not in AppealResultChoice.values or result == AppealResult.PENDING:
        raise ValidationFailed(_("Choose the result: upheld, corrected or other."), details={"result": result})
    with transaction.atomic():
        try:
            appeal = CaseAppeal.objects.select_for_update().get(pk=appeal.pk)
        except CaseAppeal.DoesNotExist as error:
            raise NotFound(_("The reconsideration or lawsuit no longer exists.")) from error
        case = _locked(appeal.case, allow_archived=True)
        _may_work(case, actor)
        if appeal.result != AppealResult.PENDING:
            raise Conflict(
                _("The result has already been entered and is final; an administrator corrects a wrong entry."),
                details={"result": appeal.result},
            )
        if result_on < appeal.filed_on:
            raise ValidationFailed(
                _("The result cannot be dated before the filing (%(day)s).") % {"day": appeal.filed_on.isoformat()},
                details={"result_on": result_on.isoformat()},
            )
        if result_on > _today():
            raise ValidationFailed(_("The result date cannot be in the future."), details={"result_on": result_on})
        # 纠正 reopens an answered case; one already reopened (open again) owes its new reply
        # already; a withdrawn one cannot reopen (CASE_STATES refuses, 409)
        reopen = result == AppealResult.CORRECTED and not case.is_open
        if reopen:
            _check_on(case, result_on)  # the new period starts after every earlier step
        appeal.result, appeal.result_on = result, result_on
        if note.strip():
            appeal.note = f"{appeal.note}\n{note.strip()}".strip()
        appeal.save(update_fields=["result", "result_on", "note", "updated_at"])
        details = {
            "number": case.number,
            "appeal": appeal.pk,
            "kind": appeal.kind,
            "result": result,
            "result_on": result_on.isoformat(),
        }
        record_event(actor=actor, action="case.appeal_result", obj=case, agency=case.agency, details=details, via=via)
        _add_event(case, action="appeal_result", on=result_on, actor=actor, via=via, data=details, note=note.strip())
        if reopen:
            _reopen(case, appeal, actor=actor, on=result_on, via=via)
        return appeal


def _reopen(case: Case, appeal: CaseAppeal, *, actor: Actor, on: date, via: str) -> None:
    """Back to ``in_progress`` for a new reply (out of the archive first, if it was archived);
    the reply period runs anew from ``on``."""
    details = {"number": case.number, "appeal": appeal.pk, "kind": appeal.kind, "on": on.isoformat()}
    reopen_from_archive(
        case,
        actor=actor,
        reason=_("A %(kind)s corrected the reply: a new reply is due.") % {"kind": appeal.get_kind_display()},
        via=via,
    )
    transition(
        case,
        machine=CASE_STATES,
        to=CaseStatus.IN_PROGRESS,
        actor=actor,
        action="case.reopened",
        agency=case.agency,
        details=details,
        via=via,
    )
    _add_event(case, action=REOPEN_ACTION, on=on, actor=actor, via=via, data=details)
    _refresh(case)
