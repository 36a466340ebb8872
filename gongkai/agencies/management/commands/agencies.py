from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.importing import import_agencies
from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.agencies.services import agency_create
from gongkai.core.commands import ChineseCommandParser, GongkaiCommand


class DryRunRollback(Exception):
    """Raised inside the import transaction to undo a dry run."""


class Command(GongkaiCommand):
    help = _("Manage the agency tree: add one agency, import many from CSV, list them.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=ChineseCommandParser)
        add = sub.add_parser("add", help=_("add one agency"))
        add.add_argument("code", help=_("agency code (letters, digits, - or _)"))
        add.add_argument("name", help=_("full name, e.g. 青山市人民政府"))
        add.add_argument("--level", required=True, help=_("province, city, county, township or department"))
        add.add_argument("--parent", default="", help=_("code of the parent agency"))
        add.add_argument("--short-name", default="", help=_("short name"))

        imp = sub.add_parser("import", help=_("import agencies from a CSV file (all or nothing)"))
        imp.add_argument("file", help=_("CSV with columns code,name,level,parent_code[,short_name,office_*]"))
        imp.add_argument("--dry-run", action="store_true", help=_("validate and report, change nothing"))

        sub.add_parser("list", help=_("list agencies as a tree"))

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self._add(options)
        elif action == "import":
            self._import(options)
        else:
            self._list()

    def _add(self, options: dict[str, Any]) -> None:
        parent = None
        if options["parent"]:
            parent = Agency.objects.filter(code=options["parent"]).first()
            if parent is None:
                raise CommandError(_("No agency has the code “%(code)s”.") % {"code": options["parent"]}, returncode=2)
        agency = agency_create(
            actor=None,
            code=options["code"],
            name=options["name"],
            level=options["level"],
            parent=parent,
            short_name=options["short_name"],
            via="cli",
        )
        self.stdout.write(_("Added %(name)s (%(code)s).") % {"name": agency.name, "code": agency.code})

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path}, returncode=2)
        data = path.read_bytes()
        try:
            with transaction.atomic():
                report = import_agencies(actor=None, data=data, via="cli")
                if options["dry_run"]:
                    raise DryRunRollback
        except DryRunRollback:
            self.stdout.write(_("Dry run: the file is valid; nothing was changed."))
        summary = _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
            "created": len(report.created),
            "updated": len(report.updated),
            "unchanged": len(report.unchanged),
        }
        self.stdout.write(summary)

    def _list(self) -> None:
        labels = dict(AgencyLevel.choices)
        for agency in Agency.objects.order_by("path"):
            indent = "  " * agency.depth
            status = "" if agency.is_active else _(" (inactive)")
            self.stdout.write(f"{indent}{agency.name} [{agency.code}] {labels[agency.level]}{status}")
