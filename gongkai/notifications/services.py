"""Queue and deliver notifications (the outbox in ``models``); one place decides what is sent how.

``notify`` writes the rows in the caller's transaction and, once it commits, hands each to the
background queue (django-tasks, ``gongkai db_worker``). ``deliver`` claims one row and sends it;
``send_due`` (``gongkai notify send``, cron or worker) sends whatever is due — messages held by
quiet hours, retries after a failure, anything a stopped queue left behind.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import InvalidTransition, NotFound
from gongkai.core.permissions import require

from .models import Channel, Notification, NotificationStatus
from .quiet import first_allowed, parse_quiet_hours
from .sms import sms_backend
from .texts import render

logger = logging.getLogger(__name__)
S = NotificationStatus
MAX_ATTEMPTS = 5
RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
STALE_CLAIM = timedelta(minutes=10)  # a row left "sending" this long by a worker that died is sent again
DEFAULT_QUIET_HOURS = "21:00-08:00"


@dataclass(frozen=True)
class Recipient:
    channel: Channel
    address: str  # e-mail address, phone number, or "" for the workspace
    user: Any = None  # the staff user (workspace messages; e-mails to staff)

    @property
    def key(self) -> str:
        return f"user:{self.user.pk}" if self.channel is Channel.WORKSPACE else self.address


def quiet_hours() -> Any:
    return parse_quiet_hours(str(getattr(settings, "GONGKAI_SMS_QUIET_HOURS", DEFAULT_QUIET_HOURS)))


def _first_allowed(channel: Channel, now: datetime) -> datetime:
    if channel is not Channel.SMS:
        return now
    zone = ZoneInfo(str(getattr(settings, "GONGKAI_SMS_TIME_ZONE", "Asia/Shanghai")))
    return first_allowed(now.astimezone(zone), quiet_hours())


def notify(
    *,
    event_key: str,
    kind: str,
    recipients: Iterable[Recipient],
    values: dict[str, Any],
    link: str = "",
    case: Any = None,
    agency: Any = None,
    now: datetime | None = None,
) -> list[Notification]:
    """Queue the message ``kind`` for each recipient, once per (event, channel, recipient).

    Call inside the transaction of the event; delivery starts when it commits.
    """
    now = now or timezone.now()
    subject, body, sms = render(kind, values)
    made: list[Notification] = []
    for recipient in recipients:
        if recipient.channel is Channel.SMS and not sms:
            continue
        fields = {
            "kind": kind,
            "user": recipient.user,
            "case": case,
            "agency": agency,
            "subject": subject,
            "body": sms if recipient.channel is Channel.SMS else body,
            "link": link,
            "not_before": _first_allowed(recipient.channel, now),
        }
        if recipient.channel is Channel.WORKSPACE:  # shown in the workspace at once: nothing to send
            fields.update(status=S.SENT, sent_at=now)
        try:
            with transaction.atomic():
                row, created = Notification.objects.get_or_create(
                    event_key=event_key, channel=recipient.channel.value, recipient=recipient.key, defaults=fields
                )
        except IntegrityError:  # the same message written at the same moment by another process
            continue
        if created:
            made.append(row)
    to_send = [(row.pk, row.not_before) for row in made if row.status == S.QUEUED]
    if to_send:
        transaction.on_commit(lambda: _enqueue(to_send))
    return made


def _enqueue(rows: list[tuple[int, datetime]]) -> None:
    """Hand rows to the background queue, each to run at its ``not_before``. A queue that cannot
    defer (the immediate backend) gets only what is due now; ``send_due`` sends the rest."""
    from .tasks import deliver_notification

    now = timezone.now()
    deferrable = deliver_notification.get_backend().supports_defer
    for pk, not_before in rows:
        try:
            if not_before <= now:
                deliver_notification.enqueue(pk)
            elif deferrable:
                deliver_notification.using(run_after=not_before).enqueue(pk)
        except Exception:  # the queue is down: the row stays queued and ``send_due`` sends it
            logger.exception("could not enqueue notification %s", pk)


def _claim(pk: int, now: datetime) -> Notification | None:
    """Take the row for sending if it is due and nobody else has it (a conditional update)."""
    due = Q(status=S.QUEUED, not_before__lte=now) | Q(status=S.SENDING, claimed_at__lt=now - STALE_CLAIM)
    taken = Notification.objects.filter(due, pk=pk).update(status=S.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    return Notification.objects.filter(pk=pk).first() if taken else None


def _send(row: Notification) -> None:
    if row.channel == Channel.EMAIL:
        sender = getattr(settings, "DEFAULT_FROM_EMAIL", None)
        EmailMessage(subject=row.subject, body=row.body, from_email=sender, to=[row.recipient]).send()
    elif row.channel == Channel.SMS:
        sms_backend().send(row.recipient, row.body)


def deliver(pk: int, *, now: datetime | None = None) -> str:
    """Send one queued notification if it is due; its status afterwards ("" if not taken)."""
    now = now or timezone.now()
    row = _claim(pk, now)
    if row is None:
        return ""
    try:
        _send(row)
    except Exception as error:  # any failure of the mail server or SMS provider: try again later
        row.last_error = f"{type(error).__name__}: {error}"[:500]
        if row.attempts >= MAX_ATTEMPTS:
            row.status = S.FAILED
        else:
            row.status = S.QUEUED
            row.not_before = _first_allowed(Channel(row.channel), now + RETRY_AFTER[row.attempts - 1])
        row.save(update_fields=["status", "last_error", "not_before"])
        logger.warning("notification %s failed (attempt %s): %s", row.pk, row.attempts, row.last_error)
        if row.status == S.QUEUED:
            _enqueue([(row.pk, row.not_before)])
        return row.status
    row.status = S.SENT
    row.sent_at = timezone.now()
    row.last_error = ""
    row.save(update_fields=["status", "sent_at", "last_error"])
    return row.status


def due_ids(now: datetime | None = None, limit: int = 1000) -> list[int]:
    now = now or timezone.now()
    due = Q(status=S.QUEUED, not_before__lte=now) | Q(status=S.SENDING, claimed_at__lt=now - STALE_CLAIM)
    return list(Notification.objects.filter(due).order_by("not_before", "id").values_list("pk", flat=True)[:limit])


def send_due(now: datetime | None = None) -> dict[str, int]:
    """Send every notification that is due now; counts by resulting status."""
    counts: dict[str, int] = {}
    for pk in due_ids(now):
        status = deliver(pk, now=now)
        if status:
            counts[status] = counts.get(status, 0) + 1
    return counts


def notification_retry(*, actor: Actor, row: Notification, via: str = "web") -> Notification:
    """Queue a failed notification again (from the failure list), audited."""
    from gongkai.agencies.permissions import is_platform_admin

    require(
        actor is not None and is_platform_admin(actor),
        _("Only the platform's administrators may send failed messages again."),
    )
    with transaction.atomic():
        locked = Notification.objects.select_for_update().filter(pk=row.pk).first()
        if locked is None:
            raise NotFound(_("The message no longer exists."))
        if locked.status != S.FAILED:
            raise InvalidTransition(_("Only a failed message can be sent again."))
        locked.status = S.QUEUED
        locked.attempts = 0
        locked.not_before = _first_allowed(Channel(locked.channel), timezone.now())
        locked.save(update_fields=["status", "attempts", "not_before"])
        record_event(
            actor=actor,
            action="notification.retried",
            obj=locked,
            agency=locked.agency,
            details={"kind": locked.kind, "channel": locked.channel},
            via=via,
        )
        again = [(locked.pk, locked.not_before)]
        transaction.on_commit(lambda: _enqueue(again))
    return locked


def mark_read(user: Any, ids: Iterable[int]) -> int:
    """Mark the user's own workspace messages read; how many changed."""
    return Notification.objects.filter(
        user=user, channel=Channel.WORKSPACE, pk__in=list(ids), read_at__isnull=True
    ).update(read_at=timezone.now())
