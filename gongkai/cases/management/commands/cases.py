"""``gongkai cases list|show``: the case lists and one case, for office heads at a terminal and cron.

    gongkai cases list [--agency CODE] [--overdue] [--due-within N] [--status S] [--user NAME] [--json]
    gongkai cases show NUMBER [--user NAME] [--json]
    gongkai cases archive        # archive the ended cases due (GONGKAI_ARCHIVE_AFTER_DAYS); cron-able

``--user`` sees what that staff member sees (their agencies); without it the console operator
sees every agency. Exit status: 0, 2 for bad usage (an unknown agency, user or case number).
Personal data is masked in both outputs (identity numbers, phones).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.commands import USAGE_ERROR, ChineseCommandParser, GongkaiCommand

from ... import selectors, services
from ...labels import STEP_LABELS
from ...masking import mask_id, mask_phone
from ...models import CaseStatus
from ...states import CASE_STATES


class Command(GongkaiCommand):
    help = _("Applications for disclosure: list cases or show one.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=ChineseCommandParser)
        listing = sub.add_parser("list", help=_("list cases"))
        listing.add_argument("--agency", help=_("only this agency and those below it (code)"))
        listing.add_argument("--overdue", action="store_true", help=_("only open cases past their due date"))
        listing.add_argument("--due-within", type=int, metavar="N", help=_("only cases due within N working days"))
        listing.add_argument("--status", choices=CaseStatus.values, help=_("only cases in this state"))
        listing.add_argument("--user", help=_("see what this staff member sees"))
        listing.add_argument("--json", action="store_true", help=_("JSON instead of a table"))
        show = sub.add_parser("show", help=_("show one case with its steps"))
        show.add_argument("number")
        show.add_argument("--user", help=_("see what this staff member sees"))
        show.add_argument("--json", action="store_true", help=_("JSON instead of text"))
        sub.add_parser("archive", help=_("archive the ended cases that are due for the archive"))

    def _user(self, name: str | None) -> Any:
        if not name:
            return None
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user “%(name)s”.") % {"name": name}, returncode=USAGE_ERROR)
        return user

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "archive":
            done = services.archive_due()
            self.stdout.write(_("%(n)d cases archived.") % {"n": done})
            return
        user = self._user(options["user"])
        if options["action"] == "list":
            self._list(user, options)
        else:
            self._show(user, options)

    def _list(self, user: Any, options: dict[str, Any]) -> None:
        cases = selectors.staff_cases(user)
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(
                    _("No agency with the code “%(code)s”.") % {"code": options["agency"]}, returncode=USAGE_ERROR
                )
            cases = selectors.in_subtree(cases, agency)
        if options["status"]:
            cases = cases.filter(status=options["status"])
        if options["overdue"]:
            cases = selectors.overdue(cases)
        if options["due_within"] is not None:
            cases = selectors.due_within(cases, options["due_within"])
        rows = [selectors.case_row(case) for case in cases.order_by("due_on", "number")]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("No cases."))
            return
        for row in rows:
            due = row["due"] or "—"
            if row["due_provisional"]:
                due += _(" (provisional)")
            self.stdout.write(f"{row['number']}\t{row['status_label']}\t{_('due')} {due}\t{row['applicant']}")
        self.stdout.write(_("%(count)s cases.") % {"count": len(rows)})

    def _show(self, user: Any, options: dict[str, Any]) -> None:
        case = selectors.staff_case(user, options["number"])
        detail = {
            **selectors.case_row(case),
            "applicant": {
                "kind": case.applicant.kind,
                "name": case.applicant.name,
                "id_type": case.applicant.id_type,
                "id_number": mask_id(case.applicant.id_number),
                "phone": mask_phone(case.applicant.phone),
            },
            "description": case.description,
            "receipt_basis": case.receipt_basis,
            "clock_problem": case.clock_problem or None,
            "outcome": case.outcome or None,
            "events": selectors.case_timeline(case),
        }
        if options["json"]:
            self.stdout.write(json.dumps(detail, ensure_ascii=False, indent=2, default=str))
            return
        self.stdout.write(f"{case.number}  {CASE_STATES.label(case.status)}")
        self.stdout.write(f"{_('Applicant')}: {case.applicant.name}  {mask_id(case.applicant.id_number)}")
        self.stdout.write(f"{_('Received on')}: {detail['received_on'] or '—'}  {case.receipt_basis}")
        self.stdout.write(f"{_('Due')}: {detail['due'] or '—'}{_(' (provisional)') if case.due_provisional else ''}")
        if case.clock_problem:
            self.stdout.write(case.clock_problem)
        self.stdout.write(f"{_('Request')}: {case.description}")
        for event in detail["events"]:
            self.stdout.write(f"  {event['on']}  {STEP_LABELS.get(event['action'], event['action'])}  {event['by']}")
