"""Every write of pre-publication review: keyword-only, one transaction, an audit event each.

``submit_for_review`` runs the checks over the body and the attachments' text, keeps the
findings and opens a review round; ``review`` records one sign-off (each by a different person
with the reviewer role, never the submitter) and moves the document a stage on — the last
approval publishes, unless an error finding is open or 三同步 stands in the way; a return sends
the document back to the draft. ``finding_resolve`` accepts or dismisses a finding (a dismissal
with its reason); ``withdraw`` takes a published document down with a reason; ``patrol`` re-checks
the published documents against today's dictionaries and keeps what is new; ``dictionary_save``
and ``dictionary_delete`` keep the dictionaries (platform administrators, from the back office).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import is_platform_admin
from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.permissions import require
from gongkai.core.states import transition
from gongkai.documents import permissions as doc_permissions
from gongkai.documents import selectors as doc_selectors
from gongkai.documents import services as doc_services
from gongkai.documents.models import Document, LibrarySettings, PublicationState
from gongkai.text.checks import Finding

from .checking import Dictionary, Place, check_document, dictionary
from .models import (
    CheckFinding,
    Decision,
    FindingStatus,
    PatrolRun,
    PatrolStatus,
    ReviewRound,
    ReviewSignoff,
    RoundOutcome,
    WhitelistEntry,
    WordingEntry,
)
from .states import DOCUMENT_STATES, REVIEW_STATES, SUBMITTABLE_STATES, stages

P = PublicationState
COMMENT_MAX = 2000
FOUND_MAX = 200


def _user_id(actor: Actor) -> int | None:
    if actor is None or not actor.is_authenticated:
        return None
    return int(actor.pk) if actor.pk is not None else None


def _locked(document: Document) -> Document:
    found = Document.objects.select_for_update().select_related("agency", "kind").filter(pk=document.pk).first()
    if found is None:
        raise NotFound(_("The document no longer exists."))
    return found


def signoffs_required(agency: Agency) -> int:
    """The agency's number of sign-offs before publication (1–3; three by default: 三审)."""
    found = LibrarySettings.objects.filter(agency=agency).values_list("review_signoffs", flat=True).first()
    return min(max(int(found or 3), 1), 3)


def current_round(document: Document) -> ReviewRound | None:
    return ReviewRound.objects.filter(document=document, outcome=RoundOutcome.OPEN).order_by("-number").first()


def _row(document: Document, place: Place, finding: Finding, version: str, found_by: str) -> CheckFinding:
    return CheckFinding(
        document=document,
        attachment=place.attachment,
        check_name=finding.check.value,
        category=finding.category,
        severity=finding.severity.value,
        start=finding.start,
        end=finding.end,
        found=finding.found[:FOUND_MAX],
        suggestion=finding.suggestion[:200],
        note=finding.note[:200],
        dictionary_version=version,
        found_by=found_by,
    )


def _key(row: CheckFinding) -> tuple[int | None, str, str, str]:
    return (row.attachment_id, row.check_name, row.category, row.found)


def _recheck(document: Document, current: Dictionary, *, actor: Actor) -> list[CheckFinding]:
    """Check ``document`` again before a review: the open and accepted findings are replaced by
    today's; a finding dismissed before keeps its dismissal (and reason) where it is found again."""
    old = list(document.check_findings.all())
    dismissed = {_key(row): row for row in old if row.status == FindingStatus.DISMISSED}
    document.check_findings.all().delete()
    rows = []
    for place, finding in check_document(document, current):
        row = _row(document, place, finding, current.version, "review")
        earlier = dismissed.get(_key(row))
        if earlier is not None:
            row.status = FindingStatus.DISMISSED
            row.reason = earlier.reason
            row.resolved_by_id = earlier.resolved_by_id
            row.resolved_at = earlier.resolved_at
        rows.append(row)
    return CheckFinding.objects.bulk_create(rows)


def submit_for_review(*, actor: Actor, document: Document, via: str = "web") -> Document:
    """Check a draft (or a withdrawn document) and send it to its first review."""
    with transaction.atomic():
        document = _locked(document)
        agency = document.agency
        require(
            actor is not None and doc_permissions.can_edit_documents(actor, agency),
            _("Only the editors and the head of %(agency)s may submit its documents for review.")
            % {"agency": agency.name},
        )
        if document.state not in SUBMITTABLE_STATES:
            raise InvalidTransition(_("Only a draft or a withdrawn document can be submitted for review."))
        if not document.title.strip():
            raise ValidationFailed(_("A document needs a title before review."))
        current = dictionary()
        rows = _recheck(document, current, actor=actor)
        number = (ReviewRound.objects.filter(document=document).count()) + 1
        review_round = ReviewRound.objects.create(
            document=document,
            number=number,
            submitted_by_id=_user_id(actor),
            submitted_at=timezone.now(),
            signoffs_required=signoffs_required(agency),
        )
        counts = Counter(row.severity for row in rows if row.status == FindingStatus.OPEN)
        transition(
            document,
            machine=DOCUMENT_STATES,
            to=P.FIRST_REVIEW,
            actor=actor,
            action="document.submitted",
            field="state",
            agency=agency,
            details={
                "round": review_round.number,
                "signoffs": review_round.signoffs_required,
                "findings": dict(counts),
                "dictionary": current.version,
            },
            via=via,
        )
        return document


