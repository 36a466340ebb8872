"""The 主动公开事项目录 and the 政府信息公开指南 of an agency (Regulation Art. 12): every write
keyword-only, in one transaction, role-checked (the agency's editors and office head) and audited.

A catalogue item names the documents that fulfil it by 索引号 or 文号 (any bracket variant), among
the documents the agency publishes; the public sees only those that are published. The guide's
text is sanitised like a document body; its last-updated date is the day it was last saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from gongkai.core.permissions import require

from . import permissions, selectors
from .models import CatalogueCategory, CatalogueItem, DisclosureGuide, Document
from .sanitise import sanitise_body

CATEGORY_MAX = 50
SUBJECT_MAX = 200
SHORT_MAX = 200
CHANNEL_MAX = 300
METHOD_MAX = 100
TEXT_MAX = 5000
GUIDE_MAX = 100_000
DOCUMENTS_MAX = 200


@dataclass(frozen=True)
class ItemInput:
    category: int  # a CatalogueCategory of the same agency
    subject: str
    content: str = ""
    legal_basis: str = ""
    time_limit: str = ""
    responsible_unit: str = ""
    channel: str = ""
    method: str = ""
    position: int | None = None  # None: after the category's last item
    documents: tuple[str, ...] = ()  # 索引号 or 文号 of the agency's documents


def _user(actor: Actor) -> object:
    return actor if actor is not None and actor.is_authenticated else None


def _require_editor(actor: Actor, agency: Agency) -> None:
    require(
        actor is None or permissions.can_edit_catalogue(actor, agency),
        _("Only the editors and the head of %(agency)s may change its catalogue and guide.") % {"agency": agency.name},
    )


def _locked_agency(agency: Agency) -> Agency:
    found = Agency.objects.select_for_update().filter(pk=agency.pk).first()
    if found is None:
        raise NotFound(_("The agency no longer exists."))
    return found


# -- categories --------------------------------------------------------------------------------


def category_save(
    *,
    actor: Actor,
    agency: Agency,
    name: str,
    position: int | None = None,
    category: CatalogueCategory | None = None,
    via: str = "web",
) -> CatalogueCategory:
    """A new category of ``agency``'s catalogue, or ``category`` renamed or moved."""
    _require_editor(actor, agency)
    name = name.strip()
    if not name:
        raise ValidationFailed(_("The name of the category is required."), details={"name": _("required")})
    if len(name) > CATEGORY_MAX:
        raise ValidationFailed(
            _("The name of a category is at most %(max)d characters.") % {"max": CATEGORY_MAX},
            details={"name": _("too long")},
        )
    if position is not None and not 0 <= position <= 9999:
        raise ValidationFailed(_("The position is a number from 0 to 9999."), details={"position": _("invalid")})
    with transaction.atomic():
        agency = _locked_agency(agency)
        if category is None:
            top = CatalogueCategory.objects.filter(agency=agency).aggregate(top=Max("position"))["top"]
            category = CatalogueCategory(agency=agency, position=(top + 1 if top is not None else 1))
            created = True
        else:
            category = CatalogueCategory.objects.select_for_update().filter(pk=category.pk, agency=agency).first()
            if category is None:
                raise NotFound(_("No such category in the catalogue of %(agency)s.") % {"agency": agency.name})
            created = False
        category.name = name
        if position is not None:
            category.position = position
        try:
            with transaction.atomic():
                category.save()
        except IntegrityError as error:
            raise Conflict(
                _("The catalogue of %(agency)s already has a category “%(name)s”.")
                % {"agency": agency.name, "name": name}
            ) from error
        record_event(
            actor=actor,
            action="catalogue.category_saved",
            obj=category,
            agency=agency,
            details={"name": name, "position": category.position, "created": created},
            via=via,
        )
        return category


def category_delete(*, actor: Actor, category: CatalogueCategory, via: str = "web") -> None:
    """Remove an empty category (one with items keeps them: move or delete them first)."""
    agency = category.agency
    _require_editor(actor, agency)
    with transaction.atomic():
        found = CatalogueCategory.objects.select_for_update().filter(pk=category.pk).first()
        if found is None:
            raise NotFound(_("No such category in the catalogue of %(agency)s.") % {"agency": agency.name})
        if found.items.exists():
            raise InvalidTransition(_("The category still has items: move or delete them first."))
        record_event(
            actor=actor,
            action="catalogue.category_deleted",
            obj=found,
            agency=agency,
            details={"name": found.name},
            via=via,
        )
        found.delete()


# -- items -------------------------------------------------------------------------------------


def linkable_documents(agency: Agency) -> QuerySet[Document]:
    """The documents an item of ``agency``'s catalogue may name: those the agency publishes, in any state."""
    return Document.objects.filter(agency=agency)


def _resolve(agency: Agency, references: tuple[str, ...]) -> tuple[list[Document], dict[str, str]]:
    documents: list[Document] = []
    problems: dict[str, str] = {}
    pool = linkable_documents(agency)
    unknown: list[str] = []
    for reference in dict.fromkeys(r.strip() for r in references if r.strip()):
        found = pool.filter(index_number=reference).first() or selectors.by_doc_number(pool, reference).first()
        if found is None:
            unknown.append(reference)
        elif found not in documents:
            documents.append(found)
    if unknown:
        problems["documents"] = _("No document of %(agency)s with the 索引号 or 文号: %(refs)s") % {
            "agency": agency.name,
            "refs": "、".join(unknown[:10]),
        }
    return documents, problems


