"""Attachments: files sent with an application (the applicant's, at intake) or added by the office.

Each file is known by its content (``gongkai.files.sniff.sniff_attachment``: PDF, DOCX, OFD,
PNG, JPEG, GIF — never by its name), must not exceed ``GONGKAI_ATTACHMENT_MAX_BYTES`` and an
upload holds at most ``MAX_FILES``; one bad file refuses the whole upload and nothing is stored.
The bytes go to storage under generated names (``gongkai.core.storage``) before the rows are
written; if the transaction fails, the stored files are deleted again. Reading a file back
checks its SHA-256 and is audited: only those who may see the applicant's personal data may.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.scoping import AnyUser
from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import ValidationFailed, problems_error
from gongkai.core.permissions import require
from gongkai.core.storage import StoredFileDamaged, delete_stored, display_name, read_bytes, safe_suffix, store_bytes
from gongkai.files.caps import megabytes
from gongkai.files.sniff import ATTACHMENT_SUFFIXES, sniff_attachment

from .. import permissions
from ..models import AttachmentSource, Case, CaseAttachment
from ._shared import _locked

FOLDER = "attachments"
MAX_FILES = 10  # in one upload
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
NAME_MAX = 255

#: A file as it arrives: the name it was sent under and its bytes.
AttachmentFile = tuple[str, bytes]


@dataclass(frozen=True)
class CheckedFile:
    name: str  # cleaned for display and download
    data: bytes
    kind: str  # one of gongkai.files.sniff.ATTACHMENT_KINDS


def max_attachment_bytes() -> int:
    return int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def clean_name(name: str) -> str:
    """The uploaded name as shown and offered on download (``core.storage.display_name``)."""
    return display_name(name)


def attachment_problems(files: Sequence[AttachmentFile], *, count: int | None = None) -> list[str]:
    """A Chinese message for every reason the upload cannot be taken (empty: it can).

    ``count``: how many files were sent, when not all of them are in ``files`` (a form that
    reads none of too many).
    """
    problems: list[str] = []
    sent = len(files) if count is None else count
    if sent > MAX_FILES:
        problems.append(
            _("At most %(limit)d files can be attached at once; %(count)d were sent.")
            % {"limit": MAX_FILES, "count": sent}
        )
    limit = max_attachment_bytes()
    for number, (name, data) in enumerate(files, start=1):
        shown = clean_name(name) or _("file %(number)d") % {"number": number}
        if not data:
            problems.append(_("“%(name)s” is empty.") % {"name": shown})
        elif len(data) > limit:
            problems.append(
                _("“%(name)s” is larger than %(limit)s, the most a file may be.")
                % {"name": shown, "limit": megabytes(limit)}
            )
        elif sniff_attachment(data) is None:
            problems.append(
                _(
                    "“%(name)s” is not a PDF, Word (DOCX), OFD or image (PNG, JPEG, GIF) file; "
                    "only these can be attached."
                )
                % {"name": shown}
            )
    return problems


def check_attachments(files: Sequence[AttachmentFile]) -> list[CheckedFile]:
    """The files with their kinds; any problem: ``ValidationFailed`` naming each file and why."""
    problems = attachment_problems(files)
    if problems:
        raise problems_error(problems)
    checked = []
    for name, data in files:
        kind = sniff_attachment(data)
        assert kind is not None  # attachment_problems refused every other file
        checked.append(CheckedFile(clean_name(name) or _("attachment") + ATTACHMENT_SUFFIXES[kind][0], data, kind))
    return checked


def _may_attach(actor: Actor, case: Case, source: str) -> bool:
    if source == AttachmentSource.APPLICANT:  # only at intake: the applicant is not logged in
        return actor is None or not actor.is_authenticated
    if actor is None:  # the system itself (imports, the demo)
        return True
    return permissions.can_handle_case(actor, case) or permissions.can_register_case(actor, case.agency)


_TRACKERS: ContextVar[tuple[list[str], ...]] = ContextVar("gongkai_attachment_trackers", default=())


@contextmanager
def removed_on_error() -> Iterator[list[str]]:
    """If the block fails, every file ``case_attach`` stored inside it is deleted again.

    Wrap a caller's transaction in it (``case_submit_online`` does) so that a failure after the
    attachments were stored — later in the transaction, or at its commit — leaves no file.
    """
    names: list[str] = []
    token = _TRACKERS.set((*_TRACKERS.get(), names))
    try:
        yield names
    except BaseException:
        delete_stored(names)
        raise
    finally:
        _TRACKERS.reset(token)


def _track(name: str) -> None:
    for names in _TRACKERS.get():
        names.append(name)


def case_attach(
    case: Case,
    *,
    actor: Actor,
    files: Sequence[AttachmentFile],
    source: str,
    via: str = "web",
) -> list[CaseAttachment]:
    """Keep ``files`` with ``case``, all or none.

    ``source`` "applicant": the files sent with an online application (only at intake, no
    logged-in actor); "office": files the case's handler, the head or a registrar adds.
    """
    if source not in AttachmentSource.values:
        raise ValidationFailed(_("Say who sent the files: the applicant or the office."), details={"source": source})
    refusal = (
        _("Files from the applicant are taken only with the application itself.")
        if source == AttachmentSource.APPLICANT
        else _("Only the case's handler, the registrars and the office head may add files to case %(number)s.")
        % {"number": case.number}
    )
    require(_may_attach(actor, case, source), refusal)
    if not files:
        return []
    checked = check_attachments(files)
    user = actor if actor is not None and actor.is_authenticated else None
    with removed_on_error(), transaction.atomic():
        case = _locked(case)  # an archived case takes no file (an administrator reopens it)
        now = timezone.now()
        rows = []
        for item in checked:
            saved = store_bytes(item.data, folder=FOLDER, suffix=ATTACHMENT_SUFFIXES[item.kind][0])
            _track(saved.name)
            rows.append(
                CaseAttachment.objects.create(  # type: ignore[misc]  # the project's user model is django.contrib.auth's User
                    case=case,
                    file=saved.name,
                    name=item.name,
                    media_type=item.kind,
                    size=saved.size,
                    sha256=saved.sha256,
                    source=source,
                    uploaded_at=now,
                    uploaded_by=user,
                )
            )
        record_event(
            actor=actor,
            action="case.attached",
            obj=case,
            agency=case.agency,
            details={
                "number": case.number,
                "source": source,
                "files": [
                    {"id": row.pk, "name": row.name, "kind": row.media_type, "size": row.size, "sha256": row.sha256}
                    for row in rows
                ],
            },
            via=via,
        )
    return rows


def download_name(attachment: CaseAttachment) -> str:
    """The name offered on download: the uploaded one, with the suffix of its real kind."""
    suffixes = ATTACHMENT_SUFFIXES.get(attachment.media_type, ())
    name = attachment.name or _("attachment")
    if suffixes and safe_suffix(name) not in suffixes:
        name += suffixes[0]
    return name


def attachment_bytes(attachment: CaseAttachment, *, user: AnyUser, via: str = "web") -> bytes:
    """The stored bytes, checked against their hash; for those who may see personal data; audited."""
    case = attachment.case
    require(
        permissions.can_see_personal_data(user, case),
        _("Only the case's handler and the office head may open the files attached to case %(number)s.")
        % {"number": case.number},
    )
    try:
        data = read_bytes(attachment.file.name, sha256=attachment.sha256, storage=attachment.file.storage)
    except (OSError, StoredFileDamaged) as error:
        raise ValidationFailed(
            _("The stored file “%(name)s” is missing or damaged.") % {"name": attachment.name}
        ) from error
    with transaction.atomic():
        record_event(
            actor=user,
            action="case.attachment_downloaded",
            obj=attachment,
            agency=case.agency,
            details={"number": case.number, "name": attachment.name, "sha256": attachment.sha256},
            via=via,
        )
    return data


def case_attachments(case: Case) -> Iterable[CaseAttachment]:
    return case.attachments.select_related("uploaded_by").order_by("uploaded_at", "id")
