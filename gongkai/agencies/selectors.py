"""Every read of agencies, staff and the audit log. Staff reads go through ``scoping``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext as _

from gongkai.core.errors import NotFound
from gongkai.core.models import AuditEvent

from .models import Agency, Membership
from .scoping import AnyUser, get_in_scope, scope


@dataclass
class AgencyNode:
    agency: Agency
    children: list[AgencyNode] = field(default_factory=list)


def build_tree(agencies: list[Agency]) -> list[AgencyNode]:
    """Nest agencies (ordered by path) under their parents; orphans in the list become roots."""
    nodes = {a.pk: AgencyNode(a) for a in agencies}
    roots: list[AgencyNode] = []
    for agency in sorted(agencies, key=lambda a: (a.depth, a.sort_order, a.code)):
        node = nodes[agency.pk]
        parent = nodes.get(agency.parent_id) if agency.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def public_agency_tree() -> list[AgencyNode]:
    """Active agencies for the public portal, nested, with their offices."""
    agencies = list(Agency.objects.filter(is_active=True).select_related("office").order_by("path"))
    return build_tree(agencies)


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


def memberships_of(user: AnyUser) -> models.QuerySet[Membership]:
    return (
        Membership.objects.filter(user__pk=cast(int, user.pk)).select_related("agency").order_by("agency__path", "role")
    )


def agency_staff(agency: Agency) -> models.QuerySet[Membership]:
    return Membership.objects.filter(agency=agency).select_related("user").order_by("role", "user__username")


def audit_events_for(user: AnyUser, *, limit: int = 50) -> list[AuditEvent]:
    """Recent audit events about agencies the user may see."""
    return list(
        scope(AuditEvent.objects.all(), user, via="agency")
        .select_related("agency")
        .order_by("-occurred_at", "-id")[:limit]
    )