def item_problems(agency: Agency, data: ItemInput) -> dict[str, str]:
    """Field → Chinese message for everything wrong with ``data`` (empty: nothing)."""
    problems: dict[str, str] = {}
    if not CatalogueCategory.objects.filter(pk=data.category, agency=agency).exists():
        problems["category"] = _("Choose a category of the catalogue of %(agency)s.") % {"agency": agency.name}
    if not data.subject.strip():
        problems["subject"] = _("The subject is required.")
    limits = {
        "subject": SUBJECT_MAX,
        "content": TEXT_MAX,
        "legal_basis": TEXT_MAX,
        "time_limit": SHORT_MAX,
        "responsible_unit": SHORT_MAX,
        "channel": CHANNEL_MAX,
        "method": METHOD_MAX,
    }
    for name, limit in limits.items():
        if name not in problems and len(str(getattr(data, name)).strip()) > limit:
            problems[name] = _("At most %(max)d characters.") % {"max": limit}
    if data.position is not None and not 0 <= data.position <= 9999:
        problems["position"] = _("The position is a number from 0 to 9999.")
    if len(data.documents) > DOCUMENTS_MAX:
        problems["documents"] = _("At most %(max)d documents per item.") % {"max": DOCUMENTS_MAX}
    return problems


def _apply(item: CatalogueItem, data: ItemInput) -> None:
    item.category_id = data.category
    for name in ("subject", "content", "legal_basis", "time_limit", "responsible_unit", "channel", "method"):
        setattr(item, name, str(getattr(data, name)).strip())
    if data.position is not None:
        item.position = data.position
    elif item.pk is None:
        top = CatalogueItem.objects.filter(category_id=data.category).aggregate(top=Max("position"))["top"]
        item.position = top + 1 if top is not None else 1


def _checked(agency: Agency, data: ItemInput) -> list[Document]:
    problems = item_problems(agency, data)
    documents, unknown = _resolve(agency, data.documents) if "documents" not in problems else ([], {})
    problems.update(unknown)
    if problems:
        raise ValidationFailed(_("Please correct the catalogue item."), details=problems)
    return documents


def item_create(*, actor: Actor, agency: Agency, data: ItemInput, via: str = "web") -> CatalogueItem:
    _require_editor(actor, agency)
    with transaction.atomic():
        agency = _locked_agency(agency)
        documents = _checked(agency, data)
        item = CatalogueItem(agency=agency)
        _apply(item, data)
        item.save()
        item.documents.set(documents)
        record_event(
            actor=actor,
            action="catalogue.item_created",
            obj=item,
            agency=agency,
            details={"subject": item.subject[:100], "category": item.category_id, "documents": len(documents)},
            via=via,
        )
        return item


def _locked_item(item: CatalogueItem) -> CatalogueItem:
    found = CatalogueItem.objects.select_for_update().select_related("agency").filter(pk=item.pk).first()
    if found is None:
        raise NotFound(_("The catalogue item no longer exists."))
    return found


def item_update(*, actor: Actor, item: CatalogueItem, data: ItemInput, via: str = "web") -> CatalogueItem:
    _require_editor(actor, item.agency)
    with transaction.atomic():
        item = _locked_item(item)
        documents = _checked(item.agency, data)
        _apply(item, data)
        item.save()
        item.documents.set(documents)
        record_event(
            actor=actor,
            action="catalogue.item_changed",
            obj=item,
            agency=item.agency,
            details={"subject": item.subject[:100], "category": item.category_id, "documents": len(documents)},
            via=via,
        )
        return item


def item_delete(*, actor: Actor, item: CatalogueItem, via: str = "web") -> None:
    _require_editor(actor, item.agency)
    with transaction.atomic():
        item = _locked_item(item)
        record_event(
            actor=actor,
            action="catalogue.item_deleted",
            obj=item,
            agency=item.agency,
            details={"subject": item.subject[:100]},
            via=via,
        )
        item.delete()


def item_references(item: CatalogueItem) -> tuple[str, ...]:
    """How ``item`` names its documents (their 索引号), for a form that changes it."""
    return tuple(item.documents.order_by("-published_on", "pk").values_list("index_number", flat=True))


# -- the guide ---------------------------------------------------------------------------------


def guide_save(*, actor: Actor, agency: Agency, body: str, via: str = "web") -> DisclosureGuide:
    """Keep ``agency``'s guide (sanitised); its last-updated date becomes today."""
    _require_editor(actor, agency)
    if not body.strip():
        raise ValidationFailed(_("The text of the guide is required."), details={"body": _("required")})
    if len(body) > GUIDE_MAX:
        raise ValidationFailed(
            _("The guide is at most %(max)d characters.") % {"max": GUIDE_MAX}, details={"body": _("too long")}
        )
    clean = sanitise_body(body)
    with transaction.atomic():
        agency = _locked_agency(agency)
        guide = DisclosureGuide.objects.select_for_update().filter(agency=agency).first()
        created = guide is None
        guide = guide or DisclosureGuide(agency=agency)
        guide.body = clean
        guide.revised_on = timezone.localdate()
        guide.revised_by = _user(actor)  # type: ignore[assignment]  # the project's user model is django.contrib.auth's User
        guide.save()
        record_event(
            actor=actor,
            action="catalogue.guide_saved",
            obj=guide,
            agency=agency,
            details={"created": created, "length": len(clean)},
            via=via,
        )
        return guide
