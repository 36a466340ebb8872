"""Every write to the library: keyword-only, one transaction, an audit event each.

``document_create``/``document_update`` keep a draft (or a withdrawn item) and derive what is
derived: the 文号's normal form and parts, the 索引号 (gap-free per agency and year, in the
agency's pattern), the sanitised body. ``document_relate`` records that one document amends or
repeals another and moves the target's status in the same transaction — at once when the acting
document is published, else when it is (``apply_relations``, called by publication).
``document_revise`` starts the next version of a published document.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from gongkai.core.permissions import require
from gongkai.text.docnumber import normalise_doc_number, parse_doc_number

from . import permissions
from .models import (
    DEFAULT_INDEX_PATTERN,
    Disclosure,
    Document,
    DocumentKind,
    DocumentRelation,
    IndexCounter,
    Interpretation,
    InterpretationKind,
    LegalStatus,
    LibrarySettings,
    PublicationState,
    RelationKind,
)
from .sanitise import sanitise_body

P = PublicationState
EDITABLE_STATES = frozenset({P.DRAFT, P.WITHDRAWN})
TITLE_MAX = 500
STATUS_AFTER = {RelationKind.AMENDS: LegalStatus.AMENDED, RelationKind.REPEALS: LegalStatus.REPEALED}


@dataclass(frozen=True)
class DocumentInput:
    title: str
    kind: str = "other"  # a DocumentKind code: global, or the agency's own
    doc_number: str = ""
    index_number: str = ""  # empty: generated
    issuer: str = ""
    co_issuers: str = ""
    written_on: date | None = None
    published_on: date | None = None
    effective_on: date | None = None
    expires_on: date | None = None
    formed_on: date | None = None
    topic: str = ""
    art20_item: int | None = None
    body: str = ""
    disclosure: str = Disclosure.PROACTIVE.value
    withheld_reason: str = ""
    withheld_article: str = ""
    status: str = LegalStatus.IN_FORCE.value
    is_policy: bool = False
    source_url: str = ""


def _allowed(actor: Actor, check: Any, *args: Any) -> bool:
    return actor is None or check(actor, *args)


def kind_for(agency: Agency, code: str) -> DocumentKind | None:
    """The agency's own kind ``code`` (on its path up the tree), else the global one."""
    chain = [agency.pk, *reversed(agency.ancestor_ids())]
    found = {k.agency_id: k for k in DocumentKind.objects.filter(code=code, agency_id__in=[*chain])}
    for pk in chain:
        if pk in found:
            return found[pk]
    return DocumentKind.objects.filter(code=code, agency__isnull=True).first()


class _Lookups:
    """What many documents of one import share, read once: kinds by agency and code, issuing agencies by name."""

    def __init__(self) -> None:
        self.kinds: dict[tuple[int, str], DocumentKind | None] = {}
        self.issuers: dict[str, Agency | None] = {}

    def kind(self, agency: Agency, code: str) -> DocumentKind | None:
        key = (agency.pk, code)
        if key not in self.kinds:
            self.kinds[key] = kind_for(agency, code)
        return self.kinds[key]

    def issuer(self, name: str) -> Agency | None:
        if name not in self.issuers:
            self.issuers[name] = Agency.objects.filter(name=name).first()
        return self.issuers[name]


