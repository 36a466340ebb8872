"""Agency administrators edit the bodies of their letters (per kind, and for the reply per outcome).

A template saved for an agency applies to it and to the agencies under it that have none of
their own (``drafting.body_template``); removing it falls back to what applies above. The body
is Django template text checked for syntax before it is kept; an issued letter never changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.template import TemplateSyntaxError
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import can_manage_agency
from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.core.permissions import require
from gongkai.law.letters import LetterKind
from gongkai.law.outcomes import OUTCOME_BY_CODE

from .drafting import _TEXT_ENGINE, body_template
from .models import LetterTemplate

BODY_MAX = 20000
TITLE_MAX = 100


@dataclass(frozen=True)
class TemplateSlot:
    kind: LetterKind
    variant: str  # "" for every variant; for the reply an outcome code
    title: str
    body: str
    own: bool  # the agency has its own row for this slot


def manages_any(user: object) -> bool:
    """Whether ``user`` administers some agency (and so sees the letter templates page)."""
    from gongkai.agencies.models import Membership, Role
    from gongkai.agencies.permissions import is_superuser

    pk = getattr(user, "pk", None)
    return is_superuser(user) or (  # type: ignore[arg-type]
        pk is not None and Membership.objects.filter(user_id=pk, role=Role.ADMINISTRATOR).exists()
    )


def template_slots(agency: Agency) -> list[TemplateSlot]:
    """Every editable slot with the title and body in force for ``agency``."""
    own = {(row.kind, row.variant) for row in LetterTemplate.objects.filter(agency=agency)}
    slots = []
    for kind in LetterKind:
        variants = [""] + (sorted(OUTCOME_BY_CODE) if kind is LetterKind.REPLY else [])
        for variant in variants:
            title, body = body_template(kind, variant, agency)
            slots.append(TemplateSlot(kind, variant, title, body, (kind.value, variant) in own))
    return slots


def _check_slot(kind: str, variant: str) -> LetterKind:
    try:
        letter_kind = LetterKind(kind)
    except ValueError as error:
        raise NotFound(_("No such kind of letter.")) from error
    if variant and (letter_kind is not LetterKind.REPLY or variant not in OUTCOME_BY_CODE):
        raise NotFound(_("No such variant of this letter."))
    return letter_kind


def template_save(
    *, actor: Actor, agency: Agency, kind: str, variant: str, title: str, body: str, via: str = "web"
) -> LetterTemplate:
    letter_kind = _check_slot(kind, variant)
    require(
        actor is None or can_manage_agency(actor, agency),
        _("Only an administrator of %(agency)s may change its letter templates.") % {"agency": agency.name},
    )
    title, body = title.strip(), body.strip()
    problems = {}
    if not body:
        problems["body"] = _("The body is required.")
    elif len(body) > BODY_MAX:
        problems["body"] = _("The body is at most %(max)d characters.") % {"max": BODY_MAX}
    else:
        try:
            _TEXT_ENGINE.from_string(body)
        except TemplateSyntaxError as error:
            problems["body"] = _("The template has an error: %(error)s") % {"error": error}
    if len(title) > TITLE_MAX:
        problems["title"] = _("The title is at most %(max)d characters.") % {"max": TITLE_MAX}
    if problems:
        raise ValidationFailed(_("Please correct the template."), details=problems)
    with transaction.atomic():
        row, created = LetterTemplate.objects.update_or_create(
            agency=agency, kind=letter_kind.value, variant=variant, defaults={"title": title, "body": body}
        )
        record_event(
            actor=actor,
            action="letter.template_saved",
            obj=row,
            agency=agency,
            details={"kind": letter_kind.value, "variant": variant, "created": created},
            via=via,
        )
        return row


def template_reset(*, actor: Actor, agency: Agency, kind: str, variant: str, via: str = "web") -> bool:
    """Remove the agency's own template of the slot (what applies above takes over); False if none."""
    letter_kind = _check_slot(kind, variant)
    require(
        actor is None or can_manage_agency(actor, agency),
        _("Only an administrator of %(agency)s may change its letter templates.") % {"agency": agency.name},
    )
    with transaction.atomic():
        deleted, _rows = LetterTemplate.objects.filter(agency=agency, kind=letter_kind.value, variant=variant).delete()
        if deleted:
            record_event(
                actor=actor,
                action="letter.template_reset",
                obj=agency,
                agency=agency,
                details={"kind": letter_kind.value, "variant": variant},
                via=via,
            )
        return bool(deleted)
