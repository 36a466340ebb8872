"""API v1 for staff: pre-publication review of a document (mounted on ``/staff/documents``, beside
the library's own staff routes, token or session).

- ``GET /staff/documents/{id}/review`` — the document's state, its review rounds with their
  sign-offs, the open findings by severity and what blocks publication;
- ``POST /staff/documents/{id}/submit`` — run the checks and send a draft (or a withdrawn
  document) to its first review → 200 with the review;
- ``POST /staff/documents/{id}/signoffs`` ``{"decision": "approved" | "returned", "comment"}``
  — one reviewer's sign-off at the current stage (the last approval publishes) → 201;
- ``GET /staff/documents/{id}/findings`` (``?status=open|accepted|dismissed``) — the findings of
  the checks in the body and the attachments' text;
- ``POST /staff/documents/{id}/findings/{finding_id}`` ``{"action": "accept" | "dismiss",
  "reason"}`` — resolve one finding (a dismissal needs its reason) → 200;
- ``POST /staff/documents/{id}/withdraw`` ``{"reason"}`` — take a published document down → 200.

403 for a role that may not (an editor signing off, the submitter or a reviewer signing twice, a
reviewer-less user reading the review), 404 outside the user's reach, 409 for a step the
document's state does not allow (or publication blocked by an open error or 三同步), 422 for bad
fields — Chinese messages throughout (rendered centrally).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from gongkai.agencies.scoping import get_in_scope
from gongkai.core.api_auth import staff_auth
from gongkai.core.errors import NotFound, PermissionDenied, ValidationFailed
from gongkai.documents import permissions as doc_permissions
from gongkai.documents import selectors as doc_selectors
from gongkai.documents.api import InvalidFields
from gongkai.documents.models import Document

from . import services
from .labels import category_label, finding_message, severity_label
from .models import CheckFinding, FindingStatus, ReviewRound
from .services import COMMENT_MAX
from .states import REVIEW_STATES

router = Router(auth=staff_auth, tags=["staff publishing"])


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class SignoffIn(_Strict):
    decision: Literal["approved", "returned"]
    comment: str = Field("", max_length=COMMENT_MAX)


class ResolveIn(_Strict):
    action: Literal["accept", "dismiss"]
    reason: str = Field("", max_length=COMMENT_MAX)


class WithdrawIn(_Strict):
    reason: str = Field(..., max_length=COMMENT_MAX)


class FindingFilter(Schema):
    status: Literal["open", "accepted", "dismissed"] | None = None


class SignoffOut(Schema):
    id: int
    stage: str
    reviewer: str
    decision: str
    comment: str
    at: str


class RoundOut(Schema):
    number: int
    outcome: str
    submitted_by: str | None
    submitted_at: str
    signoffs_required: int
    signoffs: list[SignoffOut]


class ReviewOut(Schema):
    id: int
    title: str
    state: str
    state_label: str
    round: int | None
    signoffs_required: int | None
    signoffs_done: int
    open_findings: dict[str, int]
    blockers: list[str]
    rounds: list[RoundOut]


class FindingOut(Schema):
    id: int
    attachment: int | None
    attachment_name: str
    check: str
    category: str
    category_label: str
    severity: str
    severity_label: str
    start: int
    end: int
    found: str
    suggestion: str
    note: str
    message: str
    status: str
    reason: str
    resolved_by: str | None
    resolved_at: str | None
    found_by: str


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _name(user: Any) -> str | None:
    return None if user is None else str(user.get_username())


def _document(request: HttpRequest, document_id: int) -> Document:
    """The document in the user's reach (404 outside), for its editors and reviewers (403 else)."""
    document = get_in_scope(doc_selectors.staff_documents(request.user), request.user, pk=document_id)
    if not (
        doc_permissions.can_edit_documents(request.user, document.agency)
        or doc_permissions.can_review_documents(request.user, document.agency)
    ):
        raise PermissionDenied(
            _("Only the editors and reviewers of %(agency)s see its review.") % {"agency": document.agency.name}
        )
    return document


def _round(review_round: ReviewRound) -> dict[str, Any]:
    return {
        "number": review_round.number,
        "outcome": review_round.outcome,
        "submitted_by": _name(review_round.submitted_by),
        "submitted_at": review_round.submitted_at.isoformat(),
        "signoffs_required": review_round.signoffs_required,
        "signoffs": [
            {
                "id": s.pk,
                "stage": s.stage,
                "reviewer": s.reviewer.get_username(),
                "decision": s.decision,
                "comment": s.comment,
                "at": s.at.isoformat(),
            }
            for s in review_round.signoffs.all()
        ],
    }


