"""API v1 for staff (mounted as ``/staff/cases``), for other government systems and scripting.

- ``GET /staff/cases`` — the cases the user may see, with the workspace's filters (one selector,
  ``selectors.parse_filters`` / ``filter_cases``): ``view`` (open, mine, unassigned, due_soon,
  overdue, paused, correction, by_outcome, all), ``agency`` (subtree), ``status``, ``channel``,
  ``applicant_kind``, ``outcome``, ``received_from``/``received_to``, ``sort`` (number,
  received, due, status; ``-`` descends), ``overdue``, ``due_within`` (working days), ``q``
  (number, applicant, request); 422 in Chinese for a bad value; paginated.
- ``GET /staff/cases/{number}`` — one case with its clock state, steps and the actions this
  user may take; identity numbers and phones masked except for its handler and the office head
  (whose every full view is audited).
- ``POST /staff/cases/{number}/actions`` ``{"action": ..., fields, "on"?}`` → 200 with the case;
  409 for a step the case's state does not allow, 403 for a role that may not, 404 outside the
  user's reach, 422 for bad fields — Chinese messages throughout.
- ``GET /staff/supervision`` and ``POST /staff/agencies/{code}/presses`` (督办; see below).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Body, Query, Router, Schema, Status

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Access
from gongkai.agencies.scoping import get_in_scope
from gongkai.core.api_auth import staff_auth
from gongkai.core.audit import record_event
from gongkai.core.errors import ValidationFailed

from . import permissions, selectors, services
from .actions import available_actions, perform
from .api import InvalidFields
from .labels import STEP_LABELS
from .masking import mask_id, mask_phone
from .models import Case

router = Router(auth=staff_auth, tags=["staff cases"])
PAGE_SIZE_MAX = 200


class CaseRow(Schema):
    number: str
    agency: str
    status: str
    status_label: str
    received_on: str | None
    due: str | None
    due_provisional: bool
    clock_state: str | None
    handler: str | None
    applicant: str


class CasePage(Schema):
    count: int
    items: list[CaseRow]


class EventOut(Schema):
    on: str
    action: str
    label: str
    by: str


class CaseDetail(CaseRow):
    applicant_kind: str
    id_type: str
    id_number: str
    phone: str
    email: str
    description: str
    receipt_basis: str
    clock_problem: str | None
    outcome: str | None
    events: list[EventOut]
    actions: list[str]


class Filters(Schema):
    """The workspace's filters (``selectors.parse_filters``); text, so that a bad value gets the
    same Chinese 422 as everywhere."""

    view: str | None = None
    agency: str | None = None
    status: str | None = None
    channel: str | None = None
    applicant_kind: str | None = None
    outcome: str | None = None
    received_from: str | None = None
    received_to: str | None = None
    sort: str | None = None
    overdue: bool = False
    due_within: int | None = None
    q: str | None = None
    offset: int = 0
    limit: int = 50


def _detail(request: HttpRequest, case: Case) -> CaseDetail:
    full = permissions.can_see_personal_data(request.user, case)
    applicant = case.applicant
    if full:
        with transaction.atomic():
            record_event(
                actor=request.user, action="case.personal_data_viewed", obj=case, agency=case.agency, via="api"
            )
    return CaseDetail(
        **selectors.case_row(case),
        applicant_kind=applicant.kind,
        id_type=applicant.id_type,
        id_number=applicant.id_number if full else mask_id(applicant.id_number),
        phone=applicant.phone if full else mask_phone(applicant.phone),
        email=applicant.email if full else ("***" if applicant.email else ""),
        description=case.description,
        receipt_basis=case.receipt_basis,
        clock_problem=case.clock_problem or None,
        outcome=case.outcome or None,
        events=[
            EventOut(
                on=e.on.isoformat(), action=e.action, label=str(STEP_LABELS.get(e.action, e.action)), by=e.actor_label
            )
            for e in case.events.order_by("on", "at", "id")
        ],
        actions=available_actions(request.user, case),
    )


def _as_422(error: ValidationFailed) -> InvalidFields:
    return InvalidFields(error.message, details=error.details)


@router.get("", response={200: CasePage}, summary="本人可见的申请（可筛选、分页）")
def staff_case_list(request: HttpRequest, filters: Query[Filters]) -> Status[Any]:
    params = filters.dict(exclude={"offset", "limit"})
    try:
        parsed = selectors.parse_filters(request.user, params, default_view="all")
        selectors.raise_problems(parsed)
        ordered = selectors.filter_cases(request.user, parsed)
    except ValidationFailed as error:
        raise _as_422(error) from error
    limit = max(1, min(filters.limit, PAGE_SIZE_MAX))
    offset = max(0, filters.offset)
    return Status(
        200, {"count": ordered.count(), "items": [selectors.case_row(c) for c in ordered[offset : offset + limit]]}
    )


@router.get("/{number}", response={200: CaseDetail}, summary="一件申请的详情")
def staff_case_detail(request: HttpRequest, number: str) -> Status[Any]:
    try:
        return Status(200, _detail(request, selectors.staff_case(request.user, number)))
    except ValidationFailed as error:
        raise _as_422(error) from error


@router.post("/{number}/actions", response={200: CaseDetail}, summary="办理一步（受理、分办、补正……办结）")
def staff_case_action(request: HttpRequest, number: str, body: dict[str, Any] = Body(...)) -> Status[Any]:
    try:
        case = selectors.staff_case(request.user, number)
        case = perform(request.user, case, body, via="api")
        return Status(200, _detail(request, selectors.staff_case(request.user, case.number)))
    except ValidationFailed as error:
        raise _as_422(error) from error


# 督办 (mounted as ``/staff``): ``GET /staff/supervision`` — per agency the user supervises, the
# counts of the supervision page; ``POST /staff/agencies/{code}/presses`` ``{"instruction", "case":
# number|null}`` → 201 with the press; 403 for a user who may not press the agency (its own staff, a
# supervisor of it alone), 404 outside the user's supervision, 422 in Chinese for bad fields.
supervision_router = Router(auth=staff_auth, tags=["staff supervision"])


class SupervisionRow(Schema):
    code: str
    name: str
    depth: int
    open: int
    due_soon: int
    overdue: int
    paused: int
    open_presses: int


class PressIn(Schema):
    instruction: str = ""
    case: str | None = None


class PressOut(Schema):
    id: int
    agency: str
    case: str | None
    instruction: str
    pressed_at: str
    pressed_by: str
    acknowledged_at: str | None


@supervision_router.get("/supervision", response={200: list[SupervisionRow]}, summary="督办看板：所督办机关的办理情况")
def staff_supervision(request: HttpRequest) -> Status[Any]:
    rows = selectors.supervision_rows(request.user)
    return Status(200, [{key: value for key, value in row.items() if key != "agency"} for row in rows])


@supervision_router.post("/agencies/{code}/presses", response={201: PressOut}, summary="督办一个机关（或其一件申请）")
def staff_press(request: HttpRequest, code: str, body: PressIn) -> Status[Any]:
    agency = get_in_scope(Agency.objects.all(), request.user, via="", access=Access.SUPERVISE, code=code)
    try:
        case = selectors.case_of_agency(agency, body.case) if body.case else None
        press = services.case_press(
            actor=request.user, agency=agency, instruction=body.instruction, case=case, via="api"
        )
    except ValidationFailed as error:
        raise _as_422(error) from error
    return Status(
        201,
        PressOut(
            id=press.pk,
            agency=agency.code,
            case=case.number if case is not None else None,
            instruction=press.instruction,
            pressed_at=press.pressed_at.isoformat(),
            pressed_by=request.user.get_username(),
            acknowledged_at=None,
        ),
    )