def document_problems(agency: Agency, data: DocumentInput, lookups: _Lookups | None = None) -> dict[str, str]:
    """Field → Chinese message for everything wrong (empty: nothing)."""
    lookups = lookups or _Lookups()
    problems: dict[str, str] = {}
    if not data.title.strip():
        problems["title"] = _("The title is required.")
    elif len(data.title.strip()) > TITLE_MAX:
        problems["title"] = _("The title is at most %(max)d characters.") % {"max": TITLE_MAX}
    if lookups.kind(agency, data.kind) is None:
        problems["kind"] = _("Unknown kind “%(kind)s”.") % {"kind": data.kind}
    if data.status not in LegalStatus.values:
        problems["status"] = _("Unknown status “%(status)s”.") % {"status": data.status}
    if data.disclosure not in Disclosure.values:
        problems["disclosure"] = _("Unknown disclosure attribute “%(value)s”.") % {"value": data.disclosure}
    elif data.disclosure == Disclosure.WITHHELD and not data.withheld_reason.strip():
        problems["withheld_reason"] = _("Give the reason (and article) why it is not disclosed.")
    if data.art20_item is not None and not 1 <= data.art20_item <= 15:
        problems["art20_item"] = _("Article 20 has items 1 to 15.")
    if data.written_on and data.published_on and data.published_on < data.written_on:
        problems["published_on"] = _("The document cannot be published before it was written.")
    if data.effective_on and data.expires_on and data.expires_on < data.effective_on:
        problems["expires_on"] = _("The document cannot expire before it takes effect.")
    if data.doc_number.strip() and len(data.doc_number.strip()) > 100:
        problems["doc_number"] = _("The document number is at most 100 characters.")
    return problems


def _settings(agency: Agency) -> LibrarySettings:
    found = LibrarySettings.objects.filter(agency=agency).first()
    return found or LibrarySettings(agency=agency, index_prefix="", index_pattern=DEFAULT_INDEX_PATTERN)


