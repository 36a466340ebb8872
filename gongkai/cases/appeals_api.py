"""API v1 for staff: the reconsiderations and lawsuits of a case (mounted on ``/staff/cases``).

- ``GET /staff/cases/{number}/appeals`` — the list, with each one's report table 四 cell;
- ``POST /staff/cases/{number}/appeals`` ``{"kind", "body", "filed_on", "body_number"?,
  "follows"?, "note"?}`` → 201 with the record;
- ``POST /staff/cases/{number}/appeals/{id}/result`` ``{"result", "result_on", "note"?}`` → 200;
  a result of ``corrected`` reopens the case for a new reply.

403 for a role that may not (only the case's handler and the office head write), 404 outside the
user's reach, 409 for a case not yet answered or a result already final, 422 for bad fields —
Chinese messages throughout (rendered centrally).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from gongkai.core.api_auth import staff_auth
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.law.remedies import table4_cell

from . import selectors
from .api import InvalidFields
from .appeal_selectors import case_appeals
from .models import CaseAppeal
from .services.appeals import appeal_record, appeal_set_result

router = Router(auth=staff_auth, tags=["staff cases"])


class AppealIn(Schema):
    kind: str
    body: str
    filed_on: date
    body_number: str = ""
    follows: int | None = None
    note: str = ""


class ResultIn(Schema):
    result: str
    result_on: date
    note: str = ""


class AppealOut(Schema):
    id: int
    kind: str
    kind_label: str
    body: str
    body_number: str
    filed_on: str
    follows: int | None
    result: str
    result_label: str
    result_on: str | None
    note: str
    report_group: str  # report JSON t4 group key
    report_column: str  # its column key


def appeal_out(appeal: CaseAppeal) -> dict[str, Any]:
    group, column = table4_cell(appeal.kind, appeal.result)
    return {
        "id": appeal.pk,
        "kind": appeal.kind,
        "kind_label": str(appeal.get_kind_display()),
        "body": appeal.body,
        "body_number": appeal.body_number,
        "filed_on": appeal.filed_on.isoformat(),
        "follows": appeal.follows_id,
        "result": appeal.result,
        "result_label": str(appeal.get_result_display()),
        "result_on": appeal.result_on.isoformat() if appeal.result_on else None,
        "note": appeal.note,
        "report_group": group,
        "report_column": column,
    }


def _appeal(case_id: int, appeal_id: int) -> CaseAppeal:
    found = CaseAppeal.objects.filter(case_id=case_id, pk=appeal_id).first()
    if found is None:
        raise NotFound(_("This case has no reconsideration or lawsuit %(id)s.") % {"id": appeal_id})
    return found


@router.get("/{number}/appeals", response={200: list[AppealOut]}, summary="一件申请的行政复议、行政诉讼")
def staff_case_appeals(request: HttpRequest, number: str) -> Status[Any]:
    case = selectors.staff_case(request.user, number)
    return Status(200, [appeal_out(a) for a in case_appeals(case)])


@router.post("/{number}/appeals", response={201: AppealOut}, summary="登记行政复议或行政诉讼")
def staff_case_appeal_record(request: HttpRequest, number: str, payload: AppealIn) -> Status[Any]:
    case = selectors.staff_case(request.user, number)
    try:
        follows = _appeal(case.pk, payload.follows) if payload.follows is not None else None
        appeal = appeal_record(
            case,
            actor=request.user,
            kind=payload.kind,
            body=payload.body,
            filed_on=payload.filed_on,
            body_number=payload.body_number,
            follows=follows,
            note=payload.note,
            via="api",
        )
    except ValidationFailed as error:
        raise InvalidFields(error.message, details=error.details) from error
    return Status(201, appeal_out(appeal))


@router.post("/{number}/appeals/{appeal_id}/result", response={200: AppealOut}, summary="登记行政复议或行政诉讼的结果")
def staff_case_appeal_result(request: HttpRequest, number: str, appeal_id: int, payload: ResultIn) -> Status[Any]:
    case = selectors.staff_case(request.user, number)
    appeal = _appeal(case.pk, appeal_id)
    try:
        appeal = appeal_set_result(
            appeal, actor=request.user, result=payload.result, result_on=payload.result_on, note=payload.note, via="api"
        )
    except ValidationFailed as error:
        raise InvalidFields(error.message, details=error.details) from error
    return Status(200, appeal_out(appeal))
