from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from gongkai.core.audit import missing_append_only_triggers
from gongkai.core.commands import GongkaiCommand


class Command(GongkaiCommand):
    help = _("Check an installation: settings for deployment, database, migrations.")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = 0
        connection = connections[DEFAULT_DB_ALIAS]
        try:
            connection.ensure_connection()
            self.stdout.write(_("✓ database reachable (%(vendor)s)") % {"vendor": connection.vendor})
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if pending:
                problems += 1
                self.stdout.write(
                    _("✗ %(count)d migrations not applied: run “gongkai migrate”.") % {"count": len(pending)}
                )
            else:
                self.stdout.write(_("✓ all migrations applied"))
                missing = missing_append_only_triggers()
                if missing:
                    problems += 1
                    self.stdout.write(
                        _("✗ the audit log is not append-only: triggers %(names)s are missing or disabled.")
                        % {"names": ", ".join(sorted(missing))}
                    )
                else:
                    self.stdout.write(_("✓ the audit log is append-only (database triggers in place)"))
        except Exception as exc:  # any connection failure is reported, not raised
            problems += 1
            self.stdout.write(_("✗ database unreachable: %(error)s") % {"error": exc})
        try:
            call_command("check", deploy=True, fail_level="ERROR", stdout=self.stdout, stderr=self.stderr)
            self.stdout.write(_("✓ Django deployment checks: no errors (warnings above, if any)"))
        except SystemCheckError as exc:
            problems += 1
            self.stdout.write(str(exc))
        if problems:
            raise CommandError(_("%(count)d problems found.") % {"count": problems}, returncode=1)
        self.stdout.write(_("Installation looks ready."))
