"""``gongkai patrol [--agency CODE] [--json]``: re-check every published document (body and
attachments' text) against today's dictionaries, keep the new findings, report per agency.

A dictionary grows, old pages get found. A progress bar on stderr (tqdm when installed, else a
counter); the report on stdout. Exit status: 0, 2 for an unknown agency.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.commands import USAGE_ERROR, GongkaiCommand

from ... import services


def _progress(stream: Any) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A progress callback and its closing call: tqdm if installed, else a counter on one line."""
    try:
        from tqdm import tqdm  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        tqdm = None
    if tqdm is not None:
        bar: Any = None

        def step(number: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, file=stream, unit=_("documents"))
            bar.update(1)

        def close() -> None:
            if bar is not None:
                bar.close()

        return step, close

    shown = {"any": False}

    def count(number: int, total: int) -> None:
        if number == total or number % 50 == 0:
            stream.write(f"\r{_('checked')} {number}/{total}")
            stream.flush()
            shown["any"] = True

    def end() -> None:
        if shown["any"]:
            stream.write("\n")
            stream.flush()

    return count, end


class Command(GongkaiCommand):
    help = _("Re-check the published documents against today's dictionaries and report per agency.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", help=_("only the documents of this agency and those below it (code)"))
        parser.add_argument("--json", action="store_true", help=_("JSON instead of a table"))
        parser.add_argument("--quiet", action="store_true", help=_("no progress bar"))

    def handle(self, *args: Any, **options: Any) -> None:
        agency = None
        if options.get("agency"):
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(
                    _("No agency with the code “%(code)s”.") % {"code": options["agency"]}, returncode=USAGE_ERROR
                )
        step, close = (None, None) if options.get("quiet") else _progress(sys.stderr)
        try:
            reports = services.patrol(actor=None, agency=agency, progress=step)
        finally:
            if close is not None:
                close()
        if options.get("json"):
            self.stdout.write(json.dumps([report.as_dict() for report in reports], ensure_ascii=False, indent=2))
            return
        if not reports:
            self.stdout.write(_("No published documents to check."))
            return
        header = [_("Agency"), _("Documents"), _("New errors"), _("New warnings"), _("New notices")]
        self.stdout.write("\t".join(header))
        for report in reports:
            self.stdout.write(
                "\t".join(
                    [
                        f"{report.name}（{report.code}）",
                        str(report.documents),
                        str(report.new.get("error", 0)),
                        str(report.new.get("warning", 0)),
                        str(report.new.get("notice", 0)),
                    ]
                )
            )
        total = sum(sum(report.new.values()) for report in reports)
        self.stdout.write(
            _("%(documents)d documents checked, %(new)d new findings.")
            % {"documents": sum(report.documents for report in reports), "new": total}
        )
