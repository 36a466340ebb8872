"""Every read of agencies, staff and the audit log. Staff reads go through ``scoping``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from gongkai.core.errors import NotFound
from gongkai.core.models import AuditEvent
from gongkai.text.names import match_rank, name_keys

from .models import Agency, Membership
from .permissions import is_platform_admin
from .scoping import AnyUser, get_in_scope, scope

# The public directory shows the tree one level at a time, so that its pages stay small however
# large the tree grows (10,000 agencies: see bench/bench_portal.py and docs/benchmarks.md).
PUBLIC_PAGE_SIZE = 20  # top-level agencies per home page
PUBLIC_CHILDREN_SHOWN = 30  # subordinates shown under each of them (the rest: on its own page)
PUBLIC_CHILDREN_PAGE_SIZE = 100  # subordinates per page of an agency's own page
PUBLIC_SEARCH_PAGE_SIZE = 50


@dataclass
class DirectoryEntry:
    """One agency in the public directory: how many active subordinates it has, and those shown."""

    agency: Agency
    child_count: int = 0
    children: list[DirectoryEntry] = field(default_factory=list)

    @property
    def hidden_children(self) -> int:
        return self.child_count - len(self.children)


@dataclass
class DirectoryPage:
    """The entries of one page, and the page itself (its number, neighbours and the total)."""

    entries: list[DirectoryEntry]
    page: Page


def _public() -> models.QuerySet[Agency]:
    return Agency.objects.filter(is_active=True)


def _child_counts(agency_ids: list[int]) -> dict[int, int]:
    rows = _public().filter(parent_id__in=agency_ids).values("parent_id").annotate(n=Count("id"))
    return {row["parent_id"]: row["n"] for row in rows}


def _entries(agencies: list[Agency]) -> list[DirectoryEntry]:
    counts = _child_counts([a.pk for a in agencies])
    return [DirectoryEntry(a, counts.get(a.pk, 0)) for a in agencies]


def public_directory(page: str | int | None = 1) -> DirectoryPage:
    """One page of the top of the public tree: top-level agencies (also those whose parent is
    inactive), each with its first subordinates and everyone's count of subordinates."""
    roots = _public().filter(Q(parent__isnull=True) | Q(parent__is_active=False)).order_by("sort_order", "code")
    result = Paginator(roots, PUBLIC_PAGE_SIZE).get_page(page)
    entries = _entries(list(result.object_list))
    shown: list[Agency] = []
    for entry in entries:
        if entry.child_count:
            first = _public().filter(parent=entry.agency).order_by("sort_order", "code")[:PUBLIC_CHILDREN_SHOWN]
            children = list(first)
            entry.children = [DirectoryEntry(child) for child in children]
            shown.extend(children)
    counts = _child_counts([a.pk for a in shown])
    for entry in entries:
        for child in entry.children:
            child.child_count = counts.get(child.agency.pk, 0)
    return DirectoryPage(entries, result)


def public_children(agency: Agency, page: str | int | None = 1) -> DirectoryPage:
    """One page of an agency's active direct subordinates, each with its count of subordinates."""
    children = _public().filter(parent=agency).order_by("sort_order", "code")
    result = Paginator(children, PUBLIC_CHILDREN_PAGE_SIZE).get_page(page)
    return DirectoryPage(_entries(list(result.object_list)), result)


def public_agency_search(query: str, page: str | int | None = 1) -> Page:
    """Active agencies whose name, short name or code contains ``query``, in tree order."""
    query = query.strip()[:50]
    found = (
        _public()
        .filter(Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code__iexact=query))
        .select_related("parent")
        .order_by("path")
    )
    return Paginator(found, PUBLIC_SEARCH_PAGE_SIZE).get_page(page)


def public_ancestors(agency: Agency) -> list[Agency]:
    """The agency's active ancestors, from the top down (for the breadcrumb)."""
    ids = agency.ancestor_ids()
    return list(_public().filter(pk__in=ids).order_by("depth")) if ids else []


def public_agencies() -> models.QuerySet[Agency]:
    """Active agencies for the public (portal and API), in tree order, with office and parent."""
    return _public().select_related("office", "parent").order_by("path")


AGENCY_QUERY_MAX = 50


def find_public_agencies(query: str) -> list[Agency]:
    """Active agencies matching ``query`` by name, short name, full pinyin or pinyin initials
    (``gongkai.text.names``), best match first, then in tree order. The pinyin keys are computed
    once per name in the process; a query reads only codes, names and paths."""
    query = query.strip()[:AGENCY_QUERY_MAX]
    if not query:
        return []
    ranked: list[tuple[int, str, int]] = []
    for pk, name, short_name, path in _public().values_list("pk", "name", "short_name", "path"):
        rank = match_rank(query, name_keys(name, short_name))
        if rank is not None:
            ranked.append((rank, path, pk))
    ranked.sort()
    by_pk = public_agencies().in_bulk([pk for _, _, pk in ranked])
    return [by_pk[pk] for _, _, pk in ranked if pk in by_pk]


def public_agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=code, is_active=True).select_related("office", "parent").first()
    if agency is None:
        raise NotFound(_("No such agency."))
    return agency


def staff_agencies(user: AnyUser) -> models.QuerySet[Agency]:
    return (
        scope(Agency.objects.all(), user, via="")
        .select_related("office", "parent")
        .annotate(staff_count=Count("memberships__user", distinct=True))
        .order_by("path")
    )


def staff_agency(user: AnyUser, code: str) -> Agency:
    return get_in_scope(Agency.objects.select_related("office", "parent"), user, via="", code=code)


def staff_children(user: AnyUser, agency: Agency) -> models.QuerySet[Agency]:
    """The agencies directly under ``agency`` that ``user`` may see."""
    return scope(agency.children.all(), user, via="").order_by("sort_order", "code")


def memberships_of(user: AnyUser) -> models.QuerySet[Membership]:
    return (
        Membership.objects.filter(user__pk=cast(int, user.pk)).select_related("agency").order_by("agency__path", "role")
    )


def agency_staff(agency: Agency) -> models.QuerySet[Membership]:
    return Membership.objects.filter(agency=agency).select_related("user").order_by("role", "user__username")


def audit_events_for(user: AnyUser, *, limit: int = 50) -> list[AuditEvent]:
    """Recent audit events about agencies the user may see; for platform administrators (and
    superusers) also the platform-wide events, which concern no agency (the national holiday schedule)."""
    events = scope(AuditEvent.objects.all(), user, via="agency")
    if is_platform_admin(user):
        events = events | AuditEvent.objects.filter(agency__isnull=True)
    return list(events.select_related("agency").order_by("-occurred_at", "-id")[:limit])
