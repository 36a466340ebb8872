"""Files published with a document: checked by content, kept as uploaded, their text kept for the
pre-publication checks and the patrol (先审查、后公开 covers attachments too)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.permissions import require
from gongkai.core.storage import delete_stored, display_name, safe_suffix, store_bytes
from gongkai.files.loader import load_source
from gongkai.files.sniff import sniff_document_file

from . import permissions
from .models import Document, DocumentAttachment
from .services import EDITABLE_STATES, _locked

MAX_FILES = 20
TEXT_KINDS = frozenset({"pdf", "docx"})  # the kinds whose text is read for the checks
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "ofd": ".ofd", "xlsx": ".xlsx", "png": ".png", "jpeg": ".jpg", "gif": ".gif"}


def _max_bytes() -> int:
    return int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


def document_attach(
    *, actor: Actor, document: Document, files: list[tuple[str, bytes]], via: str = "web"
) -> list[DocumentAttachment]:
    """Add files to a draft (or withdrawn) document; any bad file refuses them all, nothing kept."""
    if not files:
        raise ValidationFailed(_("Choose at least one file."))
    if len(files) > MAX_FILES:
        raise ValidationFailed(_("At most %(n)d files at once.") % {"n": MAX_FILES})
    limit = _max_bytes()
    problems: dict[str, str] = {}
    kinds: list[str] = []
    for name, data in files:
        kind = sniff_document_file(data)
        if len(data) > limit:
            problems[name] = _("larger than %(mb)d MB") % {"mb": limit // (1024 * 1024)}
        elif kind is None:
            problems[name] = _("not a PDF, Word (DOCX), OFD, Excel (XLSX) or image file (checked by its content)")
        kinds.append(kind or "")
    if problems:
        raise ValidationFailed(
            _("These files cannot be added: %(files)s")
            % {"files": "；".join(f"{n}：{p}" for n, p in problems.items())},
            details=problems,
        )
    stored: list[str] = []
    try:
        with transaction.atomic():
            document = _locked(document)
            require(
                actor is None or permissions.can_edit_documents(actor, document.agency),
                _("Only the editors and the head of %(agency)s may add files to its documents.")
                % {"agency": document.agency.name},
            )
            if document.state not in EDITABLE_STATES:
                raise InvalidTransition(
                    _("Files are added to a draft; a published document is revised as a new version.")
                )
            made = []
            for (name, data), kind in zip(files, kinds, strict=True):
                text = load_source(data, f"file{SUFFIX[kind]}").text if kind in TEXT_KINDS else ""
                saved = store_bytes(data, folder="documents", suffix=SUFFIX[kind] or safe_suffix(name))
                stored.append(saved.name)
                user = actor if actor is not None and actor.is_authenticated else None
                made.append(
                    DocumentAttachment.objects.create(  # type: ignore[misc]  # the project's user model is auth's User
                        document=document,
                        file=saved.name,
                        name=display_name(name) or "附件",
                        media_type=kind,
                        size=saved.size,
                        sha256=saved.sha256,
                        text=text,
                        uploaded_at=timezone.now(),
                        uploaded_by=user,
                    )
                )
            record_event(
                actor=actor,
                action="document.attached",
                obj=document,
                agency=document.agency,
                details={"files": [a.name for a in made]},
                via=via,
            )
            return made
    except BaseException:
        delete_stored(stored)  # the rows are gone with the transaction: so are their files
        raise
