"""Keep one Django Group per role, holding exactly the role's permissions (run after migrate).

The back office lists groups and permissions by their stored names, so both are kept in Chinese:
each group is named as its role reads (``GROUP_NAMES``), and the permissions Django creates as
"Can add agency" are renamed "可以添加机关" from the models' translated names.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation import gettext as _

from gongkai.core.extensions import role_permissions

from .models import Role
from .roles import ROLE_PERMISSIONS

# The Group of each role, named as the role's label reads in Chinese (tests/agencies/test_roles.py
# checks them against the catalogue). A group still under its old name (the role's code) is renamed.
GROUP_NAMES: dict[str, str] = {
    Role.REGISTRAR: "登记员",
    Role.HANDLER: "承办人",
    Role.HEAD: "负责人",
    Role.ADMINISTRATOR: "管理员",
    Role.SUPERVISOR: "上级监督",
    Role.EDITOR: "信息编辑",
    Role.REVIEWER: "审核人",
}


def group_name(role: str) -> str:
    return GROUP_NAMES[role]


def _role_group(role: str) -> Group:
    name = group_name(role)
    group = Group.objects.filter(name=name).first()
    if group is None:
        group = Group.objects.filter(name=str(role)).first()
        if group is None:
            return Group.objects.create(name=name)
        group.name = name
        group.save(update_fields=["name"])
    return group


def wanted_permissions() -> dict[str, list[str]]:
    """The agencies' own ROLE_PERMISSIONS plus what every app declares (``AppConfig.role_permissions``)."""
    wanted = {str(role): list(perms) for role, perms in ROLE_PERMISSIONS.items()}
    for role, perms in role_permissions().items():
        held = wanted.setdefault(role, [])
        held.extend(perm for perm in perms if perm not in held)
    return wanted


def ensure_role_groups(**kwargs: Any) -> None:
    for role, perms in wanted_permissions().items():
        group = _role_group(role)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)
    translate_permission_names()


def translate_permission_names() -> None:
    """Rename Django's default model permissions ("Can view agency") in Chinese ("可以查看机关")."""
    with translation.override("zh-hans"):
        actions = {
            "add": _("Can add %(model)s"),
            "change": _("Can change %(model)s"),
            "delete": _("Can delete %(model)s"),
            "view": _("Can view %(model)s"),
        }
        for permission in Permission.objects.select_related("content_type"):
            model = permission.content_type.model_class()
            action, _sep, model_name = permission.codename.partition("_")
            if model is None or action not in actions or model_name != model._meta.model_name:
                continue
            name = (actions[action] % {"model": model._meta.verbose_name})[:255]
            if permission.name != name:
                permission.name = name
                permission.save(update_fields=["name"])
