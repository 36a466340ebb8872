"""API v1 for applications (a ninja Router mounted by gongkai.api as ``/applications``).

Public, for applicants and for integration with other intake systems (12345, 一网通办):

- ``POST /applications`` → 201 ``{"number", "query_code", "received_on", "status", "due"}``; the
  same body with the same ``Idempotency-Key`` header gives the same case (200, a new query code);
  bad fields → 422 with a Chinese message per field.
- ``GET /applications/{number}`` with header ``X-Query-Code`` → status, due date, the clock's
  explanation. A wrong code and a missing case give the same 404 after the same work; failed
  look-ups are limited per client (``GONGKAI_STATUS_LOOKUP_FAILURES`` per 10 minutes → 429).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router, Schema, Status

from gongkai.agencies.models import Agency
from gongkai.core.clients import FailureLimit
from gongkai.core.errors import DomainError, NotFound, ValidationFailed

from . import services
from .clock import case_steps
from .labels import public_outcome_label
from .models import Case
from .services import ApplicantInput, ApplicationInput
from .signals import case_letters_listed
from .states import CASE_STATES

router = Router(tags=["applications"])

# Failed status look-ups per client address (GONGKAI_STATUS_LOOKUP_FAILURES in ten minutes), for
# the API and the public page alike.
LOOKUPS = FailureLimit("status-lookup", window=600)


def lookup_limit() -> int:
    return int(getattr(settings, "GONGKAI_STATUS_LOOKUP_FAILURES", 10))


class ApplicantIn(Schema):
    kind: str = ""
    name: str = ""
    id_type: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


class ApplicationIn(Schema):
    agency: str = ""
    applicant: ApplicantIn = ApplicantIn()
    description: str = ""
    title: str = ""
    document_number: str = ""
    other_features: str = ""
    delivery_form: str = ""
    delivery_method: str = ""


class SubmittedOut(Schema):
    number: str
    query_code: str
    received_on: str | None
    status: str
    status_label: str
    due: str | None


class StepOut(Schema):
    on: str
    text: str


class StatusOut(Schema):
    number: str
    agency: str
    status: str
    status_label: str
    received_on: str | None
    due: str | None
    due_provisional: bool
    notice: str | None
    outcome: str | None  # the report row key, once the reply is issued (or the case withdrawn, closed)
    outcome_label: str | None
    steps: list[StepOut]
    letters: list[dict[str, Any]]


class InvalidFields(ValidationFailed):
    """Bad fields of an API body: 422, with a Chinese message per field in ``details``."""

    status = 422


class TooManyAttempts(DomainError):
    code = "too_many_attempts"
    status = 429


@router.post(
    "",
    response={200: SubmittedOut, 201: SubmittedOut},
    summary="提交政府信息公开申请",
    auth=None,
)
def application_submit(
    request: HttpRequest, body: ApplicationIn, idempotency_key: str | None = Header(None, alias="Idempotency-Key")
) -> Status[Any]:
    agency = Agency.objects.filter(code=body.agency, is_active=True).first()
    if agency is None:
        message = _("No agency with the code “%(code)s” takes applications.") % {"code": body.agency}
        raise NotFound(message)
    application = ApplicationInput(
        applicant=ApplicantInput(**body.applicant.model_dump()),
        description=body.description,
        delivery_form=body.delivery_form,
        delivery_method=body.delivery_method,
        title_hint=body.title,
        document_number_hint=body.document_number,
        other_features=body.other_features,
    )
    try:
        submitted = services.case_submit_online(
            agency=agency, application=application, idempotency_key=idempotency_key, via="api"
        )
    except ValidationFailed as error:
        raise InvalidFields(error.message, details=error.details) from error
    case = submitted.case
    return Status(
        201 if submitted.created else 200,
        SubmittedOut(
            number=case.number,
            query_code=submitted.query_code,
            received_on=case.received_on.isoformat() if case.received_on else None,
            status=case.status,
            status_label=CASE_STATES.label(case.status),
            due=case.due_on.isoformat() if case.due_on else None,
        ),
    )


def find_by_number_and_code(number: str, code: str) -> Case | None:
    """The case with this number whose query code matches; a missing case costs the same work."""
    if len(number) > 80 or "\x00" in number or any("\ud800" <= ch <= "\udfff" for ch in number):
        services.query_code_digest("", code)
        return None  # no stored number looks like this (and PostgreSQL refuses NUL in a query)
    candidates = list(Case.objects.select_related("agency").filter(number=number)[:5])
    if not candidates:
        services.query_code_digest(number, code)  # the same hashing as for a case that exists
        return None
    for case in candidates:
        if services.query_code_matches(case, code):
            return case
    return None


def _letters(case: Case) -> list[dict[str, Any]]:
    """The letters sent to the applicant, as the apps above cases list them (``signals``)."""
    rows: list[dict[str, Any]] = []
    for _receiver, listed in case_letters_listed.send(sender=Case, case=case):
        if isinstance(listed, list):
            rows.extend(listed)
    return rows


@router.get(
    "/{number}",
    response={200: StatusOut},
    summary="用申请编号和查询码查询办理进度",
    auth=None,
)
def application_status(
    request: HttpRequest, number: str, x_query_code: str = Header("", alias="X-Query-Code")
) -> Status[Any]:
    if LOOKUPS.reached(request, lookup_limit()):
        raise TooManyAttempts(_("Too many failed look-ups from your address. Please try again in ten minutes."))
    case = find_by_number_and_code(number, x_query_code)
    if case is None:
        LOOKUPS.record(request)
        raise NotFound(_("No application with this number and query code."))
    steps = [StepOut(on=step.on.isoformat(), text=step.text) for step in case_steps(case)]
    outcome = public_outcome_label(case.status, case.outcome)
    return Status(
        200,
        StatusOut(
            number=case.number,
            agency=case.agency.name,
            status=case.status,
            status_label=CASE_STATES.label(case.status),
            received_on=case.received_on.isoformat() if case.received_on else None,
            due=case.due_on.isoformat() if case.due_on else None,
            due_provisional=case.due_provisional,
            notice=case.clock_problem or None,
            outcome=case.outcome if outcome else None,
            outcome_label=outcome or None,
            steps=steps,
            letters=_letters(case),
        ),
    )
