"""Writing audit events. Services call ``record_event`` inside their transaction."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeAlias

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .chain import ADVISORY_LOCK_KEY, GENESIS_HASH, ChainBreak, StoredEvent, event_hash, first_break, normalise_details
from .models import AuditEvent

#: Who does something: a user, an anonymous visitor, or ``None`` for the system (with ``via``).
Actor: TypeAlias = AbstractBaseUser | AnonymousUser | None

SYSTEM_ACTOR_LABEL = "system"


# How the audit log names the system's channels ("system:demo" → "系统（演示数据）").
SYSTEM_CHANNELS = {
    "demo": _("demo data"),
    "cli": _("command line"),
    "import": _("import"),
    "migration": _("data migration"),
    "admin": _("back office"),
    "web": _("web"),
    "test": _("test"),
}


def actor_display(label: str) -> str:
    """The human form of a stored ``actor_label``: users by name, the system and its channel in Chinese."""
    if label == SYSTEM_ACTOR_LABEL:
        return str(_("system"))
    prefix = f"{SYSTEM_ACTOR_LABEL}:"
    if label.startswith(prefix):
        channel = label[len(prefix) :]
        return str(_("system (%(channel)s)") % {"channel": SYSTEM_CHANNELS.get(channel, channel)})
    return label


def actor_label(actor: Actor, via: str | None = None) -> str:
    if actor is None or not actor.is_authenticated:
        return f"{SYSTEM_ACTOR_LABEL}:{via}" if via else SYSTEM_ACTOR_LABEL
    return str(actor.get_username())


def record_event(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    agency: models.Model | None = None,
    details: dict[str, Any] | None = None,
    via: str | None = None,
) -> AuditEvent:
    """Append one audit event. Must run inside the service's transaction.

    ``agency`` is the ``agencies.Agency`` the event concerns (core names no domain app's class).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must be called inside a transaction (the service's atomic block)")
    user = actor if actor is not None and actor.is_authenticated else None
    event = AuditEvent(
        actor=user,  # type: ignore[misc]  # the project's user model is django.contrib.auth's User
        actor_label=actor_label(actor, via),
        action=action,
        agency=agency,
        details=normalise_details(details),
    )
    if obj is not None:
        event.object_type = obj._meta.label_lower
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:200]
    _link_to_chain(event)
    event.save()
    return event


def _link_to_chain(event: AuditEvent) -> None:
    """Give the event the next sequence number and its hashes, holding the chain's lock.

    The lock lasts until the surrounding transaction ends, so the next writer reads this event as
    the head only once it is committed (or finds the old head again if this one rolled back).
    """
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
    # SQLite: IMMEDIATE transactions hold the database's write lock from BEGIN (see settings);
    # with any other mode the unique sequence still refuses a fork (IntegrityError, rolled back).
    head = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    event.sequence, event.previous_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    event.occurred_at = timezone.now()
    event.hash = event_hash(event.chain_fields())


def verify_chain() -> tuple[int, ChainBreak | None]:
    """Walk the whole audit log in sequence order: the number of events and the first break, if any."""
    rows = AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000)
    count = 0

    def stored() -> Iterator[StoredEvent]:
        nonlocal count
        for event in rows:
            count += 1
            yield StoredEvent(id=event.pk, hash=event.hash, fields=event.chain_fields())

    found = first_break(stored())
    return count, found


#: The append-only triggers migration core.0003 installs, by database.
APPEND_ONLY_TRIGGERS = {
    "sqlite": {"core_auditevent_no_update", "core_auditevent_no_delete", "core_auditevent_no_replace"},
    "postgresql": {"core_auditevent_append_only", "core_auditevent_no_truncate"},
}


def missing_append_only_triggers() -> set[str]:
    """The audit table's append-only triggers that are absent or disabled (e.g. dropped by a table
    rebuild in a later SQLite migration, or ``ALTER TABLE ... DISABLE TRIGGER``)."""
    connection = transaction.get_connection()
    expected = APPEND_ONLY_TRIGGERS.get(connection.vendor, set())
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_auditevent'")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'core_auditevent'::regclass"
                " AND NOT tgisinternal AND tgenabled <> 'D'"
            )
        else:
            return expected
        present = {row[0] for row in cursor.fetchall()}
    return expected - present
