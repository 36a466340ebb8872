from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from gongkai.core.commands import GongkaiCommand


class Command(GongkaiCommand):
    help = _("Serve Gongkai with gunicorn (static files by WhiteNoise).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("GONGKAI_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("GONGKAI_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("GONGKAI_WORKERS", "3")))

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
        if gunicorn is None:
            raise CommandError(_("gunicorn is not installed in this environment."))
        base = f"http://{options['host']}:{options['port']}"
        self.stdout.write(_("Portal:          %(url)s/") % {"url": base})
        self.stdout.write(_("Staff workspace: %(url)s/staff/") % {"url": base})
        self.stdout.write(_("API docs:        %(url)s/api/v1/docs") % {"url": base})
        self.stdout.write(_("Press Ctrl+C to stop."))
        self.stdout.flush()
        argv = [
            gunicorn,
            "config.wsgi:application",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
        ]
        os.execv(gunicorn, argv)  # noqa: S606  (replace this process with the server)
