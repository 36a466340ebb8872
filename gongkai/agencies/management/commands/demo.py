from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from gongkai.agencies.demo import DEMO_PASSWORD, DEMO_USERNAMES, DEMO_USERS, database_is_empty, load_demo
from gongkai.agencies.models import Role
from gongkai.core.commands import GongkaiCommand
from gongkai.core.extensions import demo_loaders


class Command(GongkaiCommand):
    help = _("Load the demo province and staff accounts (idempotent; demo use only).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help=_("only load when the database has no agencies yet")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and not database_is_empty():
            self.stdout.write(_("The database already holds agencies; demo data not loaded."))
        else:
            created = load_demo()
            for loader in demo_loaders():  # each app's demo data (cases …), once the agencies exist
                created.extend(loader())
            self.stdout.write(_("Demo data ready (%(count)d items created).") % {"count": len(created)})
        active = set(
            get_user_model()
            .objects.filter(username__in=DEMO_USERNAMES, is_active=True)
            .values_list("username", flat=True)
        )
        if not active:
            return
        self.stdout.write("")
        self.stdout.write(_("Demo accounts (password for all: %(password)s):") % {"password": DEMO_PASSWORD})
        for user in DEMO_USERS:
            if user.username in active:
                self.stdout.write(f"  {user.username:<14} {Role(user.role).label:<8} {user.full_name}")
