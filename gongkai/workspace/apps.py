from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "gongkai.workspace"
    label = "workspace"
    verbose_name = _("Staff workspace")
    urls = ("staff/", "gongkai.workspace.urls")
    audit_actions = {"account.password_reset": _("password reset by e-mail link")}
