"""``gongkai report audit PATH... [--json] [--html OUT] [--csv OUT]``: audit published annual reports.

Works without a database: reading and checking are pure. Exit status 0 when every file was read
and none has an error, 1 when any file has an error (an unreadable file is one), 2 for bad usage
(a path that does not exist, an output that cannot be written).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from gongkai.core.commands import USAGE_ERROR, ChineseCommandParser, GongkaiCommand
from gongkai.reports.audit import Audit, audit_batch, format_label, summary_csv, tables_label
from gongkai.reports.audit_html import audit_page, index_page, severity_label
from gongkai.reports.wording import place_label


def _usage(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


def _files(paths: list[str]) -> list[Path]:
    """The files named, folders expanded to every file in them (hidden files skipped), in order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                raise _usage(_("The folder %(path)s holds no files.") % {"path": raw})
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise _usage(_("No such file or folder: %(path)s") % {"path": raw})
    return found


def _writable_file(raw: str) -> Path:
    path = Path(raw)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir() or not parent.is_dir() or not os.access(parent, os.W_OK):
        raise _usage(_("Cannot write the file %(path)s.") % {"path": raw})
    if path.exists() and not os.access(path, os.W_OK):
        raise _usage(_("Cannot write the file %(path)s.") % {"path": raw})
    return path


def _writable_dir(raw: str) -> Path:
    path = Path(raw)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _usage(_("Cannot create the folder %(path)s.") % {"path": raw}) from error
    if not os.access(path, os.W_OK):
        raise _usage(_("Cannot write into the folder %(path)s.") % {"path": raw})
    return path


def _page_names(audits: list[Audit]) -> list[str]:
    """One distinct, safe HTML file name per audited file."""
    names: list[str] = []
    used: set[str] = set()
    for item in audits:
        stem = re.sub(r"[^\w.-]+", "_", Path(item.name).name).strip("._") or "report"
        name, counter = f"{stem}.html", 1
        while name in used or name == "index.html":
            counter += 1
            name = f"{stem}-{counter}.html"
        used.add(name)
        names.append(name)
    return names


class Command(GongkaiCommand):
    help = _("Annual reports: audit published reports (text, HTML, DOCX, PDF) against the 2021 format and R1–R8.")
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=ChineseCommandParser)
        audit = sub.add_parser(
            "audit",
            help=_("read and check reports; exit status 0 all clean, 1 errors found, 2 bad usage"),
            description=_(
                "Read published annual reports and check them. With several files (or a folder) --json prints "
                "a JSON array and --html OUT is a folder; with one file, one JSON object and one HTML file."
            ),
        )
        audit.add_argument("paths", nargs="+", metavar="PATH", help=_("report files, or folders (every file in them)"))
        audit.add_argument("--json", action="store_true", help=_("print the report model as JSON (report-json.md)"))
        audit.add_argument("--html", metavar="OUT", help=_("write the audit page(s): a file, or a folder for several"))
        audit.add_argument("--csv", metavar="OUT", help=_("write a CSV summary, one row per file (UTF-8 with BOM)"))

    def handle(self, *args: Any, **options: Any) -> None:
        self._audit(options)

    def _audit(self, options: dict[str, Any]) -> None:
        files = _files(options["paths"])
        several = len(files) > 1 or any(Path(raw).is_dir() for raw in options["paths"])
        html_target: Path | None = None
        if options["html"]:
            html_target = _writable_dir(options["html"]) if several else _writable_file(options["html"])
        csv_target = _writable_file(options["csv"]) if options["csv"] else None

        loads: list[tuple[str, Callable[[], bytes]]] = [(str(path), path.read_bytes) for path in files]
        audits = audit_batch(loads, keep_source=html_target is not None)

        if options["json"]:
            objects = [item.report.to_json() for item in audits]
            payload = objects if several else objects[0]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for item in audits:
                self._summary(item)
        try:
            if html_target is not None:
                self._write_html(audits, html_target, several=several)
            if csv_target is not None:
                csv_target.write_bytes(summary_csv(audits))
        except OSError as error:
            raise _usage(_("Cannot write the output: %(reason)s") % {"reason": error.strerror or error}) from error

        failed = [item for item in audits if item.errors]
        if not options["json"]:
            self.stdout.write(
                _("%(total)d file(s) audited: %(failed)d with errors.") % {"total": len(audits), "failed": len(failed)}
            )
        if failed:
            raise CommandError(
                _("%(failed)d of %(total)d file(s) have errors.") % {"failed": len(failed), "total": len(audits)},
                returncode=1,
            )

    def _write_html(self, audits: list[Audit], target: Path, *, several: bool) -> None:
        if not several:
            target.write_text(audit_page(audits[0]), encoding="utf-8")
            return
        names = _page_names(audits)
        for item, name in zip(audits, names, strict=True):
            (target / name).write_text(audit_page(item), encoding="utf-8")
        (target / "index.html").write_text(index_page(audits, names), encoding="utf-8")

    def _summary(self, item: Audit) -> None:
        report = item.report
        title = report.agency or _("agency not found")
        year = _("%(year)d report") % {"year": report.year} if report.year else _("year not found")
        self.stdout.write(f"== {item.name}")
        self.stdout.write(f"   {title} · {year}")
        self.stdout.write(
            "   "
            + _("format: %(format)s; tables read: %(tables)s; score %(score)d")
            % {"format": format_label(item), "tables": tables_label(item), "score": item.score}
        )
        infos = len(report.findings) - len(report.errors) - len(report.warnings)
        self.stdout.write(
            "   "
            + _("%(errors)d error(s), %(warnings)d warning(s), %(infos)d note(s)")
            % {"errors": len(report.errors), "warnings": len(report.warnings), "infos": infos}
        )
        for finding in report.findings:
            place = place_label(finding.where)
            self.stdout.write(f"   [{severity_label(finding.severity)}] {finding.rule} {place}：{finding.message}")
