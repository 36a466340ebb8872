"""Every write of published reports: audit uploads and history imports. One transaction each, audited.

Reading and checking happen first, outside the transaction (pure, ``audit``); then all rows and
their audit events are saved at once, so a bad file or ZIP saves nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import DomainError, ValidationFailed, problems_error
from gongkai.core.files import upload_limits
from gongkai.core.permissions import require
from gongkai.core.states import transition
from gongkai.core.storage import StoredFile, StoredFileDamaged, delete_stored, read_bytes
from gongkai.files import IntakeRefused, Problem, ProblemKind, Upload, UploadedLike
from gongkai.files import unpack as intake_unpack
from gongkai.files.caps import megabytes

from .audit import Audit, agency_key, audit, audit_batch
from .model import NOT_COMPARABLE_FORMATS, AnnualReport, ReportFormat
from .models import UPLOAD_STATES, PublishedReport, ReportFormatChoice, ReportKind, ReportUpload, UploadStatus
from .permissions import can_import_history, can_upload_reports
from .selectors import previous_report
from .stored import report_content, store_report_file

logger = logging.getLogger(__name__)

REPORT_SUFFIXES = frozenset({".txt", ".htm", ".html", ".docx", ".pdf"})


# --- unpacking -----------------------------------------------------------------------------


def _wording(problem: Problem) -> str:
    """A file-intake problem in the words of the upload pages (translated)."""
    values = {"name": problem.place, "member": problem.place, **problem.details}
    if "max" in values:
        values["size"] = megabytes(int(values["max"]))
    messages = {
        ProblemKind.NOT_A_ZIP: _("“%(name)s” is not a valid ZIP file (%(reason)s)."),
        ProblemKind.EMPTY_ZIP: _("“%(name)s” contains no files."),
        ProblemKind.ZIP_TOO_MANY_FILES: _("“%(name)s” holds %(count)d files; at most %(max)d may be uploaded at once."),
        ProblemKind.UNSAFE_PATH: _("“%(member)s”: a path outside the archive is not allowed."),
        ProblemKind.ENCRYPTED: _("“%(member)s” is encrypted."),
        ProblemKind.NOT_ACCEPTED: _("“%(member)s” is not a report file (accepted: .txt, .html, .htm, .docx, .pdf)."),
        ProblemKind.FILE_TOO_LARGE: _("“%(name)s” is larger than %(size)s."),
        ProblemKind.SUSPICIOUS_RATIO: _("“%(member)s” is compressed suspiciously well."),
        ProblemKind.ZIP_UNPACKS_TOO_LARGE: _("“%(name)s” unpacks to more than %(size)s."),
        ProblemKind.CANNOT_UNPACK: _("“%(member)s” in “%(name)s” cannot be unpacked (%(reason)s)."),
        ProblemKind.ZIP_TOO_LARGE: _("“%(name)s” is larger than %(size)s."),
        ProblemKind.NO_FILES: _("Choose at least one report file or ZIP."),
        ProblemKind.TOO_MANY_FILES: _("At most %(max)d files may be uploaded at once."),
        ProblemKind.UPLOAD_TOO_LARGE: _(
            "The files of one upload may come to at most %(size)s in all (ZIPs unpacked); upload them in parts."
        ),
    }
    message = messages.get(problem.kind)
    return message % values if message is not None else problem.message


def unpack(files: Iterable[UploadedLike]) -> list[Upload]:
    """Uploaded files as (name, bytes), ZIPs unpacked. ValidationFailed for anything unacceptable."""
    try:
        return intake_unpack(files, upload_limits(REPORT_SUFFIXES), unnamed=_("(unnamed)"))
    except IntakeRefused as refused:
        raise problems_error([_wording(problem) for problem in refused.problems]) from refused


# --- saving --------------------------------------------------------------------------------


class AgencyIndex:
    """The agencies of ``root``'s subtree by name and short name, read once per upload."""

    def __init__(self, root: Agency) -> None:
        self.root = root
        self._by_name: dict[str, Agency] = {}
        subtree = Agency.objects.filter(path__startswith=root.path).only("id", "name", "short_name", "path")
        for candidate in subtree.order_by("path"):  # the nearer agency wins a name shared further down
            for name in (candidate.name, candidate.short_name):
                key = agency_key(name)
                if key:
                    self._by_name.setdefault(key, candidate)

    def match(self, name_read: str | None) -> Agency:
        """The agency in the subtree named as the report names itself, else the root."""
        key = agency_key(name_read)
        return self._by_name.get(key, self.root) if key else self.root


