"""The checks run on a document: the wording checker built from the database's dictionaries
(cached per process, rebuilt when an entry changes), the body's plain text, the findings of the
body and of every attachment's text."""

from __future__ import annotations

import hashlib
import threading
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from gongkai.documents.models import Document, DocumentAttachment
from gongkai.text.checks import Entry, Finding, Severity, WordingChecker, check_text
from gongkai.text.htmlmarks import html_text

from .models import WhitelistEntry, WordingEntry

_VERSION_KEY = "publishing:dictionary-token"


def body_text(html: str) -> str:
    """The plain text of a (sanitised) HTML body: what the checks read (positions of the findings
    are in this text; gongkai.text.htmlmarks maps them back into the HTML)."""
    return html_text(html).text


@dataclass(frozen=True)
class Dictionary:
    version: str  # a hash of the active entries and whitelist
    checker: WordingChecker


_local = threading.local()


def _token() -> str:
    token = cache.get(_VERSION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.add(_VERSION_KEY, token, None)
        token = cache.get(_VERSION_KEY, token)
    return str(token)


def invalidate(**_kwargs: object) -> None:
    """Forget the built checker everywhere (an entry was added, changed or deleted)."""
    cache.delete(_VERSION_KEY)
    _local.__dict__.clear()


def _build() -> Dictionary:
    entries = [
        Entry(row.category, Severity(row.severity), row.term, row.suggestion, row.note)
        for row in WordingEntry.objects.filter(active=True).order_by("pk")
    ]
    whitelist = list(WhitelistEntry.objects.filter(active=True).order_by("phrase").values_list("phrase", flat=True))
    digest = hashlib.sha256()
    for entry in sorted(entries, key=lambda e: e.term):
        digest.update("\t".join((entry.category, entry.severity.value, entry.term, entry.suggestion)).encode())
        digest.update(b"\n")
    digest.update(b"--\n")
    for phrase in whitelist:
        digest.update(phrase.encode() + b"\n")
    return Dictionary(digest.hexdigest()[:16], WordingChecker(entries, whitelist))


def dictionary() -> Dictionary:
    """Today's dictionaries, built once per process and dictionary change."""
    token = _token()
    built: tuple[str, Dictionary] | None = getattr(_local, "built", None)
    if built is None or built[0] != token:
        built = (token, _build())
        _local.built = built
    return built[1]


@dataclass(frozen=True)
class Place:
    attachment: DocumentAttachment | None  # None: the body
    text: str


def places(document: Document) -> list[Place]:
    """The texts of ``document`` that are checked: the body (as plain text) and each attachment's text."""
    found = [Place(None, body_text(document.body))]
    found.extend(Place(attachment, attachment.text) for attachment in document.attachments.all() if attachment.text)
    return found


def check_document(document: Document, current: Dictionary | None = None) -> list[tuple[Place, Finding]]:
    used = current or dictionary()
    return [(place, finding) for place in places(document) for finding in check_text(place.text, used.checker)]


post_save.connect(invalidate, sender=WordingEntry, dispatch_uid="publishing-wording-saved")
post_delete.connect(invalidate, sender=WordingEntry, dispatch_uid="publishing-wording-deleted")
post_save.connect(invalidate, sender=WhitelistEntry, dispatch_uid="publishing-whitelist-saved")
post_delete.connect(invalidate, sender=WhitelistEntry, dispatch_uid="publishing-whitelist-deleted")