def open_errors(document: Document) -> QuerySet[CheckFinding]:
    return document.check_findings.filter(status=FindingStatus.OPEN, severity="error")


def publication_blockers(document: Document) -> list[str]:
    """Why ``document`` cannot be published now (Chinese): open errors of the checks and 三同步."""
    reasons = []
    errors = list(open_errors(document).order_by("attachment_id", "start")[:5])
    if errors:
        count = open_errors(document).count()
        reasons.append(
            _("%(count)d error(s) of the checks are not resolved (%(found)s)")
            % {"count": count, "found": "、".join(f"“{row.found}”" for row in errors)}
        )
    reasons.extend(doc_selectors.publication_blockers(document))
    return reasons


def _publish(document: Document, *, actor: Actor, details: dict[str, Any], via: str) -> None:
    blockers = publication_blockers(document)
    if blockers:
        raise InvalidTransition(
            _("The document cannot be published: %(reasons)s.") % {"reasons": "；".join(blockers)},
            details={"blockers": blockers},
        )
    if document.published_on is None:
        document.published_on = timezone.localdate()
        document.save(update_fields=["published_on", "updated_at"])
    transition(
        document,
        machine=DOCUMENT_STATES,
        to=P.PUBLISHED,
        actor=actor,
        action="document.published",
        field="state",
        agency=document.agency,
        details=details,
        via=via,
    )
    doc_services.apply_relations(actor=actor, source=document, via=via)


def review(*, actor: Actor, document: Document, decision: str, comment: str = "", via: str = "web") -> ReviewSignoff:
    """One sign-off at the document's current stage: approve moves it on (the last publishes),
    return sends it back to the draft with the comment."""
    comment = comment.strip()
    if decision not in Decision.values:
        raise ValidationFailed(_("A reviewer approves or returns the document."), details={"decision": decision})
    if len(comment) > COMMENT_MAX:
        raise ValidationFailed(_("The comment is at most %(max)d characters.") % {"max": COMMENT_MAX})
    if decision == Decision.RETURNED and not comment:
        raise ValidationFailed(_("Say why the document is returned."))
    with transaction.atomic():
        document = _locked(document)
        agency = document.agency
        require(
            actor is not None and doc_permissions.can_review_documents(actor, agency),
            _("Only the reviewers and the head of %(agency)s may review its documents.") % {"agency": agency.name},
        )
        user_id = _user_id(actor)
        if user_id is None:
            raise PermissionDenied(
                _("Only the reviewers and the head of %(agency)s may review its documents.") % {"agency": agency.name}
            )
        if document.state not in REVIEW_STATES:
            raise InvalidTransition(_("The document is not in review."))
        review_round = current_round(document)
        if review_round is None:
            raise InvalidTransition(_("The document is not in review."))
        if review_round.submitted_by_id is not None and review_round.submitted_by_id == user_id:
            raise PermissionDenied(_("The person who submitted the document cannot review it."))
        if review_round.signoffs.filter(reviewer_id=user_id).exists():
            raise PermissionDenied(
                _("You have signed off this document in this round already; each sign-off is by a different person.")
            )
        stage = document.state
        signoff = ReviewSignoff.objects.create(
            document=document,
            round=review_round,
            stage=stage,
            reviewer_id=user_id,
            decision=decision,
            comment=comment,
            at=timezone.now(),
        )
        details: dict[str, Any] = {"round": review_round.number, "stage": stage, "comment": comment[:200]}
        if decision == Decision.RETURNED:
            review_round.outcome = RoundOutcome.RETURNED
            review_round.save(update_fields=["outcome"])
            transition(
                document,
                machine=DOCUMENT_STATES,
                to=P.DRAFT,
                actor=actor,
                action="document.returned",
                field="state",
                agency=agency,
                details=details,
                via=via,
            )
            return signoff
        path = stages(review_round.signoffs_required)
        index = path.index(stage) if stage in path else len(path) - 1
        if index + 1 < len(path):
            transition(
                document,
                machine=DOCUMENT_STATES,
                to=path[index + 1],
                actor=actor,
                action="document.approved",
                field="state",
                agency=agency,
                details=details,
                via=via,
            )
        else:
            review_round.outcome = RoundOutcome.PUBLISHED
            review_round.save(update_fields=["outcome"])
            _publish(document, actor=actor, details=details, via=via)
        return signoff


