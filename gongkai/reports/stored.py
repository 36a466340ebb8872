"""The one way in and out of a kept report's file: everything that reads the content comes here.

The downloads (staff page), the re-audit when last year's report arrives, the back office and
the background audit of an upload read the bytes with ``report_content``; the upload and the
history import store them with ``store_report_file``. The file lives in Django storage under a
generated name (``gongkai.core.storage``); the row keeps that name, the size and the SHA-256,
and the content read back is checked against the hash.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed
from gongkai.core.storage import StoredFile, StoredFileDamaged, read_bytes, safe_suffix, store_bytes

from .models import PublishedReport

FOLDER = "reports"


def store_report_file(data: bytes, file_name: str) -> StoredFile:
    """Store an uploaded report's bytes; the storage name keeps only a plain extension of ``file_name``."""
    return store_bytes(data, folder=FOLDER, suffix=safe_suffix(file_name))


def report_content(row: PublishedReport) -> bytes:
    """The file of ``row`` as uploaded, checked against its hash. ValidationFailed when it is gone or damaged."""
    try:
        return read_bytes(row.file.name, sha256=row.sha256, storage=row.file.storage)
    except (OSError, StoredFileDamaged) as error:
        raise ValidationFailed(
            _("The stored file of “%(name)s” is missing or damaged; upload it again.") % {"name": row.file_name}
        ) from error
