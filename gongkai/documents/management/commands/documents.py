"""``gongkai documents import FILE [--user USERNAME] [--dry-run]``: bulk import into the library;
``gongkai documents patrol [--agency CODE]`` re-checks the published documents (the publishing
app's ``gongkai patrol``).

The whole file is checked first (``gongkai.documents.importing``); any bad row is reported with
its line number and nothing is imported (exit status 1). A good file is imported in
transactions of ``--batch`` rows through ``services.documents_import`` (derived fields, 索引号,
one audit event per document naming the importing user, or ``cli``). Rows already in the
library (same 索引号, else 文号 + issuer, else title + issuer + date) are skipped, so a re-run
imports nothing twice. Progress goes to standard error, the summary to standard output.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from gongkai.core.commands import USAGE_ERROR, ChineseCommandParser, GongkaiCommand
from gongkai.documents import bulk, importing

PROBLEMS_SHOWN = 200


def show_progress(done: int, total: int) -> None:
    """``Imported 1500 of 10000`` on standard error, redrawn in place on a terminal."""
    line = _("Imported %(done)d of %(total)d") % {"done": done, "total": total}
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{line}" + ("\n" if done >= total else ""))
    else:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()


class Command(GongkaiCommand):
    help = _("The document library: import documents from a CSV or JSON Lines file.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=ChineseCommandParser)
        imports = sub.add_parser(
            "import", help=_("import documents from CSV or JSON Lines (checked first; re-runs add nothing twice)")
        )
        imports.add_argument("file", help=_("a .csv, .jsonl or .ndjson file"))
        imports.add_argument("--user", default="", help=_("the importing user, named in the audit log"))
        imports.add_argument("--dry-run", action="store_true", help=_("check the file and count, import nothing"))
        imports.add_argument("--batch", type=int, default=500, help=_("rows per transaction (default 500)"))
        patrol = sub.add_parser(
            "patrol", help=_("re-check the published documents against today's dictionaries (as gongkai patrol)")
        )
        patrol.add_argument("--agency", help=_("only the documents of this agency and those below it (code)"))
        patrol.add_argument("--json", action="store_true", help=_("JSON instead of a table"))
        patrol.add_argument("--quiet", action="store_true", help=_("no progress bar"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "patrol":
            # The patrol belongs to the publishing app (a layer above the library): run its command
            # by name, so that `gongkai documents patrol` and `gongkai patrol` are one and the same.
            flags = {key: options[key] for key in ("agency", "json", "quiet") if options.get(key)}
            call_command("patrol", stdout=self.stdout, stderr=self.stderr, **flags)
            return
        user = self._user(options["user"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No file %(path)s.") % {"path": path}, returncode=USAGE_ERROR)
        try:
            outcome = bulk.import_file(
                path,
                actor=user,
                dry_run=options["dry_run"],
                batch=max(1, options["batch"]),
                progress=None if options["verbosity"] < 1 else show_progress,
            )
        except importing.UnreadableFile as error:
            raise CommandError(str(error), returncode=1) from error
        if outcome.problems:
            for problem in outcome.problems[:PROBLEMS_SHOWN]:
                self.stderr.write(str(problem) if problem.line else problem.message)
            if len(outcome.problems) > PROBLEMS_SHOWN:
                self.stderr.write(_("… and %(count)d more.") % {"count": len(outcome.problems) - PROBLEMS_SHOWN})
            raise CommandError(
                _("%(count)d problems in the file; nothing imported.") % {"count": len(outcome.problems)},
                returncode=1,
            )
        if options["dry_run"]:
            self.stdout.write(
                _("Checked %(rows)d rows: %(new)d would be imported, %(present)d already present. Nothing imported.")
                % {"rows": outcome.rows, "new": outcome.new, "present": outcome.present}
            )
        else:
            self.stdout.write(
                _("Imported %(new)d documents; %(present)d already present.")
                % {"new": len(outcome.imported), "present": outcome.present}
            )

    def _user(self, name: str) -> Any:
        if not name:
            return None
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise CommandError(_("No user “%(name)s”.") % {"name": name}, returncode=USAGE_ERROR)
        return user
