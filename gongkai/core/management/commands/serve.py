"""``gongkai serve``: the platform under gunicorn, with limits that keep one request from holding a worker.

Settings (environment variables, read by config/settings/base.py; the options override them):

- ``GONGKAI_WORKERS`` (3): gunicorn worker processes;
- ``GONGKAI_SERVE_TIMEOUT`` (60 s): a worker silent for longer is killed and restarted — long
  work (report audits, imports) runs in the background queue (``gongkai db_worker``), so no
  request needs more;
- ``GONGKAI_SERVE_GRACEFUL_TIMEOUT`` (30 s): on restart or stop, the time a worker has to finish
  its current request;
- ``GONGKAI_SERVE_MAX_REQUESTS`` (1000) and ``GONGKAI_SERVE_MAX_REQUESTS_JITTER`` (100): a
  worker is replaced after that many requests (plus a random 0…jitter, so that they do not all
  restart at once), which returns the memory a large upload left behind.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from gongkai.core.commands import GongkaiCommand


def _positive(value: str) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(value) from error
    if number < 0:
        raise argparse.ArgumentTypeError(value)
    return number


def gunicorn_argv(gunicorn: str, options: dict[str, Any]) -> list[str]:
    """The gunicorn command line for ``options`` (those of this command)."""
    return [
        gunicorn,
        "config.wsgi:application",
        "--bind",
        f"{options['host']}:{options['port']}",
        "--workers",
        str(options["workers"]),
        "--timeout",
        str(options["timeout"]),
        "--graceful-timeout",
        str(options["graceful_timeout"]),
        "--max-requests",
        str(options["max_requests"]),
        "--max-requests-jitter",
        str(options["max_requests_jitter"]),
        "--access-logfile",
        "-",
    ]


class Command(GongkaiCommand):
    help = _(
        "Serve Gongkai with gunicorn (static files by WhiteNoise). Long work (report audits) runs in the "
        "background queue: start “gongkai db_worker” beside it (make run does)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("GONGKAI_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("GONGKAI_PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=_positive,
            default=settings.GONGKAI_SERVE_WORKERS,
            help=_("worker processes (GONGKAI_WORKERS, default %(default)s)"),
        )
        parser.add_argument(
            "--timeout",
            type=_positive,
            default=settings.GONGKAI_SERVE_TIMEOUT,
            help=_(
                "seconds a request may take before its worker is restarted (GONGKAI_SERVE_TIMEOUT, default %(default)s)"
            ),
        )
        parser.add_argument(
            "--graceful-timeout",
            type=_positive,
            default=settings.GONGKAI_SERVE_GRACEFUL_TIMEOUT,
            help=_(
                "seconds a worker has to finish its request on restart or stop "
                "(GONGKAI_SERVE_GRACEFUL_TIMEOUT, default %(default)s)"
            ),
        )
        parser.add_argument(
            "--max-requests",
            type=_positive,
            default=settings.GONGKAI_SERVE_MAX_REQUESTS,
            help=_(
                "requests after which a worker is replaced, 0 for never "
                "(GONGKAI_SERVE_MAX_REQUESTS, default %(default)s)"
            ),
        )
        parser.add_argument(
            "--max-requests-jitter",
            type=_positive,
            default=settings.GONGKAI_SERVE_MAX_REQUESTS_JITTER,
            help=_(
                "a random 0 to this many requests added per worker, so that they do not restart together "
                "(GONGKAI_SERVE_MAX_REQUESTS_JITTER, default %(default)s)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] < 1 or options["timeout"] < 1:
            raise CommandError(_("--workers and --timeout must be at least 1."), returncode=2)
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
        os.execv(gunicorn, gunicorn_argv(gunicorn, options))  # noqa: S606  (replace this process with the server)
