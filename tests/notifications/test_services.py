"""The outbox: once per event, delivery by claim, retries after a failure, quiet hours, the failure list."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from gongkai.core.errors import InvalidTransition, PermissionDenied
from gongkai.core.models import AuditEvent
from gongkai.notifications import services
from gongkai.notifications.models import Channel, Notification, NotificationStatus
from gongkai.notifications.services import Recipient, deliver, notify, send_due

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
S = NotificationStatus
DAY = datetime(2026, 12, 3, 10, 0, tzinfo=BEIJING)
NIGHT = datetime(2026, 12, 3, 22, 0, tzinfo=BEIJING)
VALUES = {
    "number": "青山市人民政府申〔2026〕0001号",
    "agency": "青山市人民政府",
    "received_on": "2026-12-03",
    "due": "2026-12-31",
    "link": "http://x/apply/status/",
}


class FlakySms:
    """Fails the first ``fail`` sends, then succeeds; remembers what it sent."""

    fail: ClassVar[int] = 1
    sent: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> None:
        if FlakySms.fail > 0:
            FlakySms.fail -= 1
            raise ConnectionError("provider unreachable")
        FlakySms.sent.append((phone, text))


@pytest.fixture(autouse=True)
def flaky_sms(settings: Any) -> None:
    settings.GONGKAI_SMS_BACKEND = "tests.notifications.test_services.FlakySms"
    settings.GONGKAI_SMS_QUIET_HOURS = "21:00-08:00"
    FlakySms.fail = 0
    FlakySms.sent = []


def applicant() -> list[Recipient]:
    return [Recipient(Channel.EMAIL, "zhang@example.cn"), Recipient(Channel.SMS, "13800138000")]


def test_one_message_per_event_channel_and_recipient() -> None:
    first = notify(event_key="case:1:step:1", kind="receipt", recipients=applicant(), values=VALUES, now=DAY)
    again = notify(event_key="case:1:step:1", kind="receipt", recipients=applicant(), values=VALUES, now=DAY)
    assert len(first) == 2
    assert again == []
    assert Notification.objects.count() == 2
    email = Notification.objects.get(channel="email")
    assert "青山市人民政府申〔2026〕0001号" in email.subject
    assert "2026-12-31" in email.body
    assert "查询码" in email.body  # tells where to look, never the code itself


def test_an_email_is_sent_once_even_if_delivered_twice() -> None:
    (row,) = notify(event_key="k", kind="receipt", recipients=applicant()[:1], values=VALUES, now=DAY)
    assert deliver(row.pk, now=DAY) == S.SENT
    assert deliver(row.pk, now=DAY) == ""
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zhang@example.cn"]
    row.refresh_from_db()
    assert row.sent_at is not None
    assert row.attempts == 1


def test_a_text_message_waits_out_the_quiet_hours() -> None:
    (_, sms) = notify(event_key="k", kind="receipt", recipients=applicant(), values=VALUES, now=NIGHT)
    assert sms.not_before == datetime(2026, 12, 4, 8, 0, tzinfo=BEIJING)
    assert send_due(NIGHT) == {S.SENT: 1}  # the e-mail goes at once
    assert FlakySms.sent == []
    assert send_due(datetime(2026, 12, 4, 7, 59, tzinfo=BEIJING)) == {}
    assert send_due(datetime(2026, 12, 4, 8, 0, tzinfo=BEIJING)) == {S.SENT: 1}
    assert FlakySms.sent[0][0] == "13800138000"
    assert "青山市人民政府" in FlakySms.sent[0][1]


def test_a_failure_is_retried_later_and_then_sent() -> None:
    FlakySms.fail = 1
    (row,) = notify(event_key="k", kind="receipt", recipients=applicant()[1:], values=VALUES, now=DAY)
    assert deliver(row.pk, now=DAY) == S.QUEUED
    row.refresh_from_db()
    assert row.last_error.startswith("ConnectionError")
    assert row.not_before == DAY + services.RETRY_AFTER[0]
    assert send_due(DAY) == {}  # not yet
    assert send_due(DAY + timedelta(minutes=1)) == {S.SENT: 1}
    assert len(FlakySms.sent) == 1


def test_after_every_attempt_a_message_is_failed_and_listed() -> None:
    FlakySms.fail = 100
    (row,) = notify(event_key="k", kind="receipt", recipients=applicant()[1:], values=VALUES, now=DAY)
    moment = DAY
    for _ in range(services.MAX_ATTEMPTS):
        deliver(row.pk, now=moment)
        moment += timedelta(days=1)
    row.refresh_from_db()
    assert row.status == S.FAILED
    assert row.attempts == services.MAX_ATTEMPTS
    assert send_due(moment) == {}


def test_a_stale_claim_is_sent_again() -> None:
    (row,) = notify(event_key="k", kind="receipt", recipients=applicant()[:1], values=VALUES, now=DAY)
    Notification.objects.filter(pk=row.pk).update(status=S.SENDING, claimed_at=DAY)
    assert deliver(row.pk, now=DAY + timedelta(minutes=1)) == ""  # another worker may still be on it
    assert deliver(row.pk, now=DAY + services.STALE_CLAIM + timedelta(seconds=1)) == S.SENT


def test_workspace_messages_need_no_sending(world: Any) -> None:
    user = world.users["handler"]
    (row,) = notify(event_key="k", kind="assigned", recipients=[Recipient(Channel.WORKSPACE, "", user)], values=VALUES)
    assert row.status == S.SENT
    assert row.recipient == f"user:{user.pk}"
    assert services.mark_read(user, [row.pk]) == 1
    assert services.mark_read(world.users["head"], [row.pk]) == 0  # only one's own


def test_a_failed_message_is_queued_again_by_an_administrator_only(world: Any) -> None:
    FlakySms.fail = 100
    (row,) = notify(event_key="k", kind="receipt", recipients=applicant()[1:], values=VALUES, now=DAY)
    Notification.objects.filter(pk=row.pk).update(status=S.FAILED, attempts=5)
    with pytest.raises(PermissionDenied):
        services.notification_retry(actor=world.users["head"], row=row)
    again = services.notification_retry(actor=world.users["admin"], row=row)
    assert again.status == S.QUEUED
    assert again.attempts == 0
    assert AuditEvent.objects.filter(action="notification.retried").count() == 1
    with pytest.raises(InvalidTransition):
        services.notification_retry(actor=world.users["admin"], row=row)


def test_the_queue_delivers_once_the_transaction_commits(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # resets the backends
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(event_key="q", kind="receipt", recipients=applicant()[:1], values=VALUES)
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.get().status == S.SENT
