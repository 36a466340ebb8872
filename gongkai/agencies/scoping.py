"""The one place that decides which agencies a staff user may reach.

Every staff query passes through ``scope`` (or ``get_in_scope``): a user sees the agencies in
which they hold a role and, for supervisors and administrators, every agency below those. An
object outside the user's scope is reported as not found (404), never as forbidden, so that
staff cannot probe for other agencies' data.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.core.errors import NotFound

from .models import Agency, Membership
from .roles import ROLE_REACH, Access

AnyUser = AbstractBaseUser | AnonymousUser
M = TypeVar("M", bound=models.Model)


def agencies_for(user: AnyUser, access: Access = Access.VIEW) -> models.QuerySet[Agency]:
    """The agencies ``user`` may reach with ``access``."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    if getattr(user, "is_superuser", False):
        return Agency.objects.all()
    condition = Q(pk__in=[])
    memberships = Membership.objects.filter(user_id=user.pk).select_related("agency")
    for membership in memberships:
        reach = ROLE_REACH[membership.role]
        if access not in reach.access:
            continue
        if reach.subtree:
            condition |= Q(path__startswith=membership.agency.path)
        else:
            condition |= Q(pk=membership.agency_id)
    return Agency.objects.filter(condition)


def scope(
    queryset: models.QuerySet[M], user: AnyUser, *, via: str = "agency", access: Access = Access.VIEW
) -> models.QuerySet[M]:
    """Restrict ``queryset`` to rows whose agency (reached through ``via``) the user may reach.

    ``via`` is the lookup path from the model to its Agency ("agency", "case__agency"); use
    ``via=""`` when the queryset is of agencies themselves.
    """
    allowed = agencies_for(user, access).values("pk")
    lookup = f"{via}__in" if via else "pk__in"
    return queryset.filter(**{lookup: allowed})


def get_in_scope(
    queryset: models.QuerySet[M],
    user: AnyUser,
    *,
    via: str = "agency",
    access: Access = Access.VIEW,
    **lookup: Any,
) -> M:
    """One object in the user's scope, or ``NotFound`` (rendered as 404 everywhere)."""
    try:
        return scope(queryset, user, via=via, access=access).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise NotFound(_("Not found, or not within your agencies.")) from exc


def can_reach(user: AnyUser, agency: Agency, access: Access = Access.VIEW) -> bool:
    return agencies_for(user, access).filter(pk=agency.pk).exists()