def finding_resolve(
    *, actor: Actor, finding: CheckFinding, action: str, reason: str = "", via: str = "web"
) -> CheckFinding:
    """Accept a finding (it is right; the text is corrected) or dismiss it (with the reason why)."""
    reason = reason.strip()
    if action not in {"accept", "dismiss"}:
        raise ValidationFailed(_("A finding is accepted or dismissed."), details={"action": action})
    if action == "dismiss" and not reason:
        raise ValidationFailed(_("Say why the finding is dismissed."))
    if len(reason) > COMMENT_MAX:
        raise ValidationFailed(_("The reason is at most %(max)d characters.") % {"max": COMMENT_MAX})
    with transaction.atomic():
        row = CheckFinding.objects.select_for_update().select_related("document__agency").filter(pk=finding.pk).first()
        if row is None:
            raise NotFound(_("The finding no longer exists."))
        agency = row.document.agency
        require(
            actor is not None
            and (
                doc_permissions.can_edit_documents(actor, agency) or doc_permissions.can_review_documents(actor, agency)
            ),
            _("Only the editors, reviewers and the head of %(agency)s may resolve its findings.")
            % {"agency": agency.name},
        )
        if row.status != FindingStatus.OPEN:
            raise InvalidTransition(_("This finding is resolved already."))
        row.status = FindingStatus.ACCEPTED if action == "accept" else FindingStatus.DISMISSED
        row.reason = reason
        row.resolved_by_id = _user_id(actor)
        row.resolved_at = timezone.now()
        row.save(update_fields=["status", "reason", "resolved_by", "resolved_at"])
        record_event(
            actor=actor,
            action=f"finding.{row.status}",
            obj=row.document,
            agency=agency,
            details={"finding": row.pk, "category": row.category, "found": row.found, "reason": reason[:200]},
            via=via,
        )
        return row


def withdraw(*, actor: Actor, document: Document, reason: str, via: str = "web") -> Document:
    """Take a published document down (a reviewer or the head, with the reason)."""
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("Say why the document is withdrawn."))
    if len(reason) > COMMENT_MAX:
        raise ValidationFailed(_("The reason is at most %(max)d characters.") % {"max": COMMENT_MAX})
    with transaction.atomic():
        document = _locked(document)
        require(
            actor is not None and doc_permissions.can_review_documents(actor, document.agency),
            _("Only the reviewers and the head of %(agency)s may withdraw its documents.")
            % {"agency": document.agency.name},
        )
        if document.state != P.PUBLISHED:
            raise InvalidTransition(_("Only a published document can be withdrawn."))
        transition(
            document,
            machine=DOCUMENT_STATES,
            to=P.WITHDRAWN,
            actor=actor,
            action="document.withdrawn",
            field="state",
            agency=document.agency,
            details={"reason": reason[:500]},
            via=via,
        )
        return document


# --- the patrol ------------------------------------------------------------------------------


@dataclass
class AgencyPatrol:
    code: str
    name: str
    documents: int = 0
    new: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "notice": 0})

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "documents": self.documents, "new": dict(self.new)}


def patrol_documents(agency: Agency | None = None) -> QuerySet[Document]:
    documents = Document.objects.filter(state=P.PUBLISHED).select_related("agency")
    if agency is not None:
        documents = documents.filter(agency__path__startswith=agency.path)
    return documents.order_by("agency__path", "pk")


def patrol_document(document: Document, current: Dictionary, *, actor: Actor, via: str) -> list[CheckFinding]:
    """Check one published document against ``current`` and keep the findings not known before."""
    with transaction.atomic():
        known = Counter(_key(row) for row in document.check_findings.all())
        rows = []
        for place, finding in check_document(document, current):
            row = _row(document, place, finding, current.version, "patrol")
            key = _key(row)
            if known[key] > 0:
                known[key] -= 1
                continue
            rows.append(row)
        if rows:
            CheckFinding.objects.bulk_create(rows)
            record_event(
                actor=actor,
                action="document.patrolled",
                obj=document,
                agency=document.agency,
                details={"new": dict(Counter(row.severity for row in rows)), "dictionary": current.version},
                via=via,
            )
        return rows


