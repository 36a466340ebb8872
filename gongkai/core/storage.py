"""Files in Django storage, never in rows: save bytes under a generated name, open them, delete them.

Every app that keeps files (report uploads today; attachments, issued letters and document files
next) stores them with ``store_bytes`` and keeps on its row only the storage name (a
``FileField``), the size and the SHA-256 of the content. The storage name is generated —
``<folder>/<yyyy>/<mm>/<32 hex digits><suffix>`` — and never derived from the uploaded name, so a
file name cannot choose where the file lands, overwrite another file or collide with one. The
uploaded name is kept on the row for display and downloads only.

Which storage is used is Django's ``STORAGES["default"]`` (the file system under ``MEDIA_ROOT``
by default; object storage by setting), so moving a deployment changes no code.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.translation import gettext as _

_FOLDER = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,10}$")


class StoredFileDamaged(Exception):
    """A stored file whose content no longer matches the hash kept on its row."""


@dataclass(frozen=True)
class StoredFile:
    """Where a file was stored and what it holds."""

    name: str  # the storage name, for the row's FileField
    sha256: str  # 64 lower-case hex digits
    size: int


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_suffix(name: str) -> str:
    """The file-name extension of ``name`` when it is a plain one (".pdf"), else ""."""
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > name.rfind("/") and dot >= 0 else ""
    return suffix if _SUFFIX.match(suffix) else ""


UPLOADED_NAME_MAX = 255
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff\"]")


def display_name(name: str) -> str:
    """An uploaded file's name as shown and offered on download: no folders, no control characters."""
    base = re.split(r"[/\\]", name)[-1]
    base = _UNSAFE_NAME.sub("", base).strip().lstrip(".")
    if len(base) > UPLOADED_NAME_MAX:
        suffix = safe_suffix(base)
        base = base[: UPLOADED_NAME_MAX - len(suffix)] + suffix
    return base


def generated_name(folder: str, suffix: str = "") -> str:
    """A fresh storage name under ``folder``: the date and a random UUID, never a user's input."""
    if not _FOLDER.match(folder):
        raise ValueError(f"storage folder {folder!r} must be a short lower-case word")
    if suffix and not _SUFFIX.match(suffix):
        raise ValueError(f"storage suffix {suffix!r} must be a dot and up to 10 letters or digits")
    today = timezone.localdate()
    return f"{folder}/{today:%Y}/{today:%m}/{uuid.uuid4().hex}{suffix}"


def store_bytes(data: bytes, *, folder: str, suffix: str = "", storage: Storage | None = None) -> StoredFile:
    """Save ``data`` under a generated name in ``folder``; the name, hash and size to keep on the row."""
    storage = storage or default_storage
    wanted = generated_name(folder, suffix)
    name = storage.save(wanted, ContentFile(data))
    if name != wanted:  # a storage that renames would break the promise of generated names
        storage.delete(name)
        raise RuntimeError(f"storage renamed {wanted!r} to {name!r}")
    return StoredFile(name=name, sha256=sha256_of(data), size=len(data))


def read_bytes(name: str, *, sha256: str = "", storage: Storage | None = None) -> bytes:
    """The content stored under ``name``; with ``sha256``, checked against it (``StoredFileDamaged``)."""
    storage = storage or default_storage
    with storage.open(name, "rb") as handle:
        data: bytes = handle.read()
    if sha256 and sha256_of(data) != sha256:
        raise StoredFileDamaged(name)
    return data


def delete_stored(names: Iterable[str], *, storage: Storage | None = None) -> None:
    """Delete the stored files ``names`` (missing ones are ignored)."""
    storage = storage or default_storage
    for name in names:
        if name:
            storage.delete(name)


def delete_after_commit(names: Iterable[str], *, storage: Storage | None = None) -> None:
    """Delete the stored files once the current transaction commits (never when it rolls back)."""
    kept = [name for name in names if name]
    if kept:
        transaction.on_commit(lambda: delete_stored(kept, storage=storage))


def delete_files_with_rows(model: type[models.Model], *fields: str) -> None:
    """Delete a row's stored files (its ``fields``, FileFields) when the row is deleted and committed."""

    def on_delete(sender: type[models.Model], instance: models.Model, **kwargs: object) -> None:
        delete_after_commit(getattr(instance, field).name for field in fields)

    post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=f"delete-files:{model._meta.label}")


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def web_roots() -> list[Path]:
    """Folders whose files the web server hands out: STATIC_ROOT and every static source folder."""
    from django.contrib.staticfiles.finders import get_finders
    from django.core.files.storage import FileSystemStorage

    roots = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for finder in get_finders():
        for storage in getattr(finder, "storages", {}).values():
            if isinstance(storage, FileSystemStorage):
                roots.append(Path(storage.location))
    return [root.resolve() for root in roots]


@register(Tags.security)
def media_root_outside_web_root(app_configs: Any, **kwargs: Any) -> list[Error]:
    """MEDIA_ROOT holds uploaded files: never inside a folder the web server serves, nor around one."""
    if not settings.MEDIA_ROOT:
        return [Error(_("MEDIA_ROOT is not set; uploaded files would land in the working folder."), id="gongkai.E010")]
    media = Path(settings.MEDIA_ROOT).resolve()
    for root in web_roots():
        if _inside(media, root) or _inside(root, media):
            return [
                Error(
                    _("MEDIA_ROOT (%(media)s) overlaps the web root %(root)s: uploaded files would be served.")
                    % {"media": media, "root": root},
                    hint=_("Set GONGKAI_MEDIA_ROOT to a folder of its own, e.g. var/media."),
                    id="gongkai.E011",
                )
            ]
    return []