def _issue_index_number(agency: Agency, year: int) -> str:
    """The next 索引号 of ``agency`` in ``year``: the counter row locked in the caller's transaction."""
    IndexCounter.objects.get_or_create(agency=agency, year=year)
    counter = IndexCounter.objects.select_for_update().get(agency=agency, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    settings = _settings(agency)
    prefix = settings.index_prefix or agency.code
    return settings.index_pattern.format(prefix=prefix, agency_code=agency.code, year=year, seq=counter.last)


def _apply(document: Document, agency: Agency, data: DocumentInput, lookups: _Lookups | None = None) -> None:
    lookups = lookups or _Lookups()
    kind = lookups.kind(agency, data.kind)
    assert kind is not None
    parsed = parse_doc_number(data.doc_number)
    document.kind = kind
    document.title = data.title.strip()
    document.doc_number = data.doc_number.strip()
    document.doc_number_norm = normalise_doc_number(data.doc_number)
    document.doc_prefix = parsed.prefix if parsed else ""
    document.doc_year = parsed.year if parsed else None
    document.doc_serial = parsed.serial if parsed else None
    document.issuer = data.issuer.strip()
    document.issuer_agency = lookups.issuer(document.issuer) if document.issuer else None
    document.co_issuers = "\n".join(line.strip() for line in data.co_issuers.splitlines() if line.strip())
    for name in ("written_on", "published_on", "effective_on", "expires_on", "formed_on", "art20_item", "is_policy"):
        setattr(document, name, getattr(data, name))
    document.topic = data.topic.strip()
    document.body = sanitise_body(data.body)
    document.disclosure = data.disclosure
    document.withheld_reason = data.withheld_reason.strip()
    document.withheld_article = data.withheld_article.strip()
    document.status = data.status
    document.source_url = data.source_url.strip()


def _check(agency: Agency, data: DocumentInput) -> None:
    problems = document_problems(agency, data)
    if problems:
        raise ValidationFailed(_("Please correct the document."), details=problems)


def document_create(
    *,
    actor: Actor,
    agency: Agency,
    data: DocumentInput,
    state: str = P.DRAFT.value,
    via: str = "web",
) -> Document:
    """A new document of ``agency``: a draft, or (imports of items reviewed where they were first
    released) already published."""
    require(
        _allowed(actor, permissions.can_edit_documents, agency),
        _("Only the editors and the head of %(agency)s may add its documents.") % {"agency": agency.name},
    )
    _check(agency, data)
    if state not in (P.DRAFT, P.PUBLISHED):
        raise ValidationFailed(_("A new document is a draft or, when imported, published."))
    with transaction.atomic():
        document = Document(agency=agency, state=state)
        _apply(document, agency, data)
        year = (data.written_on or data.published_on or timezone.localdate()).year
        document.index_number = data.index_number.strip() or _issue_index_number(agency, year)
        if state == P.PUBLISHED and document.published_on is None:
            document.published_on = timezone.localdate()
        user = actor if actor is not None and actor.is_authenticated else None
        document.created_by = user  # type: ignore[assignment]  # the project's user model is django.contrib.auth's User
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError as error:
            raise Conflict(
                _("The index number %(number)s is already used in %(agency)s.")
                % {"number": document.index_number, "agency": agency.name}
            ) from error
        record_event(
            actor=actor,
            action="document.created",
            obj=document,
            agency=agency,
            details={"title": document.title[:100], "state": state, "index_number": document.index_number},
            via=via,
        )
        return document


@dataclass(frozen=True)
class ImportedDocument:
    agency: Agency
    data: DocumentInput
    state: str = P.PUBLISHED.value


def documents_import(*, actor: Actor, items: list[ImportedDocument], via: str = "cli") -> list[Document]:
    """Many new documents in one transaction, each as ``document_create`` makes it (the same checks,
    derived fields, gap-free 索引号 and one audit event each), with what they share read once."""
    lookups = _Lookups()
    allowed: set[int] = set()
    for item in items:
        if item.agency.pk not in allowed:
            require(
                _allowed(actor, permissions.can_edit_documents, item.agency),
                _("Only the editors and the head of %(agency)s may add its documents.") % {"agency": item.agency.name},
            )
            allowed.add(item.agency.pk)
        problems = document_problems(item.agency, item.data, lookups)
        if problems:
            raise ValidationFailed(_("Please correct the document."), details=problems)
        if item.state not in (P.DRAFT, P.PUBLISHED):
            raise ValidationFailed(_("A new document is a draft or, when imported, published."))
    user = actor if actor is not None and actor.is_authenticated else None
    today = timezone.localdate()
    made: list[Document] = []
    with transaction.atomic():
        counters: dict[tuple[int, int], IndexCounter] = {}
        settings: dict[int, LibrarySettings] = {}
        for item in items:
            agency, data = item.agency, item.data
            document = Document(agency=agency, state=item.state)
            _apply(document, agency, data, lookups)
            document.index_number = data.index_number.strip()
            if not document.index_number:
                year = (data.written_on or data.published_on or today).year
                counter = counters.get((agency.pk, year))
                if counter is None:
                    IndexCounter.objects.get_or_create(agency=agency, year=year)
                    counter = IndexCounter.objects.select_for_update().get(agency=agency, year=year)
                    counters[(agency.pk, year)] = counter
                counter.last += 1
                if agency.pk not in settings:
                    settings[agency.pk] = _settings(agency)
                pattern = settings[agency.pk]
                document.index_number = pattern.index_pattern.format(
                    prefix=pattern.index_prefix or agency.code, agency_code=agency.code, year=year, seq=counter.last
                )
            if item.state == P.PUBLISHED and document.published_on is None:
                document.published_on = today
            document.created_by = user  # type: ignore[assignment]  # the project's user model is django.contrib.auth's User
            try:
                document.save()  # a failure ends the whole transaction: nothing of the batch stays
            except IntegrityError as error:
                raise Conflict(
                    _("The index number %(number)s is already used in %(agency)s.")
                    % {"number": document.index_number, "agency": agency.name}
                ) from error
            record_event(
                actor=actor,
                action="document.created",
                obj=document,
                agency=agency,
                details={"title": document.title[:100], "state": item.state, "index_number": document.index_number},
                via=via,
            )
            made.append(document)
        for counter in counters.values():
            counter.save(update_fields=["last"])
    return made


def _locked(document: Document) -> Document:
    found = Document.objects.select_for_update().select_related("agency", "kind").filter(pk=document.pk).first()
    if found is None:
        raise NotFound(_("The document no longer exists."))
    return found


def document_update(*, actor: Actor, document: Document, data: DocumentInput, via: str = "web") -> Document:
    """Change a draft (or a withdrawn item before it is reviewed again); a published document is
    changed by a new version (``document_revise``)."""
    with transaction.atomic():
        document = _locked(document)
        agency = document.agency
        require(
            _allowed(actor, permissions.can_edit_documents, agency),
            _("Only the editors and the head of %(agency)s may change its documents.") % {"agency": agency.name},
        )
        if document.state not in EDITABLE_STATES:
            raise InvalidTransition(
                _("Only a draft or a withdrawn document can be changed; a published one is revised as a new version.")
            )
        data = replace(data, index_number=data.index_number or document.index_number)
        _check(agency, data)
        _apply(document, agency, data)
        document.index_number = data.index_number.strip()
        document.save()
        record_event(
            actor=actor,
            action="document.changed",
            obj=document,
            agency=agency,
            details={"title": document.title[:100]},
            via=via,
        )
        return document


def document_input(document: Document) -> DocumentInput:
    """The input that would make ``document`` again (for forms and revisions)."""
    values = {f.name: getattr(document, f.name) for f in fields(DocumentInput) if f.name != "kind"}
    return DocumentInput(kind=document.kind.code, **values)


def document_revise(*, actor: Actor, document: Document, via: str = "web") -> Document:
    """The next version of a published document, as a draft linked to it (版本链)."""
    with transaction.atomic():
        document = _locked(document)
        require(
            _allowed(actor, permissions.can_edit_documents, document.agency),
            _("Only the editors and the head of %(agency)s may revise its documents.")
            % {"agency": document.agency.name},
        )
        if document.state != P.PUBLISHED:
            raise InvalidTransition(_("Only a published document is revised as a new version."))
        if Document.objects.filter(previous_version=document).exists():
            raise InvalidTransition(_("This document has a newer version already."))
        data = replace(document_input(document), index_number="", published_on=None)
        revised = document_create(actor=actor, agency=document.agency, data=data, via=via)
        revised.previous_version = document
        revised.save(update_fields=["previous_version", "updated_at"])
        return revised


def _set_target_status(relation: DocumentRelation, *, actor: Actor, via: str | None) -> None:
    target = _locked(relation.target)
    new = STATUS_AFTER[RelationKind(relation.kind)]
    if target.status == LegalStatus.REPEALED and new == LegalStatus.AMENDED:
        return  # a repealed document stays repealed
    target.status = new
    target.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="document.status_changed",
        obj=target,
        agency=target.agency,
        details={"status": new.value, "by": relation.source_id, "relation": relation.kind},
        via=via,
    )


