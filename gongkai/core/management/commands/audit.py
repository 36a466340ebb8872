"""``gongkai audit verify``: check the audit log's hash chain from the first event to the last."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from gongkai.core.audit import verify_chain
from gongkai.core.chain import ChainBreak
from gongkai.core.commands import ChineseCommandParser, GongkaiCommand

FOUND_PROBLEMS = 1


def break_message(found: ChainBreak) -> str:
    if found.kind == "missing":
        return _("the audit log is broken: event no. %(sequence)d is missing (deleted).") % {"sequence": found.sequence}
    if found.kind == "previous":
        return _(
            "the audit log is broken: event no. %(sequence)d (id %(id)s) no longer links to the event "
            "before it (that one was changed or replaced)."
        ) % {"sequence": found.sequence, "id": found.event_id}
    return _(
        "the audit log is broken: event no. %(sequence)d (id %(id)s) does not match its hash (it was changed)."
    ) % {"sequence": found.sequence, "id": found.event_id}


class Command(GongkaiCommand):
    help = _(
        "The audit log. verify: check its hash chain (exit status 0: intact; 1: the first broken or "
        "missing event is named)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=ChineseCommandParser)
        sub.add_parser("verify", help=_("check that no audit event was changed, removed or reordered"))

    def handle(self, *args: Any, **options: Any) -> None:
        count, found = verify_chain()
        if found is not None:
            raise CommandError(break_message(found), returncode=FOUND_PROBLEMS)
        self.stdout.write(_("Audit log intact: %(count)d events, the hash chain is unbroken.") % {"count": count})
