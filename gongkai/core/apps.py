from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = _("Core")
    cli_commands = [
        ("serve", _("serve the platform (gunicorn; static files by WhiteNoise)")),
        ("migrate", _("create or upgrade the database")),
        ("check", _("check the installation: deployment settings, database, migrations")),
        ("audit", _("verify the audit log's hash chain (gongkai audit verify)")),
        ("token", _("API tokens for the staff API: create, list, revoke")),
    ]
    audit_actions = {
        "token.created": _("API token created"),
        "token.revoked": _("API token revoked"),
    }

    def ready(self) -> None:
        from . import files, storage  # noqa: F401  (storage registers the MEDIA_ROOT system check)

        files.configure()  # every file read in this process stays within the settings' caps
