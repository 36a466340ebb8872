"""``gongkai report audit PATH... [--json] [--html OUT] [--csv OUT]``: audit published annual reports.

Works without a database: reading and checking are pure. Exit status (the first that applies):
2 for bad usage (a path that does not exist, an output that cannot be written) or a file larger
than ``GONGKAI_REPORT_AUDIT_MAX_FILE_BYTES`` (not read; the others are audited); 1 when any file has
an error (an unreadable file is one); 3 when a file is not an annual report; 0 otherwise.

When the output is closed early (``gongkai report audit ... | head -1``) the command stops
writing to it, still writes the ``--html`` and ``--csv`` files, and exits with its usual status —
no traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from gongkai.core.commands import USAGE_ERROR, ChineseCommandParser, GongkaiCommand
from gongkai.reports.audit import UNREADABLE_RULE, Audit, audit_batch, format_label, summary_csv, tables_label
from gongkai.reports.audit_html import audit_page, index_page, severity_label
from gongkai.reports.findings import Finding, Severity
from gongkai.reports.model import AnnualReport, ReportFormat
from gongkai.reports.wording import place_label

ERRORS_FOUND = 1
NOT_A_REPORT = 3


def _usage(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


def _size_words(size: int) -> str:
    """A size as people read it: "20.0 MB", "5.2 KB", "300 B"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} B"


class FileTooLarge(OSError):
    """A file that grew past the size limit after it was measured: read no further (an unreadable file, P0)."""


def _too_large_message(size: int | None, limit: int) -> str:
    if size is None:
        return _("The file is larger than the limit of %(max)s; it was not read.") % {"max": _size_words(limit)}
    return _("The file is too large (%(size)s, the limit is %(max)s); it was not read.") % {
        "size": _size_words(size),
        "max": _size_words(limit),
    }


def _too_large(name: str, size: int | None, limit: int) -> Audit:
    """The audit of a file that was not read because it is over the limit: one P0 error."""
    finding = Finding(UNREADABLE_RULE, Severity.ERROR, "file", _too_large_message(size, limit))
    return Audit(name=name, report=AnnualReport(format=ReportFormat.NOT_A_REPORT, findings=[finding]), readable=False)


def _bounded_reader(path: Path, limit: int) -> Callable[[], bytes]:
    """Read ``path``, but never more than ``limit`` bytes (a file may grow after it was measured)."""

    def load() -> bytes:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise FileTooLarge(0, _too_large_message(None, limit))
        return data

    return load