def _row(
    item: Audit, upload: Upload, stored: StoredFile, agency: Agency, actor: Actor, kind: ReportKind
) -> PublishedReport:
    report = item.report
    user = actor if actor is not None and actor.is_authenticated else None
    return PublishedReport(
        agency=agency,
        year=report.year,
        format=report.format.value if item.readable else ReportFormatChoice.UNREADABLE,
        agency_name_read=(report.agency or "")[:200],
        file_name=upload.name,
        media_type=item.media_type,
        size=stored.size,
        file=stored.name,
        sha256=stored.sha256,
        result=report.to_json(),
        source_lines=[list(pair) for pair in item.source_lines],
        error_count=len(report.errors),
        warning_count=len(report.warnings),
        score=item.score,
        uploaded_by=user,  # type: ignore[misc]  # the project's user model is django.contrib.auth's User
        kind=kind,
    )


def _loader(data: bytes) -> Callable[[], bytes]:
    return lambda: data


@contextmanager
def _storing(uploads: Sequence[Upload]) -> Iterator[list[StoredFile]]:
    """Store the uploads' bytes for the rows about to be saved; remove them again if saving fails."""
    stored: list[StoredFile] = []
    try:
        for upload in uploads:
            stored.append(store_report_file(upload.data, upload.name))
        yield stored
    except BaseException:
        delete_stored(file.name for file in stored)
        raise


def _audit_uploads(agency: Agency, uploads: Sequence[Upload]) -> tuple[list[Audit], list[Agency]]:
    """Read and check each upload (pure, outside any transaction); the agency each report belongs to.

    Each report is filed under the agency of ``agency``'s subtree it names (else ``agency``); R5
    and R6 compare it with that agency's report for the year before — from this upload or kept.
    """
    index = AgencyIndex(agency)

    def previous_for(report: AnnualReport) -> AnnualReport | None:
        return previous_report(index.match(report.agency), report.year)

    audits = audit_batch(
        ((upload.name, _loader(upload.data)) for upload in uploads), keep_source=True, previous_for=previous_for
    )
    targets = [index.match(item.report.agency) if item.readable else agency for item in audits]
    return audits, targets


def _keep_audits(
    *,
    actor: Actor,
    audits: Sequence[Audit],
    uploads: Sequence[Upload],
    stored: Sequence[StoredFile],
    targets: Sequence[Agency],
    via: str,
    job: ReportUpload | None = None,
) -> list[PublishedReport]:
    """Save one row and one audit event per audited upload. Inside the caller's transaction."""
    saved: list[PublishedReport] = []
    for item, upload, file, target in zip(audits, uploads, stored, targets, strict=True):
        row = _row(item, upload, file, target, actor, ReportKind.AUDIT)
        row.upload = job
        row.save()
        record_event(
            actor=actor,
            action="report.uploaded",
            obj=row,
            agency=target,
            details={"file": row.file_name, "year": row.year, "score": row.score, "errors": row.error_count},
            via=via,
        )
        saved.append(row)
    return saved


def _require_upload(actor: Actor, agency: Agency) -> None:
    if actor is not None:
        require(
            can_upload_reports(actor, agency), _("You may not upload reports for %(agency)s.") % {"agency": agency.name}
        )


def report_upload(
    *, actor: Actor, agency: Agency, files: Sequence[UploadedLike], via: str = "web"
) -> list[PublishedReport]:
    """Audit uploaded reports (files or ZIPs) of ``agency``'s subtree now and keep the results.

    For callers that wait for the result (commands, tests, small API calls). The web upload
    enqueues instead (``report_upload_enqueue``), so that no request waits for an audit.
    """
    _require_upload(actor, agency)
    uploads = unpack(files)
    audits, targets = _audit_uploads(agency, uploads)
    with _storing(uploads) as stored, transaction.atomic():
        return _keep_audits(actor=actor, audits=audits, uploads=uploads, stored=stored, targets=targets, via=via)


# --- uploads audited in the background --------------------------------------------------------


def report_upload_enqueue(
    *, actor: Actor, agency: Agency, files: Sequence[UploadedLike], via: str = "web"
) -> ReportUpload:
    """Store uploaded reports (files or ZIPs) and queue their audit; the upload to follow on its page.

    Only what is quick happens here: the permission check, unpacking within the limits (a bad
    file or ZIP is refused at once and nothing is kept), storing the files. The audit runs in
    the worker (``gongkai.reports.tasks.audit_upload`` → ``report_upload_run``).
    """
    _require_upload(actor, agency)
    uploads = unpack(files)
    return _enqueue(actor=actor, agency=agency, uploads=uploads, via=via, kind=ReportKind.AUDIT, year=None)


