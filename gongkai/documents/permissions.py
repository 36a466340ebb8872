"""Who may do what with the library (the pattern: gongkai.core.permissions).

Editors (信息编辑) draft and change documents of their agency; reviewers (审核人) sign them off
(the publishing app); the office head may do both and alone exempts a policy document from 三同步.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.permissions import agencies_with_roles, holds_role, is_superuser
from gongkai.agencies.scoping import AnyUser


def can_edit_documents(user: AnyUser, agency: Agency) -> bool:
    return is_superuser(user) or holds_role(user, agency, Role.EDITOR, Role.HEAD)


def can_review_documents(user: AnyUser, agency: Agency) -> bool:
    return is_superuser(user) or holds_role(user, agency, Role.REVIEWER, Role.HEAD)


def can_exempt_interpretation(user: AnyUser, agency: Agency) -> bool:
    return is_superuser(user) or holds_role(user, agency, Role.HEAD)


def can_edit_catalogue(user: AnyUser, agency: Agency) -> bool:
    """The 主动公开事项目录 and the 指南 of ``agency``: its editors and its office head."""
    return is_superuser(user) or holds_role(user, agency, Role.EDITOR, Role.HEAD)


def agencies_user_may_edit(user: AnyUser) -> QuerySet[Agency]:
    """The active agencies whose documents ``user`` may draft and change (one query)."""
    return agencies_with_roles(user, Role.EDITOR, Role.HEAD)