def _silence(stream: TextIO) -> None:
    """Point a closed output's descriptor at /dev/null, so that later writes and the exit flush are quiet."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a StringIO in tests): nothing will flush it at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


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


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will say what is wrong


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
            help=_(
                "read and check reports; exit status 0 all clean, 1 errors found, 2 bad usage or a file too large, "
                "3 a file is not an annual report"
            ),
            description=_(
                "Read published annual reports and check them. With several files (or a folder) --json prints\n"
                "a JSON array and --html OUT is a folder; with one file, one JSON object and one HTML file.\n\n"
                "Exit status (the first that applies):\n"
                "  2  bad usage, or a file larger than %(max)s (not read; the other files are audited)\n"
                "  1  a file has errors (a file that cannot be read is one)\n"
                "  3  a file is not an annual report (nothing in it was checked)\n"
                "  0  every file is an annual report without errors\n"
                "The size limit is the setting GONGKAI_REPORT_AUDIT_MAX_FILE_BYTES (bytes)."
            )
            % {"max": _size_words(settings.GONGKAI_REPORT_AUDIT_MAX_FILE_BYTES)},
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        audit.add_argument("paths", nargs="+", metavar="PATH", help=_("report files, or folders (every file in them)"))
        audit.add_argument("--json", action="store_true", help=_("print the report model as JSON (report-json.md)"))
        audit.add_argument("--html", metavar="OUT", help=_("write the audit page(s): a file, or a folder for several"))
        audit.add_argument("--csv", metavar="OUT", help=_("write a CSV summary, one row per file (UTF-8 with BOM)"))

    def run_from_argv(self, argv: list[str]) -> None:
        try:
            super().run_from_argv(argv)
        except BrokenPipeError:  # stderr closed as well (… 2>&1 | head): nothing more can be said
            _silence(sys.stdout)
            _silence(sys.stderr)
            sys.exit(ERRORS_FOUND)

    def handle(self, *args: Any, **options: Any) -> None:
        self._closed = False
        try:
            self._audit(options)
        finally:
            self._flush()

    def _say(self, text: str) -> None:
        """Write a line to stdout, unless the reader has gone (a closed pipe): then stop writing, quietly."""
        if self._closed:
            return
        try:
            self.stdout.write(text)
        except BrokenPipeError:
            self._closed = True
            _silence(sys.stdout)

    def _flush(self) -> None:
        if self._closed:
            return
        try:
            self.stdout.flush()
        except BrokenPipeError:
            self._closed = True
            _silence(sys.stdout)

    def _audit(self, options: dict[str, Any]) -> None:
        files = _files(options["paths"])
        several = len(files) > 1 or any(Path(raw).is_dir() for raw in options["paths"])
        html_target: Path | None = None
        if options["html"]:
            html_target = _writable_dir(options["html"]) if several else _writable_file(options["html"])
        csv_target = _writable_file(options["csv"]) if options["csv"] else None

        limit = settings.GONGKAI_REPORT_AUDIT_MAX_FILE_BYTES
        sizes = {path: _size(path) for path in files}
        loads: list[tuple[str, Callable[[], bytes]]] = [
            (str(path), _bounded_reader(path, limit)) for path in files if sizes[path] <= limit
        ]
        audited = iter(audit_batch(loads, keep_source=html_target is not None))
        audits = [
            next(audited) if sizes[path] <= limit else _too_large(str(path), sizes[path], limit) for path in files
        ]
        too_large = [path for path in files if sizes[path] > limit]

        if options["json"]:
            objects = [item.report.to_json() for item in audits]
            payload = objects if several else objects[0]
            self._say(json.dumps(payload, ensure_ascii=False, indent=2))
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
        not_reports = [item for item in audits if item.readable and item.report.format is ReportFormat.NOT_A_REPORT]
        if not options["json"]:
            self._say(
                _("%(total)d file(s) audited: %(failed)d with errors.") % {"total": len(audits), "failed": len(failed)}
            )
        if too_large:
            raise _usage(
                _("%(count)d file(s) larger than %(max)s not read: %(names)s")
                % {"count": len(too_large), "max": _size_words(limit), "names": "、".join(str(p) for p in too_large)}
            )
        if failed:
            raise CommandError(
                _("%(failed)d of %(total)d file(s) have errors.") % {"failed": len(failed), "total": len(audits)},
                returncode=ERRORS_FOUND,
            )
        if not_reports:
            raise CommandError(
                _("%(count)d of %(total)d file(s) are not annual reports: %(names)s")
                % {
                    "count": len(not_reports),
                    "total": len(audits),
                    "names": "、".join(item.name for item in not_reports),
                },
                returncode=NOT_A_REPORT,
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
        self._say(f"== {item.name}")
        self._say(f"   {title} · {year}")
        self._say(
            "   "
            + _("format: %(format)s; tables read: %(tables)s; score %(score)d")
            % {"format": format_label(item), "tables": tables_label(item), "score": item.score}
        )
        infos = len(report.findings) - len(report.errors) - len(report.warnings)
        self._say(
            "   "
            + _("%(errors)d error(s), %(warnings)d warning(s), %(infos)d note(s)")
            % {"errors": len(report.errors), "warnings": len(report.warnings), "infos": infos}
        )
        for finding in report.findings:
            place = place_label(finding.where)
            self._say(f"   [{severity_label(finding.severity)}] {finding.rule} {place}：{finding.message}")
