"""``gongkai notify send|failed``: the notification queue from the terminal.

gongkai notify send      # send every message that is due (after quiet hours, retries); cron-able
gongkai notify failed    # list the messages that failed for good, newest first
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from gongkai.core.commands import ChineseCommandParser, GongkaiCommand

from ...models import Notification, NotificationStatus
from ...services import send_due


class Command(GongkaiCommand):
    help = _("Notifications: send what is due, list what failed.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=ChineseCommandParser)
        sub.add_parser("send", help=_("send every message that is due now"))
        sub.add_parser("failed", help=_("list the messages that failed after every attempt"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "send":
            counts = send_due()
            self.stdout.write(
                _("Sent %(sent)d, to retry %(queued)d, failed %(failed)d.")
                % {
                    "sent": counts.get(NotificationStatus.SENT, 0),
                    "queued": counts.get(NotificationStatus.QUEUED, 0),
                    "failed": counts.get(NotificationStatus.FAILED, 0),
                }
            )
            return
        rows = Notification.objects.filter(status=NotificationStatus.FAILED).order_by("-created_at")[:200]
        for row in rows:
            self.stdout.write(
                f"{row.created_at:%Y-%m-%d %H:%M}\t{row.get_channel_display()}\t{row.recipient}\t"
                f"{row.subject}\t{row.last_error}"
            )
        if not rows:
            self.stdout.write(_("No failed messages."))