def _review(document: Document) -> dict[str, Any]:
    document.refresh_from_db(fields=["state"])
    rounds = list(
        document.review_rounds.select_related("submitted_by").prefetch_related("signoffs__reviewer").order_by("number")
    )
    current = services.current_round(document)
    counts = Counter(document.check_findings.filter(status=FindingStatus.OPEN).values_list("severity", flat=True))
    return {
        "id": document.pk,
        "title": document.title,
        "state": document.state,
        "state_label": str(document.get_state_display()),
        "round": current.number if current else None,
        "signoffs_required": current.signoffs_required if current else None,
        "signoffs_done": current.signoffs.count() if current else 0,
        "open_findings": dict(counts),
        "blockers": services.publication_blockers(document) if document.state in REVIEW_STATES else [],
        "rounds": [_round(r) for r in rounds],
    }


def _finding(row: CheckFinding) -> dict[str, Any]:
    return {
        "id": row.pk,
        "attachment": row.attachment_id,
        "attachment_name": row.attachment.name if row.attachment else "",
        "check": row.check_name,
        "category": row.category,
        "category_label": category_label(row.check_name, row.category),
        "severity": row.severity,
        "severity_label": severity_label(row.severity),
        "start": row.start,
        "end": row.end,
        "found": row.found,
        "suggestion": row.suggestion,
        "note": row.note,
        "message": finding_message(row),
        "status": row.status,
        "reason": row.reason,
        "resolved_by": _name(row.resolved_by),
        "resolved_at": _iso(row.resolved_at),
        "found_by": row.found_by,
    }


def _as_422(error: ValidationFailed) -> InvalidFields:
    return InvalidFields(error.message, details=error.details)


@router.get("/{document_id}/review", response={200: ReviewOut}, summary="文件的审核状态、签批记录与发布阻碍")
def review_show(request: HttpRequest, document_id: int) -> Status[Any]:
    return Status(200, _review(_document(request, document_id)))


@router.post("/{document_id}/submit", response={200: ReviewOut}, summary="提交审核（先运行错敏词与隐私检查）")
def review_submit(request: HttpRequest, document_id: int) -> Status[Any]:
    document = _document(request, document_id)
    try:
        document = services.submit_for_review(actor=request.user, document=document, via="api")
    except ValidationFailed as error:
        raise _as_422(error) from error
    return Status(200, _review(document))


@router.post("/{document_id}/signoffs", response={201: ReviewOut}, summary="审核人签批：通过或退回（附意见）")
def review_signoff(request: HttpRequest, document_id: int, body: SignoffIn) -> Status[Any]:
    document = _document(request, document_id)
    try:
        services.review(actor=request.user, document=document, decision=body.decision, comment=body.comment, via="api")
    except ValidationFailed as error:
        raise _as_422(error) from error
    return Status(201, _review(document))


@router.get("/{document_id}/findings", response={200: list[FindingOut]}, summary="文件正文与附件的检查结果")
def finding_list(request: HttpRequest, document_id: int, filters: Query[FindingFilter]) -> Status[Any]:
    document = _document(request, document_id)
    rows = document.check_findings.select_related("attachment", "resolved_by")
    if filters.status:
        rows = rows.filter(status=filters.status)
    return Status(200, [_finding(row) for row in rows])


@router.post(
    "/{document_id}/findings/{finding_id}", response={200: FindingOut}, summary="处理一条检查结果：采纳或忽略（附理由）"
)
def finding_resolve(request: HttpRequest, document_id: int, finding_id: int, body: ResolveIn) -> Status[Any]:
    document = _document(request, document_id)
    finding = document.check_findings.filter(pk=finding_id).first()
    if finding is None:
        raise NotFound(_("The finding no longer exists."))
    try:
        row = services.finding_resolve(
            actor=request.user, finding=finding, action=body.action, reason=body.reason, via="api"
        )
    except ValidationFailed as error:
        raise _as_422(error) from error
    row = CheckFinding.objects.select_related("attachment", "resolved_by").get(pk=row.pk)
    return Status(200, _finding(row))


@router.post("/{document_id}/withdraw", response={200: ReviewOut}, summary="撤回已发布的文件（附理由）")
def review_withdraw(request: HttpRequest, document_id: int, body: WithdrawIn) -> Status[Any]:
    document = _document(request, document_id)
    try:
        document = services.withdraw(actor=request.user, document=document, reason=body.reason, via="api")
    except ValidationFailed as error:
        raise _as_422(error) from error
    return Status(200, _review(document))
