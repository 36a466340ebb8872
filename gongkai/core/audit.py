"""Writing audit events. Services call ``record_event`` inside their transaction."""

from __future__ import annotations

from typing import Any, TypeAlias

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

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
        details=details or {},
    )
    if obj is not None:
        event.object_type = obj._meta.label_lower
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:200]
    event.save()
    return event
