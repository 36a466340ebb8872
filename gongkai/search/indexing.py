"""Keeping the index in step with the library.

The index holds the public documents only (published and proactively disclosed). Every save of a
document (publication, withdrawal, a status moved by an amending or repealing document, a change
of an attachment's text) puts its id on a per-thread list; once the transaction commits
(``transaction.on_commit``) the list is read back from the database and each document is indexed
again or removed, in one engine commit — so it is searchable (or gone) well within a second. A
failure to index never undoes the publication: it is logged, and ``gongkai search reindex``
repairs it.

``reindex`` builds a whole new index from the database beside the live one (the site searches the
old one meanwhile), switches to it, then applies what changed during the build.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from gongkai.documents.models import Disclosure, Document, DocumentAttachment, PublicationState

from .analysis import make_indexed_document
from .engine import IndexedDocument
from .pipeline import segmenter

logger = logging.getLogger(__name__)

BATCH = 500
ATTACHMENT_TEXT_MAX = 50_000


# -- the dictionary -------------------------------------------------------------------------------

_dictionary_lock = threading.Lock()
_dictionary_loaded = False


def ensure_dictionary() -> None:
    """Add the platform's agency names (and short names) to the segmenter, once per process, so
    that index and query cut 青山市教育局 the same way."""
    global _dictionary_loaded
    if _dictionary_loaded:
        return
    with _dictionary_lock:
        if _dictionary_loaded:
            return
        from django.db import DatabaseError

        from gongkai.agencies.models import Agency

        try:
            names = [n for pair in Agency.objects.values_list("name", "short_name") for n in pair if n]
        except DatabaseError:  # not migrated yet
            return
        segmenter().add_words(names)
        _dictionary_loaded = True


def add_agency_name(sender: Any, instance: Any, **kwargs: Any) -> None:
    segmenter().add_words([n for n in (instance.name, instance.short_name) if n])


# -- one document ---------------------------------------------------------------------------------


def is_public(document: Document) -> bool:
    return document.state == PublicationState.PUBLISHED and document.disclosure == Disclosure.PROACTIVE


class _AgencyPaths:
    """Agency id → codes from the root (read once per batch)."""

    def __init__(self) -> None:
        from gongkai.agencies.models import Agency

        self.codes = dict(Agency.objects.values_list("pk", "code"))

    def path(self, document: Document) -> list[str]:
        agency = document.agency
        ids = [*agency.ancestor_ids(), agency.pk]
        return [self.codes[pk] for pk in ids if pk in self.codes]


def _body(document: Document, attachments: list[str]) -> str:
    from .service import plain_text

    text = plain_text(document)
    extra = "\n".join(attachments)[:ATTACHMENT_TEXT_MAX]
    return f"{text}\n{extra}" if extra else text


def indexed_document(
    document: Document, paths: _AgencyPaths | None = None, attachments: list[str] | None = None
) -> IndexedDocument:
    """``document`` as the index holds it (tokens by the text pipeline)."""
    ensure_dictionary()
    paths = paths or _AgencyPaths()
    if attachments is None:
        attachments = [t for t in document.attachments.values_list("text", flat=True) if t]
    today = timezone.localdate()
    return make_indexed_document(
        id=document.pk,
        title=document.title,
        body=_body(document, attachments),
        doc_number=document.doc_number,
        issuer=document.issuer,
        kind=document.kind.base,
        kind_code=document.kind.code,
        status=document.effective_status(today),
        agency_path=paths.path(document),
        published_on=document.published_on,
        expires_on=document.expires_on,
        topic=document.topic,
    )


def _public(ids: Iterable[int] | None = None) -> Any:
    documents = Document.objects.filter(state=PublicationState.PUBLISHED, disclosure=Disclosure.PROACTIVE)
    if ids is not None:
        documents = documents.filter(pk__in=list(ids))
    return documents.select_related("agency", "kind").order_by("pk")


def _attachments(ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    rows = DocumentAttachment.objects.filter(document_id__in=ids).exclude(text="").values_list("document_id", "text")
    for pk, text in rows:
        found.setdefault(pk, []).append(text)
    return found


def sync(ids: Iterable[int]) -> tuple[int, int]:
    """Index again the public documents among ``ids``, remove the others; one commit.
    Returns (indexed, removed)."""
    from .service import get_engine

    wanted = sorted(set(ids))
    if not wanted:
        return 0, 0
    engine = get_engine()
    paths = _AgencyPaths()
    indexed: list[IndexedDocument] = []
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        documents = list(_public(chunk))
        texts = _attachments([d.pk for d in documents])
        indexed.extend(indexed_document(d, paths, texts.get(d.pk, [])) for d in documents)
    present = {doc.id for doc in indexed}
    removed = [pk for pk in wanted if pk not in present]
    engine.add(indexed)
    engine.delete(removed)
    engine.commit()
    return len(indexed), len(removed)


# -- after commit ---------------------------------------------------------------------------------

_pending = threading.local()


def _queue() -> set[int]:
    queue: set[int] | None = getattr(_pending, "ids", None)
    if queue is None:
        queue = _pending.ids = set()
    return queue


def flush() -> None:
    """Index what the committed transactions changed (the on_commit callback)."""
    queue = _queue()
    if not queue:
        return
    ids = set(queue)
    queue.clear()
    try:
        sync(ids)
    except Exception:  # the publication stands; reindex repairs the index
        logger.exception("search: indexing documents %s failed", sorted(ids)[:20])


def schedule(pk: int | None) -> None:
    if pk is None:
        return
    _queue().add(pk)
    transaction.on_commit(flush)


def document_saved(sender: Any, instance: Document, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    schedule(instance.pk)


def attachment_saved(sender: Any, instance: DocumentAttachment, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    schedule(instance.document_id)


def connect() -> None:
    from gongkai.agencies.models import Agency

    post_save.connect(document_saved, sender=Document, dispatch_uid="search.document_saved")
    post_delete.connect(document_saved, sender=Document, dispatch_uid="search.document_deleted")
    post_save.connect(attachment_saved, sender=DocumentAttachment, dispatch_uid="search.attachment_saved")
    post_delete.connect(attachment_saved, sender=DocumentAttachment, dispatch_uid="search.attachment_deleted")
    post_save.connect(add_agency_name, sender=Agency, dispatch_uid="search.agency_saved")


# -- the whole index ------------------------------------------------------------------------------


def public_count() -> int:
    return int(_public().count())


def _all_indexed() -> Iterator[IndexedDocument]:
    paths = _AgencyPaths()
    last = 0
    while True:
        documents = list(_public().filter(pk__gt=last)[:BATCH])
        if not documents:
            return
        texts = _attachments([d.pk for d in documents])
        for document in documents:
            yield indexed_document(document, paths, texts.get(document.pk, []))
        last = documents[-1].pk


def reindex(progress: Callable[[int, int], None] | None = None) -> int:
    """Build the index again from the database; the old one serves until the new one is complete.
    Documents changed during the build are applied to the new index afterwards."""
    from .service import forget_synonyms, get_engine

    ensure_dictionary()
    started: datetime = timezone.now()
    total = public_count()
    engine = get_engine()
    count = engine.rebuild(_all_indexed(), None if progress is None else (lambda done: progress(done, total)))
    changed = list(Document.objects.filter(updated_at__gte=started).values_list("pk", flat=True))
    if changed:
        sync(changed)
    forget_synonyms()
    return count
