"""``gongkai unlock USERNAME``: lift a log-in lockout (all addresses), with an audit event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from gongkai.core.commands import GongkaiCommand
from gongkai.workspace.lockout import unlock


class Command(GongkaiCommand):
    help = _("Lift the log-in lockout of a user name after repeated failed log-ins (from every address).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help=_("the user name that is locked out"))

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        lifted = unlock(actor=None, username=username, via="cli")
        if lifted:
            self.stdout.write(
                _("Unlocked “%(username)s” (%(count)d lockouts lifted).") % {"username": username, "count": lifted}
            )
        else:
            self.stdout.write(_("“%(username)s” is not locked out; nothing changed.") % {"username": username})
