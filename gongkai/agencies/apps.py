from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    label = "agencies"
    verbose_name = _("Agencies and staff")

    def ready(self) -> None:
        from .groups import ensure_role_groups

        # Every app's post_migrate: the last one runs after all permissions exist.
        post_migrate.connect(ensure_role_groups, dispatch_uid="gongkai.ensure_role_groups")
