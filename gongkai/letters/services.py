"""Every write of letters: issuing (the bytes stored as they are, with their SHA-256) and the
delivery's tracking number. Issuing happens inside the case step that implies the letter
(``receivers``), so a letter that cannot be rendered undoes the step."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.cases import permissions as case_permissions
from gongkai.cases.models import Case, CaseEvent
from gongkai.core.audit import Actor, actor_label, record_event
from gongkai.core.errors import ValidationFailed
from gongkai.core.permissions import require
from gongkai.core.storage import StoredFileDamaged, read_bytes, store_bytes
from gongkai.law.letters import LetterKind

from .drafting import TO_PARTY, draft_letter
from .models import Delivery, Letter
from .rendering import Draft, render_docx, render_pdf

FOLDER = "letters"
FORMATS = ("pdf", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Rendered:
    draft: Draft
    docx: bytes
    pdf: bytes


def render(draft: Draft) -> Rendered:
    return Rendered(draft, render_docx(draft), render_pdf(draft))


def _delivery_for(case: Case, kind: LetterKind) -> str:
    if kind in TO_PARTY:
        return Delivery.POST
    return case.delivery_method if case.delivery_method in Delivery.values else Delivery.ONLINE


def letter_issue(
    *,
    actor: Actor,
    case: Case,
    kind: LetterKind,
    event: CaseEvent | None = None,
    data: Mapping[str, Any] | None = None,
    issued_on: date | None = None,
    via: str | None = "web",
) -> Letter:
    """Render the letter and keep its exact DOCX and PDF. Called inside the issuing step's
    transaction (who may was checked by the step); never renders an issued letter again."""
    with transaction.atomic():
        day = issued_on or timezone.localdate()
        rendered = render(draft_letter(case, kind, data=data, issued_on=day))
        docx = store_bytes(rendered.docx, folder=FOLDER, suffix=".docx")
        pdf = store_bytes(rendered.pdf, folder=FOLDER, suffix=".pdf")
        user = actor if actor is not None and actor.is_authenticated else None
        letter = Letter.objects.create(  # type: ignore[misc]  # the project's user model is django.contrib.auth's User
            case=case,
            event=event,
            kind=kind.value,
            variant=rendered.draft.variant,
            title=rendered.draft.title,
            recipient=rendered.draft.recipient[:200],
            issued_at=timezone.now(),
            issued_on=day,
            issued_by=user,
            issued_by_label=actor_label(actor, via),
            delivery=_delivery_for(case, kind),
            to_applicant=kind not in TO_PARTY,
            docx=docx.name,
            docx_sha256=docx.sha256,
            docx_size=docx.size,
            pdf=pdf.name,
            pdf_sha256=pdf.sha256,
            pdf_size=pdf.size,
        )
        record_event(
            actor=actor,
            action="letter.issued",
            obj=letter,
            agency=case.agency,
            details={"number": case.number, "kind": kind.value, "variant": letter.variant, "pdf_sha256": pdf.sha256},
            via=via,
        )
        return letter


def letter_issue_third_party_notice(
    *, actor: Actor, case: Case, party: str, reasons: str, on: date | None = None, via: str = "web"
) -> Letter:
    """Tell a third party that the information is disclosed over its objection, with the
    content and the reasons (Art. 32: a major effect on the public interest)."""
    require(
        actor is None or case_permissions.can_handle_case(actor, case),
        _("Only the case's handler and the office head may work on case %(number)s.") % {"number": case.number},
    )
    if not party.strip():
        raise ValidationFailed(_("Name the third party."), details={"party": _("required")})
    if not reasons.strip():
        raise ValidationFailed(
            _("State what is disclosed and why the public interest outweighs the objection."),
            details={"reasons": _("required")},
        )
    return letter_issue(
        actor=actor,
        case=case,
        kind=LetterKind.THIRD_PARTY_NOTICE,
        data={"party": party.strip(), "reasons": reasons.strip()},
        issued_on=on,
        via=via,
    )


def letter_record_delivery(
    *, actor: Actor, letter: Letter, delivery: str, tracking_number: str = "", via: str = "web"
) -> Letter:
    """Record how the letter went out (a posted letter: its tracking number). The letter's
    bytes never change."""
    require(
        actor is None or case_permissions.can_handle_case(actor, letter.case),
        _("Only the case's handler and the office head may work on case %(number)s.") % {"number": letter.case.number},
    )
    if delivery not in Delivery.values:
        raise ValidationFailed(_("Choose how the letter was delivered."), details={"delivery": delivery})
    tracking_number = tracking_number.strip()
    if delivery == Delivery.POST and not tracking_number:
        raise ValidationFailed(_("A posted letter has a tracking number."), details={"tracking_number": _("required")})
    if len(tracking_number) > 64:
        raise ValidationFailed(_("The tracking number is too long."), details={"tracking_number": tracking_number})
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        letter.delivery, letter.tracking_number = delivery, tracking_number
        letter.save(update_fields=["delivery", "tracking_number"])
        record_event(
            actor=actor,
            action="letter.delivery_recorded",
            obj=letter,
            agency=letter.case.agency,
            details={"number": letter.case.number, "delivery": delivery, "tracking_number": tracking_number},
            via=via,
        )
        return letter


def letter_content(letter: Letter, fmt: str) -> bytes:
    """The issued bytes, checked against their hash."""
    if fmt not in FORMATS:
        raise ValidationFailed(_("Choose the format: pdf or docx."), details={"format": fmt})
    field, digest = (letter.pdf, letter.pdf_sha256) if fmt == "pdf" else (letter.docx, letter.docx_sha256)
    try:
        return read_bytes(field.name, sha256=digest, storage=field.storage)
    except (OSError, StoredFileDamaged) as error:
        raise ValidationFailed(
            _("The stored file of the letter “%(title)s” is missing or damaged.") % {"title": letter.title}
        ) from error


def receipt_with_code(case: Case, query_code: str, fmt: str = "pdf") -> bytes:
    """The receipt with the query code, rendered now and never stored (the code is kept only
    as a digest); the stored receipt says it leaves the code out."""
    draft = draft_letter(case, LetterKind.RECEIPT, issued_on=timezone.localdate(), query_code=query_code)
    return render_pdf(draft) if fmt == "pdf" else render_docx(draft)
