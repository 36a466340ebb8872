"""Who may do what with the library (the pattern: gongkai.core.permissions).

Editors (信息编辑) draft and change documents of their agency; reviewers (审核人) sign them off
(the publishing app); the office head may do both and alone exempts a policy document from 三同步.
"""

from __future__ import annotations

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.permissions import is_superuser
from gongkai.agencies.scoping import AnyUser


def _holds(user: AnyUser, agency: Agency, *roles: Role) -> bool:
    if not (user.is_authenticated and user.is_active) or user.pk is None:
        return False
    return Membership.objects.filter(user_id=user.pk, agency=agency, role__in=roles).exists()


def can_edit_documents(user: AnyUser, agency: Agency) -> bool:
    return is_superuser(user) or _holds(user, agency, Role.EDITOR, Role.HEAD)


def can_review_documents(user: AnyUser, agency: Agency) -> bool:
    return is_superuser(user) or _holds(user, agency, Role.REVIEWER, Role.HEAD)


def can_exempt_interpretation(user: AnyUser, agency: Agency) -> bool:
    return is_superuser(user) or _holds(user, agency, Role.HEAD)