def patrol(
    *,
    actor: Actor,
    agency: Agency | None = None,
    progress: Callable[[int, int], None] | None = None,
    via: str = "cli",
) -> list[AgencyPatrol]:
    """Re-check every published document (of ``agency`` and those below it) against today's
    dictionaries; a report per agency: documents checked and new findings by severity."""
    current = dictionary()
    documents = patrol_documents(agency)
    total = documents.count()
    reports: dict[int, AgencyPatrol] = {}
    for number, document in enumerate(documents.prefetch_related("attachments").iterator(chunk_size=200), start=1):
        report = reports.setdefault(document.agency_id, AgencyPatrol(document.agency.code, document.agency.name))
        report.documents += 1
        for row in patrol_document(document, current, actor=actor, via=via):
            report.new[row.severity] = report.new.get(row.severity, 0) + 1
        if progress is not None:
            progress(number, total)
    return list(reports.values())


def patrol_enqueue(*, actor: Actor, agency: Agency | None = None, via: str = "admin") -> PatrolRun:
    """Queue a patrol as a background task (the back office)."""
    from .tasks import run_patrol

    require(actor is not None and is_platform_admin(actor), _("Only platform administrators may start a patrol."))
    with transaction.atomic():
        run = PatrolRun.objects.create(agency=agency, started_by_id=_user_id(actor))
        record_event(
            actor=actor,
            action="patrol.queued",
            obj=run,
            agency=agency,
            details={"agency": agency.code if agency else ""},
            via=via,
        )
        result = run_patrol.enqueue(run.pk)
        run.task_id = str(result.id)
        run.save(update_fields=["task_id"])
    run.refresh_from_db()
    return run


def patrol_run(run_id: int) -> PatrolRun:
    """Carry out a queued patrol (the worker) and keep its report on the row."""
    run = PatrolRun.objects.select_related("agency", "started_by").get(pk=run_id)
    PatrolRun.objects.filter(pk=run.pk).update(status=PatrolStatus.RUNNING)
    try:
        reports = patrol(actor=run.started_by, agency=run.agency, via="admin")
    except Exception as error:
        PatrolRun.objects.filter(pk=run.pk).update(
            status=PatrolStatus.FAILED, reason=str(error)[:1000], finished_at=timezone.now()
        )
        raise
    PatrolRun.objects.filter(pk=run.pk).update(
        status=PatrolStatus.DONE, report=[report.as_dict() for report in reports], finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


# --- the dictionaries (the back office) --------------------------------------------------------

DictionaryEntry = WordingEntry | WhitelistEntry


def _dictionary_name(entry: DictionaryEntry) -> str:
    return "wording" if isinstance(entry, WordingEntry) else "whitelist"


def _require_platform_admin(actor: Actor) -> None:
    require(
        actor is not None and is_platform_admin(actor),
        _("Only platform administrators (the administrators of the top-level agency) may change the dictionaries."),
    )


def dictionary_save(
    *, actor: Actor, entry: DictionaryEntry, changed: list[str] | None = None, via: str = "admin"
) -> DictionaryEntry:
    """Add or change an entry of the wording dictionary or the whitelist (platform administrators;
    the checker is rebuilt on the next check). The audit event keeps each changed field's values
    before and after."""
    _require_platform_admin(actor)
    with transaction.atomic():
        created = entry.pk is None
        model = type(entry)
        before: dict[str, Any] = {} if created else dict(model.objects.filter(pk=entry.pk).values().first() or {})
        entry.save()
        after: dict[str, Any] = dict(model.objects.filter(pk=entry.pk).values().get())
        fields = [
            f for f in (changed if changed is not None else after) if f in after and f not in {"id", "updated_at"}
        ]
        difference = {f: [before.get(f), after[f]] for f in fields if created or before.get(f) != after[f]}
        record_event(
            actor=actor,
            action="dictionary.added" if created else "dictionary.changed",
            obj=entry,
            details={"dictionary": _dictionary_name(entry), "entry": str(entry), "changes": difference},
            via=via,
        )
    return entry


def dictionary_delete(*, actor: Actor, entry: DictionaryEntry, via: str = "admin") -> None:
    """Remove an entry of the wording dictionary or the whitelist (platform administrators)."""
    _require_platform_admin(actor)
    with transaction.atomic():
        values = type(entry).objects.filter(pk=entry.pk).values().first()
        if values is None:
            raise NotFound(_("The entry no longer exists."))
        record_event(
            actor=actor,
            action="dictionary.deleted",
            obj=entry,
            details={
                "dictionary": _dictionary_name(entry),
                "entry": str(entry),
                "was": {k: v for k, v in values.items() if k not in {"id", "updated_at"}},
            },
            via=via,
        )
        entry.delete()
