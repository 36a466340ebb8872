"""``gongkai token create|list|revoke``: API tokens for the staff API.

    gongkai token create USERNAME [--name LABEL]   # the token alone on standard output, once
    gongkai token list [USERNAME]
    gongkai token revoke PREFIX

Messages go to standard error, so that ``TOKEN=$(gongkai token create hotline)`` captures the
token and nothing else. Both changes are audited (via ``cli``).
"""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from gongkai.core.commands import USAGE_ERROR, ChineseCommandParser, GongkaiCommand
from gongkai.core.models import ApiToken
from gongkai.core.tokens import token_create, token_revoke


class Command(GongkaiCommand):
    help = _("API tokens for the staff API: create one (printed once), list them, revoke one.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=ChineseCommandParser)
        create = sub.add_parser("create", help=_("make a token for a user; it is printed once"))
        create.add_argument("username")
        create.add_argument("--name", default="", help=_("what the token is for (e.g. 12345 hotline)"))
        listing = sub.add_parser("list", help=_("list tokens (never the tokens themselves)"))
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help=_("revoke a token by its prefix"))
        revoke.add_argument("prefix")

    def _user(self, name: str) -> Any:
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise CommandError(_("No user “%(name)s”.") % {"name": name}, returncode=USAGE_ERROR)
        return user

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            user = self._user(options["username"])
            row, token = token_create(actor=None, user=user, label=options["name"], via="cli")
            self.stdout.write(token)
            sys.stderr.write(
                _("Token %(prefix)s made for “%(user)s”. It is shown only this once: keep it secret.")
                % {"prefix": row.prefix, "user": user.get_username()}
                + "\n"
            )
        elif action == "revoke":
            row = token_revoke(actor=None, prefix=options["prefix"], via="cli")
            sys.stderr.write(_("Token %(prefix)s revoked.") % {"prefix": row.prefix} + "\n")
        else:
            rows = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
            if options["username"]:
                rows = rows.filter(user=self._user(options["username"]))
            for row in rows:
                state = _("revoked") if row.revoked_at else _("active")
                used = row.last_used_at.strftime("%Y-%m-%d %H:%M") if row.last_used_at else "—"
                self.stdout.write(
                    f"{row.prefix}\t{row.user.get_username()}\t{state}\t{row.created_at:%Y-%m-%d}\t{used}\t{row.label}"
                )
