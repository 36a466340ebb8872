"""``gongkai remind [--on YYYY-MM-DD]``: remind handlers and office heads of cases due soon and overdue.

Run it from cron (e.g. each working day at 08:30); running it again the same day sends nothing
new: each case is told to each person once a day. The messages go through the queue
(``gongkai db_worker``, or ``gongkai notify send`` from cron where no worker runs).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.commands import USAGE_ERROR, GongkaiCommand

from ...reminders import remind


class Command(GongkaiCommand):
    help = _("Remind handlers and office heads of cases due within three working days and of overdue cases.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", default="", help=_("the day to remind for (YYYY-MM-DD; default today)"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(
                _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": options["on"]}, returncode=USAGE_ERROR
            ) from error
        done = remind(today)
        self.stdout.write(
            _("%(cases)d cases due soon or overdue on %(day)s; %(messages)d new messages queued.")
            % {"cases": done.cases, "day": today.isoformat(), "messages": done.messages}
        )
