"""Who may do what with agencies, and the building blocks other apps' permissions use.

Small yes/no functions on top of the roles (``roles.ROLE_REACH``) and the scoping function
(``scoping.agencies_for``); services enforce them with ``gongkai.core.permissions.require``.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Agency, Membership, Role
from .roles import Access
from .scoping import AnyUser, can_reach


def holds_role(user: AnyUser, agency: Agency, *roles: str) -> bool:
    """Whether ``user`` (active) holds one of ``roles`` in ``agency`` itself (not above it)."""
    if not (user.is_authenticated and user.is_active) or user.pk is None:
        return False
    return Membership.objects.filter(user_id=user.pk, agency=agency, role__in=roles).exists()


def agencies_with_roles(user: AnyUser, *roles: str) -> QuerySet[Agency]:
    """The active agencies where ``user`` holds one of ``roles`` (superusers: every active agency)."""
    agencies = Agency.objects.filter(is_active=True)
    if is_superuser(user):
        return agencies.order_by("path")
    if not (user.is_authenticated and user.is_active) or user.pk is None:
        return agencies.none()
    return agencies.filter(memberships__user_id=user.pk, memberships__role__in=roles).distinct().order_by("path")


def is_active_staff(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_superuser(user: AnyUser) -> bool:
    return is_active_staff(user) and bool(getattr(user, "is_superuser", False))


def is_platform_admin(user: AnyUser) -> bool:
    """Superusers and the administrators of a root agency (one with no parent): the platform's own
    administrators, who alone keep what applies to the whole country (the national holiday schedule)."""
    if not is_active_staff(user):
        return False
    if is_superuser(user) or user.pk is None:
        return is_superuser(user)
    return Membership.objects.filter(
        user_id=user.pk, role=Role.ADMINISTRATOR, agency__parent__isnull=True, agency__is_active=True
    ).exists()


def can_manage_agency(user: AnyUser, agency: Agency | None) -> bool:
    """Change ``agency``, its office and staff, and add agencies below it (``None``: at the top, superusers only)."""
    if agency is None:
        return is_superuser(user)
    return can_reach(user, agency, Access.MANAGE)


def can_act_for(user: AnyUser, agency: Agency) -> bool:
    """Handle the agency's daily work: register, handle, draft replies (registrars, handlers, heads)."""
    return can_reach(user, agency, Access.ACT)


def can_approve_for(user: AnyUser, agency: Agency) -> bool:
    """Approve for the agency what needs the office head's sign-off (replies, extensions)."""
    return can_reach(user, agency, Access.APPROVE)


def can_supervise(user: AnyUser, agency: Agency) -> bool:
    """Oversee the agency from above: supervisors and administrators of it or of an agency above it."""
    return can_reach(user, agency, Access.SUPERVISE)