def _enqueue(
    *, actor: Actor, agency: Agency, uploads: Sequence[Upload], via: str, kind: ReportKind, year: int | None
) -> ReportUpload:
    """Store the files, save the upload row and its event, and queue the task — all or nothing.

    The task is queued in the same transaction as the upload row (the database queue), so
    neither exists without the other.
    """
    from .tasks import audit_upload

    user = actor if actor is not None and actor.is_authenticated else None
    with _storing(uploads) as stored, transaction.atomic():
        job = ReportUpload.objects.create(  # type: ignore[misc]  # the project's user model is auth's User
            agency=agency,
            uploaded_by=user,
            via=via,
            kind=kind,
            year=year,
            files=[
                {"name": upload.name, "file": file.name, "sha256": file.sha256, "size": file.size}
                for upload, file in zip(uploads, stored, strict=True)
            ],
        )
        record_event(
            actor=actor,
            action="report.upload_queued",
            obj=job,
            agency=agency,
            details={"kind": kind.value, "files": len(uploads), "bytes": sum(file.size for file in stored)},
            via=via,
        )
        result = audit_upload.enqueue(job.pk)
        job.task_id = str(result.id)
        job.save(update_fields=["task_id"])
    job.refresh_from_db()  # an immediate backend has run it already
    return job


def _failure_reason(error: BaseException) -> str:
    """Why an upload could not be audited, in words for its page (never a traceback)."""
    if isinstance(error, DomainError):
        details = error.details if isinstance(error.details, list) else []
        return "；".join([error.message, *(str(line) for line in details)])
    if isinstance(error, OSError | StoredFileDamaged):
        return _("The uploaded files could not be read back from storage; upload them again.")
    return _(
        "The audit stopped because of an unexpected error (recorded in the server log). "
        "The uploaded files are kept; try again, or ask the platform administrator."
    )


def _reader_for(
    job: ReportUpload, actor: Actor, uploads: Sequence[Upload], stored: Sequence[StoredFile]
) -> Callable[[], list[PublishedReport]]:
    """Read and check an upload's files; what then saves the rows (inside the caller's transaction)."""
    if job.kind == ReportKind.HISTORY and job.year is not None:
        year = job.year
        item = _audit_history(job.agency, year, uploads[0])
        return lambda: [
            _keep_history(
                actor=actor,
                agency=job.agency,
                year=year,
                item=item,
                upload=uploads[0],
                stored=stored[0],
                via=job.via,
                job=job,
            )
        ]
    audits, targets = _audit_uploads(job.agency, uploads)
    return lambda: _keep_audits(
        actor=actor, audits=audits, uploads=uploads, stored=stored, targets=targets, via=job.via, job=job
    )


def report_upload_run(*, upload_id: int) -> ReportUpload:
    """Audit a queued upload and keep its reports; on failure record the reason and keep the files.

    Run by the worker. Three steps, each one transaction with its audit event: queued → running
    (so the upload's page says so), then the reports and running → done together, or running →
    failed with the reason. An upload that is not queued (a task run twice) is left as it is.
    """
    job = ReportUpload.objects.select_related("agency", "uploaded_by").get(pk=upload_id)
    actor: Actor = job.uploaded_by
    if job.status != UploadStatus.QUEUED:
        return job
    with transaction.atomic():
        transition(
            job,
            machine=UPLOAD_STATES,
            to=UploadStatus.RUNNING,
            actor=actor,
            action="report.upload_started",
            agency=job.agency,
            via=job.via,
        )
        job.started_at = timezone.now()
        job.save(update_fields=["started_at"])
    try:
        uploads = [
            Upload(name=str(entry["name"]), data=read_bytes(entry["file"], sha256=entry["sha256"]))
            for entry in job.files
        ]
        stored = [StoredFile(name=entry["file"], sha256=entry["sha256"], size=entry["size"]) for entry in job.files]
        keep = _reader_for(job, actor, uploads, stored)  # reads and checks now, outside the transaction
        with transaction.atomic():
            rows = keep()
            job.finished_at = timezone.now()
            job.save(update_fields=["finished_at"])
            transition(
                job,
                machine=UPLOAD_STATES,
                to=UploadStatus.DONE,
                actor=actor,
                action="report.upload_done",
                agency=job.agency,
                details={"reports": len(rows)},
                via=job.via,
            )
    except Exception as error:
        if not isinstance(error, DomainError):
            logger.exception("report upload %s failed", job.pk)
        reason = _failure_reason(error)
        with transaction.atomic():
            job.reason = reason
            job.finished_at = timezone.now()
            job.save(update_fields=["reason", "finished_at"])
            transition(
                job,
                machine=UPLOAD_STATES,
                to=UploadStatus.FAILED,
                actor=actor,
                action="report.upload_failed",
                agency=job.agency,
                details={"reason": reason},
                via=job.via,
            )
    return job


