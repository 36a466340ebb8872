"""Staff pages of pre-publication review: the queue, one document's review page and its forms.
Thin: find in scope, call one service, redirect with a message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import nh3
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Membership, Role
from gongkai.agencies.scoping import get_in_scope, scope
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.documents import permissions as doc_permissions
from gongkai.documents import sanitise
from gongkai.documents.models import Document, PublicationState
from gongkai.text.htmlmarks import Mark, excerpt, mark_html

from . import services
from .labels import finding_message, severity_label
from .models import CheckFinding, FindingStatus
from .states import REVIEW_STATES, SUBMITTABLE_STATES

P = PublicationState


def _agency_ids(user: Any, *roles: Role) -> Q:
    if getattr(user, "is_superuser", False):
        return Q()
    return Q(agency_id__in=Membership.objects.filter(user_id=user.pk, role__in=roles).values("agency_id"))


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Documents awaiting review (for reviewers) and the drafts to submit (for editors), in reach."""
    documents = scope(Document.objects.select_related("agency", "kind"), request.user)
    awaiting = documents.filter(_agency_ids(request.user, Role.REVIEWER, Role.HEAD), state__in=REVIEW_STATES)
    drafts = documents.filter(_agency_ids(request.user, Role.EDITOR, Role.HEAD), state__in=SUBMITTABLE_STATES)
    context = {
        "awaiting": awaiting.order_by("updated_at")[:200],
        "drafts": drafts.order_by("-updated_at")[:200],
    }
    return render(request, "publishing/queue.html", context)


DISPLAY_TAGS = sanitise.TAGS | {"mark"}
DISPLAY_ATTRIBUTES = {**sanitise.ATTRIBUTES, "mark": {"id", "class", "title"}, "span": {"class"}}


def _mark(finding: CheckFinding) -> Mark:
    message = finding_message(finding)
    return Mark(
        finding.start,
        finding.end,
        ident=f"finding-{finding.pk}",
        classes=f"finding {finding.severity} {finding.status}",
        title=message,
        label=message,
    )


def marked_body(html: str, findings: list[CheckFinding]) -> SafeString:
    """The (sanitised) body with each finding marked at its place; sanitised again with only the
    marks added to what a body may hold, so that nothing else can slip through."""
    marked = mark_html(html, [_mark(finding) for finding in findings])
    cleaned = nh3.clean(
        marked,
        tags=DISPLAY_TAGS,
        attributes=DISPLAY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
    return mark_safe(cleaned)  # noqa: S308  (sanitised just above)


@dataclass(frozen=True)
class InContext:
    """An attachment's finding with the words around it."""

    finding: CheckFinding
    before: str
    found: str
    after: str


@dataclass(frozen=True)
class AttachmentFindings:
    name: str
    findings: list[InContext]


def _document(request: HttpRequest, pk: int) -> Document:
    """The document in the user's scope (404 outside), for its editors and reviewers (403 else)."""
    document = get_in_scope(Document.objects.select_related("agency", "kind"), request.user, pk=pk)
    user = request.user
    if not (
        doc_permissions.can_edit_documents(user, document.agency)
        or doc_permissions.can_review_documents(user, document.agency)
    ):
        raise PermissionDenied(
            _("Only the editors and reviewers of %(agency)s see its review.") % {"agency": document.agency.name}
        )
    return document


@login_required
def document_review(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    user = request.user
    findings = list(document.check_findings.select_related("attachment", "resolved_by"))
    for finding in findings:
        finding.message = finding_message(finding)  # type: ignore[attr-defined]
        finding.severity_text = severity_label(finding.severity)  # type: ignore[attr-defined]
    body = [f for f in findings if f.attachment_id is None]
    files = []
    for attachment in document.attachments.all():
        own = [f for f in findings if f.attachment_id == attachment.pk]
        if own:
            files.append(
                AttachmentFindings(
                    attachment.name, [InContext(f, *excerpt(attachment.text, f.start, f.end)) for f in own]
                )
            )
    review_round = services.current_round(document)
    can_review = doc_permissions.can_review_documents(user, document.agency)
    can_edit = doc_permissions.can_edit_documents(user, document.agency)
    context = {
        "document": document,
        "body": marked_body(document.body, body),
        "body_findings": body,
        "files": files,
        "open_count": sum(1 for f in findings if f.status == FindingStatus.OPEN),
        "rounds": document.review_rounds.prefetch_related("signoffs__reviewer")
        .select_related("submitted_by")
        .order_by("-number"),
        "round": review_round,
        "can_submit": can_edit and document.state in SUBMITTABLE_STATES,
        "can_review": can_review and document.state in REVIEW_STATES,
        "can_withdraw": can_review and document.state == P.PUBLISHED,
        "can_resolve": can_edit or can_review,
        "blockers": services.publication_blockers(document) if document.state in REVIEW_STATES else [],
    }
    return render(request, "publishing/document.html", context)


def _act(request: HttpRequest, action: Callable[[], object], done: str) -> None:
    try:
        action()
    except PermissionDenied:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    _act(
        request,
        lambda: services.submit_for_review(actor=request.user, document=document),
        _("Submitted for review; the checks ran."),
    )
    return redirect("publishing:document", pk=document.pk)


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    decision = request.POST.get("decision", "")
    _act(
        request,
        lambda: services.review(
            actor=request.user, document=document, decision=decision, comment=request.POST.get("comment", "")
        ),
        _("Your sign-off is recorded."),
    )
    return redirect("publishing:document", pk=document.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    _act(
        request,
        lambda: services.withdraw(actor=request.user, document=document, reason=request.POST.get("reason", "")),
        _("The document is withdrawn."),
    )
    return redirect("publishing:document", pk=document.pk)


@login_required
@require_POST
def finding_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_in_scope(CheckFinding.objects.select_related("document"), request.user, via="document__agency", pk=pk)
    document = _document(request, finding.document_id)
    _act(
        request,
        lambda: services.finding_resolve(
            actor=request.user,
            finding=finding,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("The finding is resolved."),
    )
    return redirect("publishing:document", pk=document.pk)
