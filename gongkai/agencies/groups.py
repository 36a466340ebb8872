"""Keep one Django Group per role, holding exactly the role's permissions (run after migrate)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

from .roles import ROLE_PERMISSIONS


def ensure_role_groups(**kwargs: Any) -> None:
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=str(role))
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)