def _require_history(actor: Actor, agency: Agency) -> None:
    if actor is not None:
        require(
            can_import_history(actor, agency), _("You may not import reports for %(agency)s.") % {"agency": agency.name}
        )


def _one_upload(file: UploadedLike) -> Upload:
    uploads = unpack([file])
    if len(uploads) != 1:
        raise ValidationFailed(_("Import one report at a time."))
    return uploads[0]


def _audit_history(agency: Agency, year: int, upload: Upload) -> Audit:
    """Read a past report and check that it is one, of ``year`` (ValidationFailed, in Chinese, if not)."""
    item = audit(upload.data, upload.name, previous_report(agency, year))
    report = item.report
    if not item.readable:
        raise ValidationFailed(
            _("“%(name)s” cannot be read: %(reason)s")
            % {"name": upload.name, "reason": "；".join(f.message for f in report.errors)}
        )
    if report.format is ReportFormat.NOT_A_REPORT:
        raise ValidationFailed(_("“%(name)s” is not an annual report.") % {"name": upload.name})
    if report.year is not None and report.year != year:
        raise ValidationFailed(
            _("The report is for %(read)d, not %(year)d; check the year.") % {"read": report.year, "year": year}
        )
    report.year = year
    return item


def _keep_history(
    *,
    actor: Actor,
    agency: Agency,
    year: int,
    item: Audit,
    upload: Upload,
    stored: StoredFile,
    via: str,
    job: ReportUpload | None = None,
) -> PublishedReport:
    """Save the past report with its event and re-check next year's kept reports. Inside the caller's transaction."""
    row = _row(item, upload, stored, agency, actor, ReportKind.HISTORY)
    row.upload = job
    row.save()
    record_event(
        actor=actor,
        action="report.history_imported",
        obj=row,
        agency=agency,
        details={"file": row.file_name, "year": year, "score": row.score},
        via=via,
    )
    _recheck_year(actor=actor, agency=agency, year=year + 1, previous=item.report, via=via)
    return row


def report_import_history(
    *, actor: Actor, agency: Agency, year: int, file: UploadedLike, via: str = "web"
) -> PublishedReport:
    """Keep one of ``agency``'s past reports now, so that R5 and R6 can compare the next year with it.

    For callers that wait for the result; the web form queues it (``report_import_history_enqueue``).
    """
    _require_history(actor, agency)
    upload = _one_upload(file)
    item = _audit_history(agency, year, upload)
    with _storing([upload]) as stored, transaction.atomic():
        return _keep_history(actor=actor, agency=agency, year=year, item=item, upload=upload, stored=stored[0], via=via)


def report_import_history_enqueue(
    *, actor: Actor, agency: Agency, year: int, file: UploadedLike, via: str = "web"
) -> ReportUpload:
    """Store one past report and queue its import (read, checked for its year, kept, next year re-checked).

    The request checks only what is quick (permission, one file within the limits); that the file
    is a readable report of ``year`` is checked by the worker and, if not, said on the upload's page.
    """
    _require_history(actor, agency)
    upload = _one_upload(file)
    return _enqueue(actor=actor, agency=agency, uploads=[upload], via=via, kind=ReportKind.HISTORY, year=year)


def _recheck_year(*, actor: Actor, agency: Agency, year: int, previous: AnnualReport, via: str) -> None:
    """Check ``agency``'s kept reports of ``year`` again now that last year's report has arrived (R5, R6).

    Without it an audit uploaded before the history import would keep saying nothing about the
    carry-over. Each changed result is saved with an audit event; the file itself is not touched.
    """
    rows = (
        PublishedReport.objects.filter(agency=agency, year=year)
        .exclude(format__in=NOT_COMPARABLE_FORMATS)
        .defer("source_lines")
    )
    for row in rows.select_for_update():
        item = audit(report_content(row), row.file_name, previous, keep_source=False)
        before = (row.error_count, row.warning_count, row.score)
        row.result = item.report.to_json()
        row.error_count = len(item.report.errors)
        row.warning_count = len(item.report.warnings)
        row.score = item.score
        row.save(update_fields=["result", "error_count", "warning_count", "score", "updated_at"])
        record_event(
            actor=actor,
            action="report.rechecked",
            obj=row,
            agency=agency,
            details={
                "against_year": year - 1,
                "before": before,
                "after": (row.error_count, row.warning_count, row.score),
            },
            via=via,
        )