def document_relate(
    *, actor: Actor, source: Document, target: Document, kind: str, on: date | None = None, via: str = "web"
) -> DocumentRelation:
    """``source`` amends or repeals ``target``; the target's status follows once ``source`` is published."""
    if kind not in RelationKind.values:
        raise ValidationFailed(_("A document amends or repeals another."), details={"kind": kind})
    if source.pk == target.pk:
        raise ValidationFailed(_("A document cannot amend or repeal itself."))
    with transaction.atomic():
        source = _locked(source)
        require(
            _allowed(actor, permissions.can_edit_documents, source.agency),
            _("Only the editors and the head of %(agency)s may relate its documents.") % {"agency": source.agency.name},
        )
        target = _locked(target)
        if DocumentRelation.objects.filter(source=source, target=target, kind=kind).exists():
            raise InvalidTransition(_("This relation is recorded already."))
        relation = DocumentRelation.objects.create(
            source=source, target=target, kind=kind, on=on, target_status_before=target.status
        )
        record_event(
            actor=actor,
            action="document.related",
            obj=source,
            agency=source.agency,
            details={"kind": kind, "target": target.pk, "target_title": target.title[:100]},
            via=via,
        )
        if source.state == P.PUBLISHED:
            _set_target_status(relation, actor=actor, via=via)
        return relation


def apply_relations(*, actor: Actor, source: Document, via: str | None = "web") -> int:
    """On publication of ``source``: move the status of every document it amends or repeals."""
    count = 0
    for relation in DocumentRelation.objects.filter(source=source).select_related("target"):
        _set_target_status(relation, actor=actor, via=via)
        count += 1
    return count


