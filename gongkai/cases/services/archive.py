"""The archive (归档) and the case library: ended cases kept unchanged, their requests without people.

A case that has ended — closed, withdrawn or transferred — is archived at once or after
``GONGKAI_ARCHIVE_AFTER_DAYS`` days (``archive_due``, run by ``gongkai cases archive``). Archiving
stores the request and the reply's reasons with the personal data removed
(``gongkai.text.anonymise``) for the library, and from then on the case takes no step
(``_shared._locked`` refuses) until an administrator reopens it, with a reason, audited.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.permissions import can_manage_agency
from gongkai.agencies.scoping import can_reach
from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import InvalidTransition, NotFound, ValidationFailed
from gongkai.core.permissions import require
from gongkai.text.anonymise import anonymise

from .. import permissions
from ..models import Case, CasePrecedent, CaseStatus
from ._shared import _add_event, _allowed

ENDED_STATES = frozenset({CaseStatus.CLOSED, CaseStatus.WITHDRAWN, CaseStatus.TRANSFERRED})
NOTE_MAX = 500


def archive_after_days() -> int:
    return max(0, int(getattr(settings, "GONGKAI_ARCHIVE_AFTER_DAYS", 0)))


def _lock(case: Case) -> Case:
    found = Case.objects.select_for_update().select_related("agency", "applicant").filter(pk=case.pk).first()
    if found is None:
        raise NotFound(_("The case no longer exists."))
    return found


def _archive(case: Case, *, actor: Actor, via: str | None) -> Case:
    applicant = case.applicant
    known = {"names": [applicant.name], "addresses": [applicant.address]}
    case.archived_at = timezone.now()
    case.library_text = anonymise(case.description, **known).text
    case.library_reasons = anonymise(case.reply_reasons, **known).text
    case.save(update_fields=["archived_at", "library_text", "library_reasons", "updated_at"])
    record_event(
        actor=actor, action="case.archived", obj=case, agency=case.agency, details={"number": case.number}, via=via
    )
    return case


def archive_if_due_now(case: Case, *, actor: Actor, via: str | None) -> None:
    """Called by the steps that end a case, inside their transaction: archive at once if so set."""
    if case.status in ENDED_STATES and case.archived_at is None and archive_after_days() == 0:
        _archive(case, actor=actor, via=via)


def case_archive(*, actor: Actor, case: Case, via: str = "web") -> Case:
    """Archive an ended case now (the office's head or registrar, or the system)."""
    with transaction.atomic():
        case = _lock(case)
        require(
            _allowed(actor, permissions.can_register_case, case.agency),
            _("Only the registrars and the head of %(agency)s may archive its cases.") % {"agency": case.agency.name},
        )
        if case.archived_at is not None:
            raise InvalidTransition(_("The case is archived already."))
        if case.status not in ENDED_STATES:
            raise InvalidTransition(_("Only a case that has ended (closed, withdrawn, transferred) can be archived."))
        return _archive(case, actor=actor, via=via)


def archive_due(now: datetime | None = None) -> int:
    """Archive every ended case whose last step is at least ``GONGKAI_ARCHIVE_AFTER_DAYS`` old; how many."""
    now = now or timezone.now()
    before = now - timedelta(days=archive_after_days())
    done = 0
    for pk in Case.objects.filter(
        status__in=ENDED_STATES, archived_at__isnull=True, updated_at__lte=before
    ).values_list("pk", flat=True):
        with transaction.atomic():
            case = Case.objects.select_for_update().select_related("agency", "applicant").get(pk=pk)
            if case.archived_at is None:
                _archive(case, actor=None, via="cli")
                done += 1
    return done


def case_unarchive(*, actor: Actor, case: Case, reason: str, on: date | None = None, via: str = "web") -> Case:
    """An administrator takes a case out of the archive (a wrong entry to correct), with a reason."""
    reason = reason.strip()
    with transaction.atomic():
        case = _lock(case)
        require(
            _allowed(actor, can_manage_agency, case.agency),
            _("Only an administrator of %(agency)s may reopen an archived case.") % {"agency": case.agency.name},
        )
        if case.archived_at is None:
            raise InvalidTransition(_("The case is not archived."))
        if not reason:
            raise ValidationFailed(
                _("Give the reason for reopening the archived case."), details={"reason": _("required")}
            )
        case.archived_at = None
        case.save(update_fields=["archived_at", "updated_at"])
        _add_event(
            case, action="unarchived", on=on or timezone.localdate(), actor=actor, via=via, data={"reason": reason}
        )
        record_event(
            actor=actor,
            action="case.unarchived",
            obj=case,
            agency=case.agency,
            details={"number": case.number, "reason": reason},
            via=via,
        )
        return case


def reopen_from_archive(case: Case, *, actor: Actor, reason: str, via: str | None) -> Case:
    """Take a locked case out of the archive because the law reopens it (a reconsideration or
    court result of 纠正 orders a new reply) — no administrator needed; audited, in the timeline."""
    if case.archived_at is None:
        return case
    case.archived_at = None
    case.save(update_fields=["archived_at", "updated_at"])
    _add_event(case, action="unarchived", on=timezone.localdate(), actor=actor, via=via, data={"reason": reason})
    record_event(
        actor=actor,
        action="case.unarchived",
        obj=case,
        agency=case.agency,
        details={"number": case.number, "reason": reason},
        via=via,
    )
    return case


def case_link_precedent(
    *, actor: Actor, case: Case, precedent: Case, note: str = "", via: str = "web"
) -> CasePrecedent:
    """A handler links an archived case (in their reach) to their case as its precedent."""
    note = note.strip()
    with transaction.atomic():
        case = _lock(case)
        require(
            _allowed(actor, permissions.can_handle_case, case),
            _("Only the handler of the case and the office head may link precedents."),
        )
        if precedent.pk == case.pk:
            raise ValidationFailed(_("A case cannot be its own precedent."))
        if precedent.archived_at is None:
            raise ValidationFailed(_("Only an archived case of the library can be a precedent."))
        if actor is not None and not can_reach(actor, precedent.agency):
            raise NotFound(_("No such case in the library."))
        if len(note) > NOTE_MAX:
            raise ValidationFailed(_("The note is at most %(max)d characters.") % {"max": NOTE_MAX})
        if CasePrecedent.objects.filter(case=case, precedent=precedent).exists():
            raise InvalidTransition(_("This precedent is linked already."))
        user = actor if actor is not None and actor.is_authenticated else None
        link = CasePrecedent.objects.create(  # type: ignore[misc]  # the project's user model is django.contrib.auth's User
            case=case, precedent=precedent, note=note, linked_at=timezone.now(), linked_by=user
        )
        record_event(
            actor=actor,
            action="case.precedent_linked",
            obj=case,
            agency=case.agency,
            details={"number": case.number, "precedent": precedent.number},
            via=via,
        )
        return link
