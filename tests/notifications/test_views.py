"""My messages in the workspace, and the failure list for the platform's administrators."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.notifications.models import Channel, Notification, NotificationStatus
from gongkai.notifications.services import Recipient, notify

pytestmark = pytest.mark.django_db
VALUES = {
    "number": "青山市人民政府申〔2026〕0001号",
    "agency": "青山市人民政府",
    "due": "2026-12-31",
    "link": "/staff/cases/1/",
}


def client_for(world: Any, who: str) -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def test_my_messages_show_mine_only_and_can_be_marked_read(world: Any) -> None:
    handler = world.users["handler"]
    (mine,) = notify(
        event_key="a", kind="assigned", recipients=[Recipient(Channel.WORKSPACE, "", handler)], values=VALUES
    )
    notify(
        event_key="b", kind="overdue", recipients=[Recipient(Channel.WORKSPACE, "", world.users["head"])], values=VALUES
    )
    page = client_for(world, "handler").get("/staff/notifications/").content.decode()
    assert "已分办给您" in page
    assert "已超期" not in page
    assert "1 条未读消息" in page
    client_for(world, "head").post("/staff/notifications/read/", {"id": [mine.pk]})
    mine.refresh_from_db()
    assert mine.read_at is None  # another's message is not theirs to mark
    client_for(world, "handler").post("/staff/notifications/read/", {"all": "1"})
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_the_failure_list_is_for_administrators_and_queues_again(world: Any) -> None:
    (row,) = notify(event_key="c", kind="receipt", recipients=[Recipient(Channel.EMAIL, "a@example.cn")], values=VALUES)
    Notification.objects.filter(pk=row.pk).update(
        status=NotificationStatus.FAILED, attempts=5, last_error="SMTPServerDisconnected"
    )
    assert client_for(world, "head").get("/staff/notifications/failed/").status_code == 404
    admin = client_for(world, "admin")
    page = admin.get("/staff/notifications/failed/").content.decode()
    assert "a@example.cn" in page
    assert "SMTPServerDisconnected" in page
    assert client_for(world, "head").post(f"/staff/notifications/failed/{row.pk}/retry/").status_code == 404
    admin.post(f"/staff/notifications/failed/{row.pk}/retry/")
    row.refresh_from_db()
    assert row.status == NotificationStatus.QUEUED


def test_the_navigation_links_to_my_messages(world: Any) -> None:
    assert "/staff/notifications/" in client_for(world, "handler").get("/staff/").content.decode()