def interpretation_add(
    *,
    actor: Actor,
    document: Document,
    title: str,
    kind: str = InterpretationKind.TEXT.value,
    body: str = "",
    url: str = "",
    published_on: date | None = None,
    via: str = "web",
) -> Interpretation:
    """A 解读 of ``document`` (text, graphic, video link)."""
    if kind not in InterpretationKind.values:
        raise ValidationFailed(_("Unknown kind of interpretation."), details={"kind": kind})
    if not title.strip():
        raise ValidationFailed(_("The title is required."), details={"title": _("required")})
    if not body.strip() and not url.strip():
        raise ValidationFailed(_("An interpretation has a text or a link."), details={"body": _("required")})
    with transaction.atomic():
        document = _locked(document)
        require(
            _allowed(actor, permissions.can_edit_documents, document.agency),
            _("Only the editors and the head of %(agency)s may add interpretations.")
            % {"agency": document.agency.name},
        )
        item = Interpretation.objects.create(
            document=document,
            kind=kind,
            title=title.strip(),
            body=sanitise_body(body),
            url=url.strip(),
            published_on=published_on,
        )
        record_event(
            actor=actor,
            action="document.interpretation_added",
            obj=document,
            agency=document.agency,
            details={"interpretation": item.pk, "title": item.title[:100]},
            via=via,
        )
        return item


def document_exempt_interpretation(*, actor: Actor, document: Document, reason: str, via: str = "web") -> Document:
    """The office head records why a policy document is published without an interpretation (三同步)."""
    reason = reason.strip()
    with transaction.atomic():
        document = _locked(document)
        require(
            _allowed(actor, permissions.can_exempt_interpretation, document.agency),
            _("Only the office head of %(agency)s may exempt a document from 三同步.")
            % {"agency": document.agency.name},
        )
        if not reason:
            raise ValidationFailed(
                _("Give the reason why no interpretation is published."), details={"reason": _("required")}
            )
        document.interpretation_exempt_reason = reason[:300]
        document.interpretation_exempt_by = actor if actor is not None and actor.is_authenticated else None  # type: ignore[assignment]
        document.save(update_fields=["interpretation_exempt_reason", "interpretation_exempt_by", "updated_at"])
        record_event(
            actor=actor,
            action="document.interpretation_exempted",
            obj=document,
            agency=document.agency,
            details={"reason": reason[:300]},
            via=via,
        )
        return document


def figures_save(*, actor: Actor, rows: list[Any], via: str = "web") -> int:
    """Keep the table-二 figures of ``rows`` (``figures_csv.FiguresRow``), replacing earlier ones
    of the same agency and year; all or nothing; audited per agency and year."""
    from .models import ProactiveFigures

    with transaction.atomic():
        agencies = {a.code: a for a in Agency.objects.filter(code__in={row.agency for row in rows})}
        for row in rows:
            agency = agencies.get(row.agency)
            if agency is None:
                raise ValidationFailed(_("No agency with the code “%(code)s”.") % {"code": row.agency})
            require(
                _allowed(actor, permissions.can_edit_documents, agency),
                _("Only the editors and the head of %(agency)s may enter its figures.") % {"agency": agency.name},
            )
            values = {
                "licensing_decisions": row.licensing,
                "penalty_decisions": row.penalty,
                "compulsory_decisions": row.compulsory,
                "fees_10k_yuan": row.fees,
                "entered_by": actor if actor is not None and actor.is_authenticated else None,
            }
            figures, created = ProactiveFigures.objects.update_or_create(agency=agency, year=row.year, defaults=values)
            record_event(
                actor=actor,
                action="document.figures_entered",
                obj=figures,
                agency=agency,
                details={
                    "year": row.year,
                    "created": created,
                    **{k: str(v) for k, v in values.items() if k != "entered_by"},
                },
                via=via,
            )
        return len(rows)
