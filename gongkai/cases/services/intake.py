"""Intake: applications online (public form, API) and at the counter or by post (a registrar)."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import Conflict, ValidationFailed
from gongkai.core.permissions import require
from gongkai.law.errors import LawError
from gongkai.law.receipt import Channel, legal_receipt_date

from .. import permissions, validation
from ..models import (
    DEFAULT_NUMBER_PATTERN,
    Applicant,
    ApplicantKindChoice,
    AttachmentSource,
    Case,
    CaseNumbering,
    CaseNumberPattern,
    CaseStatus,
    ChannelChoice,
    DeliveryForm,
    DeliveryMethod,
    IdType,
)
from ..numbering import format_number
from ._shared import _add_event, _allowed, _announce, _move, _refresh
from .attachments import AttachmentFile, case_attach, check_attachments, removed_on_error

_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")  # NUL, controls, lone surrogates
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read out over the phone
QUERY_CODE_LENGTH = 10
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=10)
S = CaseStatus


# -- intake ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantInput:
    kind: str
    name: str
    id_type: str
    id_number: str
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class ApplicationInput:
    applicant: ApplicantInput
    description: str
    delivery_form: str
    delivery_method: str
    title_hint: str = ""
    document_number_hint: str = ""
    other_features: str = ""


@dataclass(frozen=True)
class Submitted:
    case: Case
    query_code: str  # shown once; only its keyed hash is kept
    created: bool  # False: the same submission came again (double click, retry, same key)


def application_problems(application: ApplicationInput) -> dict[str, str]:
    """Field → Chinese message for everything wrong with an application (empty: nothing)."""
    a = application.applicant
    problems: dict[str, str] = {}
    texts = {
        f"applicant.{name}": getattr(a, name)
        for name in ("kind", "name", "id_type", "id_number", "phone", "email", "address")
    }
    texts.update(
        (name, getattr(application, name))
        for name in (
            "description",
            "delivery_form",
            "delivery_method",
            "title_hint",
            "document_number_hint",
            "other_features",
        )
    )
    for name, value in texts.items():
        if _UNSTORABLE.search(value):
            problems[name] = _("The text contains characters that cannot be stored (control characters).")
    if problems:
        return problems
    if a.kind not in ApplicantKindChoice.values:
        problems["applicant.kind"] = _("Choose the kind of applicant.")
    if not a.name.strip():
        problems["applicant.name"] = _("Enter the applicant's name.")
    elif len(a.name) > 200:
        problems["applicant.name"] = _("The name is too long (at most 200 characters).")
    if a.id_type not in IdType.values:
        problems["applicant.id_type"] = _("Choose the identity document.")
    else:
        message = validation.id_number_problem(a.id_type, a.id_number) or validation.id_type_fits_kind(
            a.kind, a.id_type
        )
        if message:
            problems["applicant.id_number"] = message
    if message := validation.phone_problem(a.phone):
        problems["applicant.phone"] = message
    if message := validation.email_problem(a.email):
        problems["applicant.email"] = message
    if not (a.phone.strip() or a.email.strip() or a.address.strip()):
        problems["applicant.phone"] = _("Give at least one way to reach the applicant: phone, e-mail or address.")
    if len(a.address) > 300:
        problems["applicant.address"] = _("The address is too long (at most 300 characters).")
    if not application.description.strip():
        problems["description"] = _("Describe the government information you ask for.")
    elif len(application.description) > 5000:
        problems["description"] = _("The description is too long (at most 5,000 characters).")
    if application.delivery_form not in DeliveryForm.values:
        problems["delivery_form"] = _("Choose the form in which the information is to be provided.")
    if application.delivery_method not in DeliveryMethod.values:
        problems["delivery_method"] = _("Choose how the information is to be delivered.")
    if application.delivery_method == DeliveryMethod.EMAIL and not a.email.strip():
        problems["applicant.email"] = _("Delivery by e-mail needs an e-mail address.")
    if application.delivery_method == DeliveryMethod.POST and not a.address.strip():
        problems["applicant.address"] = _("Delivery by post needs a postal address.")
    for name, limit in (("title_hint", 300), ("document_number_hint", 100), ("other_features", 2000)):
        if len(getattr(application, name)) > limit:
            problems[name] = _("Too long (at most %(limit)s characters).") % {"limit": limit}
    return problems


def _id_digest(id_type: str, id_number: str) -> str:
    value = validation.normalise_id(id_type, id_number)
    return salted_hmac("gongkai.cases.applicant_id", f"{id_type}:{value}").hexdigest()


def _submission_digest(agency: Agency, application: ApplicationInput) -> str:
    a = application.applicant
    parts = [
        agency.code,
        a.kind,
        a.name.strip(),
        _id_digest(a.id_type, a.id_number),
        " ".join(application.description.split()),
        application.title_hint.strip(),
        application.document_number_hint.strip(),
        application.delivery_form,
        application.delivery_method,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def query_code_digest(number: str, code: str) -> str:
    return salted_hmac("gongkai.cases.query_code", f"{number}:{code.strip().upper()}").hexdigest()


def query_code_matches(case: Case, code: str) -> bool:
    return constant_time_compare(case.query_code_digest, query_code_digest(case.number, code))


def _issue_number(agency: Agency, year: int) -> tuple[str, int]:
    """The next number of ``agency`` in ``year``; the counter row stays locked until commit."""
    try:
        counter = CaseNumbering.objects.select_for_update().get(agency=agency, year=year)
    except CaseNumbering.DoesNotExist:
        try:
            with transaction.atomic():
                CaseNumbering.objects.create(agency=agency, year=year, last=0)
        except IntegrityError:  # another submission created it first: lock theirs
            pass
        counter = CaseNumbering.objects.select_for_update().get(agency=agency, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    pattern = CaseNumberPattern.objects.filter(agency=agency).values_list("pattern", flat=True).first()
    number = format_number(
        pattern or DEFAULT_NUMBER_PATTERN,
        agency_short=agency.short_name or agency.name,
        agency_code=agency.code,
        year=year,
        seq=counter.last,
    )
    return number, counter.last


def _reissue_code(case: Case, *, actor: Actor, via: str) -> Submitted:
    code = _new_query_code()
    case.query_code_digest = query_code_digest(case.number, code)
    case.save(update_fields=["query_code_digest", "updated_at"])
    record_event(actor=actor, action="case.query_code_reissued", obj=case, agency=case.agency, via=via)
    return Submitted(case, code, created=False)


def _check_key(idempotency_key: str | None) -> None:
    if idempotency_key is not None and not 1 <= len(idempotency_key) <= 100:
        raise ValidationFailed(_("The Idempotency-Key must be 1 to 100 characters."))


def _earlier_with_key(agency: Agency, idempotency_key: str | None, digest: str) -> Case | None:
    """The case already made with this key (locked), if any; the key with other content: ``Conflict``."""
    if not idempotency_key:
        return None
    earlier = Case.objects.select_for_update().filter(agency=agency, idempotency_key=idempotency_key).first()
    if earlier is not None and earlier.submission_digest != digest:
        raise Conflict(_("This Idempotency-Key was already used for a different application."))
    return earlier


def _create_case(
    *,
    agency: Agency,
    application: ApplicationInput,
    actor: Actor,
    via: str,
    channel: Channel,
    received_at: datetime,
    received_on: date | None,
    receipt_basis: str,
    oral: bool,
    idempotency_key: str | None,
    digest: str,
) -> Submitted:
    a = application.applicant
    applicant = Applicant.objects.create(
        kind=a.kind,
        name=a.name.strip(),
        id_type=a.id_type,
        id_number=validation.normalise_id(a.id_type, a.id_number),
        id_digest=_id_digest(a.id_type, a.id_number),
        phone=a.phone.strip(),
        email=a.email.strip(),
        address=a.address.strip(),
    )
    year = timezone.localtime(received_at).year
    number, seq = _issue_number(agency, year)
    code = _new_query_code()
    case = Case.objects.create(
        agency=agency,
        number=number,
        year=year,
        seq=seq,
        applicant=applicant,
        channel=channel.value,
        received_at=received_at,
        received_on=received_on,
        receipt_basis=receipt_basis,
        oral=oral,
        description=application.description.strip(),
        title_hint=application.title_hint.strip(),
        document_number_hint=application.document_number_hint.strip(),
        other_features=application.other_features.strip(),
        delivery_form=application.delivery_form,
        delivery_method=application.delivery_method,
        query_code_digest=query_code_digest(number, code),
        idempotency_key=idempotency_key or None,
        submission_digest=digest,
    )
    event = _add_event(
        case,
        action="received",
        on=timezone.localtime(received_at).date(),
        actor=actor,
        via=via,
        data={"channel": channel.value, "oral": oral},
    )
    if received_on is not None:
        _refresh(case, today=max(received_on, timezone.localdate()))
    record_event(
        actor=actor,
        action="case.received",
        obj=case,
        agency=agency,
        details={"number": number, "channel": channel.value},
        via=via,
    )
    _announce(case, event, actor=actor, via=via)
    return Submitted(case, code, created=True)


def case_submit_online(
    *,
    agency: Agency,
    application: ApplicationInput,
    actor: Actor = None,
    idempotency_key: str | None = None,
    now: datetime | None = None,
    via: str = "web",
    attachments: Sequence[AttachmentFile] = (),
) -> Submitted:
    """An application sent through the public form or API (Art. 29; receipt date: Art. 31(三)).

    The same submission again — the same ``idempotency_key``, or the same content within ten
    minutes (a double click, a network retry) — gives the same case, with a new query code
    (the first may never have reached the applicant), and keeps no second copy of its
    ``attachments``. The same key with other content is a ``Conflict``. The attachments are
    checked first (``case_attach``): one bad file refuses the application, nothing is stored.
    """
    if not agency.is_active:
        raise ValidationFailed(_("%(agency)s no longer takes applications.") % {"agency": agency.name})
    problems = application_problems(application)
    if problems:
        raise ValidationFailed(_("Please correct the application."), details=problems)
    _check_key(idempotency_key)
    if attachments:
        check_attachments(attachments)
    now = now or timezone.now()
    digest = _submission_digest(agency, application)
    with removed_on_error(), transaction.atomic():  # a failure up to the commit: no stored file left
        earlier = _earlier_with_key(agency, idempotency_key, digest)
        if earlier is not None:
            return _reissue_code(earlier, actor=actor, via=via)
        twin = (
            Case.objects.select_for_update()
            .filter(agency=agency, submission_digest=digest, created_at__gte=now - DOUBLE_SUBMIT_WINDOW)
            .order_by("-created_at")
            .first()
        )
        if twin is not None:
            return _reissue_code(twin, actor=actor, via=via)
        submitted = _create_case(
            agency=agency,
            application=application,
            actor=actor,
            via=via,
            channel=Channel.ONLINE,
            received_at=now,
            received_on=None,  # counted from the day office and applicant confirm (case_accept)
            receipt_basis="",
            oral=False,
            idempotency_key=idempotency_key,
            digest=digest,
        )
        case_attach(submitted.case, actor=actor, files=attachments, source=AttachmentSource.APPLICANT, via=via)
    return submitted


def case_register(
    *,
    actor: Actor,
    agency: Agency,
    application: ApplicationInput,
    channel: str,
    received_at: datetime,
    signed_for_on: date | None = None,
    confirmed_on: date | None = None,
    oral: bool = False,
    idempotency_key: str | None = None,
    via: str = "web",
) -> Submitted:
    """A registrar enters an application received at the counter, by post, fax or otherwise.

    The same form sent twice (a double click, a reload) carries the same ``idempotency_key``
    and gives the same case with a new query code; the same key with other content is a
    ``Conflict``.
    """
    if actor is not None:
        require(
            _allowed(actor, permissions.can_register_case, agency),
            _("Only the registrars and the head of %(agency)s may register its applications.")
            % {"agency": agency.name},
        )
    problems = application_problems(application)
    if channel not in ChannelChoice.values:
        problems["channel"] = _("Choose how the application arrived.")
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    arrived = timezone.localtime(received_at).date()
    if arrived > timezone.localdate():
        problems["received_at"] = _("The day of arrival cannot be in the future.")
    if problems:
        raise ValidationFailed(_("Please correct the application."), details=problems)
    try:
        receipt = legal_receipt_date(Channel(channel), arrived, signed_for_on=signed_for_on, confirmed_on=confirmed_on)
    except LawError as problem:
        raise ValidationFailed(problem.message, details={"received_on": problem.message}) from problem
    if receipt.on > timezone.localdate():
        raise ValidationFailed(_("The legal receipt date cannot be in the future."))
    _check_key(idempotency_key)
    digest = _submission_digest(agency, application)
    with transaction.atomic():
        earlier = _earlier_with_key(agency, idempotency_key, digest)
        if earlier is not None:
            return _reissue_code(earlier, actor=actor, via=via)
        submitted = _create_case(
            agency=agency,
            application=application,
            actor=actor,
            via=via,
            channel=Channel(channel),
            received_at=received_at,
            received_on=receipt.on,
            receipt_basis=receipt.basis,
            oral=oral,
            idempotency_key=idempotency_key,
            digest=digest,
        )
        # Registered by the office itself: it is accepted at once.
        _move(submitted.case, to=S.IN_PROGRESS, actor=actor, action="accept", on=receipt.on, via=via)
    return submitted
