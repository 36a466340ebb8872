"""Who may do what with a case (the pattern: gongkai.core.permissions).

Registrars take applications in and route them; handlers work the cases assigned to them; the
office head (负责人) may do everything in the agency and alone approves extensions (Art. 33 ¶2)
and replies. Staff of other agencies reach no case at all (scoping gives them a 404).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.permissions import agencies_with_roles, can_act_for, can_approve_for, holds_role, is_superuser
from gongkai.agencies.roles import Access
from gongkai.agencies.scoping import AnyUser, agencies_for

from .models import Case


def can_register_case(user: AnyUser, agency: Agency) -> bool:
    """Register a counter or postal application, accept, transfer: registrars and the head."""
    return is_superuser(user) or holds_role(user, agency, Role.REGISTRAR, Role.HEAD)


def can_assign_case(user: AnyUser, case: Case) -> bool:
    return can_register_case(user, case.agency)


def can_handle_case(user: AnyUser, case: Case) -> bool:
    """Work the case (corrections, consultations, fees, drafting and issuing the reply): its
    assigned handler, and the head."""
    if is_superuser(user) or can_approve_for(user, case.agency):
        return True
    return case.handler_id is not None and case.handler_id == user.pk and can_act_for(user, case.agency)


def can_approve_case(user: AnyUser, case: Case) -> bool:
    """Approve an extension or a reply: the office head of the case's agency (Art. 33 ¶2)."""
    return is_superuser(user) or can_approve_for(user, case.agency)


def can_record_withdrawal(user: AnyUser, case: Case) -> bool:
    """Record that the applicant withdrew: anyone who works in the agency."""
    return is_superuser(user) or can_act_for(user, case.agency)


def can_be_handler(user: AnyUser, agency: Agency) -> bool:
    """Whom a case may be assigned to: handlers and the head of the agency."""
    return holds_role(user, agency, Role.HANDLER, Role.HEAD)


def can_see_personal_data(user: AnyUser, case: Case) -> bool:
    """Identity numbers and phones in full: the assigned handler and the office head only."""
    if is_superuser(user) or can_approve_for(user, case.agency):
        return True
    return case.handler_id is not None and case.handler_id == user.pk


def agencies_user_may_register_for(user: AnyUser) -> QuerySet[Agency]:
    """The agencies whose counter and postal applications ``user`` may register (active ones)."""
    return agencies_with_roles(user, Role.REGISTRAR, Role.HEAD)


def possible_handlers(agency: Agency) -> QuerySet[Any]:
    """The users a case of ``agency`` may be assigned to (``can_be_handler``), by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__agency=agency, memberships__role__in=[Role.HANDLER, Role.HEAD])
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def can_press(user: AnyUser, agency: Agency) -> bool:
    """督办: press ``agency`` for action — superusers, and supervisors and administrators of an
    agency above it (never the agency's own staff, nor a supervisor of it alone)."""
    if is_superuser(user):
        return True
    if not (user.is_authenticated and user.is_active) or user.pk is None:
        return False
    return Membership.objects.filter(
        user_id=user.pk, agency_id__in=agency.ancestor_ids(), role__in=[Role.SUPERVISOR, Role.ADMINISTRATOR]
    ).exists()


def can_acknowledge_press(user: AnyUser, agency: Agency) -> bool:
    """Acknowledge a press on ``agency``: its head and the staff who act for it."""
    return is_superuser(user) or can_act_for(user, agency)


def supervises_any(user: AnyUser) -> bool:
    """Whether ``user`` supervises some agency (the supervision page and its navigation link)."""
    return agencies_for(user, Access.SUPERVISE).exists()
