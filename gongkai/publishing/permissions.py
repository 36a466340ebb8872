"""Who sees the review desk: editors, reviewers and office heads of any agency (and superusers)."""

from __future__ import annotations

from gongkai.agencies.models import Membership, Role
from gongkai.agencies.permissions import is_superuser
from gongkai.agencies.scoping import AnyUser


def works_on_documents(user: AnyUser) -> bool:
    """The staff navigation shows 发布审核 to those who draft or review documents somewhere."""
    if not (user.is_authenticated and user.is_active) or user.pk is None:
        return False
    if is_superuser(user):
        return True
    return Membership.objects.filter(user_id=user.pk, role__in=[Role.EDITOR, Role.REVIEWER, Role.HEAD]).exists()
