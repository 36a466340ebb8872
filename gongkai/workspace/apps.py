from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "gongkai.workspace"
    label = "workspace"
    verbose_name = _("Staff workspace")
    urls = ("staff/", "gongkai.workspace.urls")
    cli_commands = [("unlock", _("lift the log-in lockout of a user name (gongkai unlock USERNAME)"))]
    audit_actions = {
        "account.password_reset": _("password reset by e-mail link"),
        "account.locked_out": _("log-in locked after repeated failures"),
        "account.unlocked": _("log-in lockout lifted"),
    }

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from .lockout import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="gongkai.workspace.record_lockout")
