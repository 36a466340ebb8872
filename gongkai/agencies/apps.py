from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    label = "agencies"
    verbose_name = _("Agencies and staff")
    cli_commands = [
        ("demo", _("load the demo province and accounts (idempotent)")),
        ("agencies", _("agencies: add one, import many from CSV, list them")),
    ]
    audit_actions = {
        "agency.created": _("agency created"),
        "agency.updated": _("agency changed"),
        "office.created": _("disclosure office created"),
        "office.updated": _("disclosure office changed"),
        "staff.created": _("staff account created"),
        "membership.granted": _("role granted"),
        "membership.revoked": _("role revoked"),
    }

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers system checks)
        from .groups import ensure_role_groups

        # Every app's post_migrate: the last one runs after all permissions exist.
        post_migrate.connect(ensure_role_groups, dispatch_uid="gongkai.ensure_role_groups")
