"""API tokens for the staff endpoints: made, found and revoked here, nowhere else.

A token reads ``gk_<prefix>_<secret>``: the prefix (8 characters) is stored as it is and names
the token in lists and audit events; the whole token is stored only as its SHA-256 (a random
secret of 256 bits needs no slow hash). ``token_create`` returns the token once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from .audit import Actor, record_event
from .errors import Conflict, NotFound, ValidationFailed
from .models import ApiToken

TOKEN_PREFIX = "gk_"  # noqa: S105  (a marker, not a secret)
LABEL_MAX = 100
# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_EVERY = timedelta(minutes=5)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_prefix() -> str:
    while True:
        prefix = secrets.token_hex(4)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            return prefix


def token_create(*, actor: Actor, user: Any, label: str = "", via: str | None = None) -> tuple[ApiToken, str]:
    """Make a token for ``user`` (active staff); return the row and the token, shown this once."""
    label = label.strip()
    if len(label) > LABEL_MAX:
        raise ValidationFailed(_("The label is at most %(max)d characters.") % {"max": LABEL_MAX})
    if not user.is_active:
        raise ValidationFailed(_("“%(user)s” is not an active user.") % {"user": user.get_username()})
    with transaction.atomic():
        prefix = _new_prefix()
        token = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        row = ApiToken.objects.create(user=user, label=label, prefix=prefix, digest=_digest(token))
        record_event(
            actor=actor,
            action="token.created",
            obj=row,
            details={"prefix": prefix, "user": user.get_username(), "label": label},
            via=via,
        )
    return row, token


def token_revoke(*, actor: Actor, prefix: str, via: str | None = None) -> ApiToken:
    """Revoke the token with this prefix (``gk_`` and the secret part may be included)."""
    wanted = prefix.strip().removeprefix(TOKEN_PREFIX).split("_", 1)[0]
    with transaction.atomic():
        row = ApiToken.objects.select_for_update().select_related("user").filter(prefix=wanted).first()
        if row is None:
            raise NotFound(_("No API token with the prefix “%(prefix)s”.") % {"prefix": wanted})
        if row.revoked_at is not None:
            raise Conflict(_("The API token “%(prefix)s” is already revoked.") % {"prefix": wanted})
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at", "updated_at"])
        record_event(
            actor=actor,
            action="token.revoked",
            obj=row,
            details={"prefix": row.prefix, "user": row.user.get_username()},
            via=via,
        )
    return row


def user_for_token(token: str) -> Any | None:
    """The active user a valid, unrevoked token acts as, or ``None``."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    prefix = token.removeprefix(TOKEN_PREFIX).split("_", 1)[0]
    row = ApiToken.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if row is None or not constant_time_compare(row.digest, _digest(token)) or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
