"""督办 and 联合会商: a supervisor above an agency presses it for action (about one case or its
open work), the agency acknowledges; a case's handler records a joint consultation on a hard case.

Neither moves the case's state or its reply clock; both are recorded as a CaseEvent (when about a
case) so that they show in the case's timeline, and in the audit log.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import Conflict, NotFound, ValidationFailed
from gongkai.core.permissions import require

from .. import permissions
from ..models import Case, CasePress, JointConsultation
from ..signals import case_pressed
from ._shared import _add_event, _locked, _today

INSTRUCTION_MAX = 2000
TEXT_MAX = 5000
PARTICIPANTS_MIN = 2


def case_press(
    *, actor: Actor, agency: Agency, instruction: str, case: Case | None = None, via: str = "web"
) -> CasePress:
    """Press ``agency`` for action (督办), about ``case`` (one of its open cases) or its work at large."""
    text = (instruction or "").strip()
    with transaction.atomic():
        require(
            actor is not None and permissions.can_press(actor, agency),
            _("Only a supervisor of an agency above %(agency)s may press it for action.") % {"agency": agency.name},
        )
        if not text:
            raise ValidationFailed(_("Write the instruction."), details={"instruction": _("required")})
        if len(text) > INSTRUCTION_MAX:
            raise ValidationFailed(
                _("The instruction is too long (at most %(max)d characters).") % {"max": INSTRUCTION_MAX},
                details={"instruction": _("too long")},
            )
        if case is not None:
            case = _locked(case)
            if case.agency_id != agency.pk:
                raise ValidationFailed(
                    _("Case %(number)s is not a case of %(agency)s.") % {"number": case.number, "agency": agency.name},
                    details={"case": case.number},
                )
            if not case.is_open:
                raise ValidationFailed(
                    _("Case %(number)s is no longer open: there is nothing to press for.") % {"number": case.number},
                    details={"case": case.number},
                )
        press = CasePress.objects.create(
            agency=agency, case=case, instruction=text, pressed_at=timezone.now(), pressed_by=actor
        )  # type: ignore[misc]  # the project's user model is django.contrib.auth's User
        details = {"press": press.pk, "number": case.number if case is not None else None}
        record_event(actor=actor, action="case.pressed", obj=case or agency, agency=agency, details=details, via=via)
        if case is not None:
            _add_event(case, action="pressed", on=_today(), actor=actor, via=via, data={"press": press.pk}, note=text)
        case_pressed.send(sender=CasePress, press=press, actor=actor)
        return press


def press_acknowledge(*, actor: Actor, press: CasePress, via: str = "web") -> CasePress:
    """The pressed agency's head or staff acknowledge a press, once."""
    with transaction.atomic():
        try:
            press = CasePress.objects.select_for_update(of=("self",)).select_related("agency", "case").get(pk=press.pk)
        except CasePress.DoesNotExist as error:
            raise NotFound(_("The press no longer exists.")) from error
        require(
            actor is not None and permissions.can_acknowledge_press(actor, press.agency),
            _("Only the staff of %(agency)s acknowledge its presses.") % {"agency": press.agency.name},
        )
        if press.acknowledged_at is not None:
            raise Conflict(
                _("This press was already acknowledged on %(day)s.")
                % {"day": timezone.localtime(press.acknowledged_at).date().isoformat()}
            )
        press.acknowledged_at = timezone.now()
        press.acknowledged_by = actor  # type: ignore[assignment]  # the project's user model is auth's User
        press.save(update_fields=["acknowledged_at", "acknowledged_by"])
        record_event(
            actor=actor,
            action="case.press_acknowledged",
            obj=press.case or press.agency,
            agency=press.agency,
            details={"press": press.pk, "number": press.case.number if press.case else None},
            via=via,
        )
        return press


def participant_lines(participants: str) -> list[str]:
    return [line.strip() for line in (participants or "").splitlines() if line.strip()]


def case_record_joint_consultation(
    case: Case, *, actor: Actor, held_on: date, participants: str, conclusion: str, via: str = "web"
) -> JointConsultation:
    """Record a joint consultation (联合会商) held on ``case``: when, who took part, what was concluded."""
    with transaction.atomic():
        case = _locked(case)
        require(
            actor is not None and permissions.can_handle_case(actor, case),
            _("Only the case's handler and the office head may work on case %(number)s.") % {"number": case.number},
        )
        lines = participant_lines(participants)
        text = (conclusion or "").strip()
        problems: dict[str, str] = {}
        received = case.received_on or timezone.localtime(case.received_at).date()
        if held_on > _today():
            problems["held_on"] = _("The consultation cannot be held in the future.")
        elif held_on < received:
            problems["held_on"] = _("The consultation cannot be before the case was received (%(day)s).") % {
                "day": received.isoformat()
            }
        if len(lines) < PARTICIPANTS_MIN:
            problems["participants"] = _("Name at least two participants, one per line.")
        if not text:
            problems["conclusion"] = _("Write the conclusion.")
        elif len(text) > TEXT_MAX or len("\n".join(lines)) > TEXT_MAX:
            problems["conclusion"] = _("Too long (at most %(max)d characters).") % {"max": TEXT_MAX}
        if problems:
            message = next(iter(problems.values())) if len(problems) == 1 else _("Check the consultation's fields.")
            raise ValidationFailed(message, details=problems)
        record = JointConsultation.objects.create(  # type: ignore[misc]  # auth's User
            case=case,
            held_on=held_on,
            participants="\n".join(lines),
            conclusion=text,
            recorded_at=timezone.now(),
            recorded_by=actor if actor is not None and actor.is_authenticated else None,
        )
        record_event(
            actor=actor,
            action="case.joint_consultation",
            obj=case,
            agency=case.agency,
            details={"number": case.number, "held_on": held_on.isoformat(), "participants": len(lines)},
            via=via,
        )
        _add_event(
            case,
            action="joint_consultation",
            on=held_on,
            actor=actor,
            via=via,
            data={"consultation": record.pk, "participants": lines},
            note=text,
        )
        return record
