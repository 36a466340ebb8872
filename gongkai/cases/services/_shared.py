"""What every case service shares: the step's date, the row lock, the event, the clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import Actor, actor_label, record_event
from gongkai.core.errors import InvalidTransition, NotFound, ValidationFailed
from gongkai.core.states import transition
from gongkai.law.clock import EventType

from ..clock import CLOCK_FIELDS, refresh_clock
from ..models import (
    Case,
    CaseEvent,
)
from ..signals import case_step_recorded
from ..states import CASE_STATES


def _allowed(actor: Actor, check: Callable[..., bool], *args: Any) -> bool:
    """``check(actor, *args)``; the system itself (no actor: imports, the demo) may do everything."""
    return actor is None or check(actor, *args)


def _today() -> date:
    return timezone.localdate()


def _add_event(
    case: Case,
    *,
    action: str,
    on: date,
    actor: Actor,
    via: str | None,
    clock_event: EventType | None = None,
    data: Mapping[str, Any] | None = None,
    note: str = "",
) -> CaseEvent:
    user = actor if actor is not None and actor.is_authenticated else None
    return CaseEvent.objects.create(  # type: ignore[misc]  # the project's user model is django.contrib.auth's User
        case=case,
        action=action,
        on=on,
        at=timezone.now(),
        actor=user,
        actor_label=actor_label(actor, via),
        clock_event=clock_event.value if clock_event else "",
        data=dict(data or {}),
        note=note,
    )


def _refresh(case: Case, *, today: date | None = None) -> None:
    if case.received_on is None:
        return
    if refresh_clock(case, today or _today()):
        case.save(update_fields=CLOCK_FIELDS)


def _check_on(case: Case, on: date | None) -> date:
    """The step's date: today by default, never in the future, never before the last step."""
    day = on or _today()
    if day > _today():
        raise ValidationFailed(_("The date of a step cannot be in the future."), details={"on": day.isoformat()})
    last = case.events.order_by("-on").values_list("on", flat=True).first()
    if last is not None and day < last:
        raise ValidationFailed(
            _("The date %(day)s is before the case's last step (%(last)s): steps are entered in order.")
            % {"day": day.isoformat(), "last": last.isoformat()},
            details={"on": day.isoformat()},
        )
    return day


def _locked(case: Case, *, allow_archived: bool = False) -> Case:
    """The case, locked for the step; an archived case takes no step (an administrator reopens it).

    Records kept about an ended case without changing its handling (an appeal against the reply,
    its result) pass ``allow_archived=True``; a result that reopens the case takes it out of the
    archive first with ``archive.reopen_from_archive``.
    """
    try:
        found = Case.objects.select_for_update().select_related("agency", "applicant").get(pk=case.pk)
    except Case.DoesNotExist as error:
        raise NotFound(_("The case no longer exists.")) from error
    if found.archived_at is not None and not allow_archived:
        raise InvalidTransition(
            _("The case is archived: it takes no further step unless an administrator reopens it."),
            details={"archived_at": found.archived_at.isoformat()},
        )
    return found


def _step(
    case: Case,
    *,
    actor: Actor,
    action: str,
    on: date,
    via: str | None,
    to: str | None = None,
    allowed: frozenset[str] = frozenset(),
    clock_event: EventType | None = None,
    data: Mapping[str, Any] | None = None,
    note: str = "",
) -> Case:
    """Record one step: move the state to ``to`` (checked by ``CASE_STATES``) or, for a step that
    leaves it, check that the state is one of ``allowed``; then the CaseEvent, the audit event
    (the free text of the step stays in the case's own record) and the recomputed clock."""
    details = {"number": case.number, **{k: v for k, v in (data or {}).items() if k != "text"}}
    if to is not None:
        transition(
            case,
            machine=CASE_STATES,
            to=to,
            actor=actor,
            action=f"case.{action}",
            agency=case.agency,
            details=details,
            via=via,
        )
    elif case.status not in allowed:
        raise InvalidTransition(
            _("A case that is “%(state)s” cannot take this step.") % {"state": CASE_STATES.label(case.status)},
            details={"from": case.status, "action": action},
        )
    else:
        record_event(actor=actor, action=f"case.{action}", obj=case, agency=case.agency, details=details, via=via)
    event = _add_event(case, action=action, on=on, actor=actor, via=via, clock_event=clock_event, data=data, note=note)
    _refresh(case)
    _announce(case, event, actor=actor, via=via)
    if to is not None:
        from .archive import archive_if_due_now  # the archive stands on these helpers

        archive_if_due_now(case, actor=actor, via=via)
    return case


def _announce(case: Case, event: CaseEvent, *, actor: Actor, via: str | None) -> None:
    """Tell the listening apps (``gongkai.cases.signals``), inside the step's transaction."""
    case_step_recorded.send(sender=Case, case=case, event=event, actor=actor, via=via)


def _move(case: Case, *, to: str, **step: Any) -> Case:
    """A step that moves the case to state ``to``."""
    return _step(case, to=to, **step)


def _stay(case: Case, *, allowed: frozenset[str], **step: Any) -> Case:
    """A step that leaves the state as it is, allowed only in the states ``allowed``."""
    return _step(case, allowed=allowed, **step)
