"""Reliability: 30 wrong passwords in a row meet a lockout, and the audit log of a real change
cannot be altered, only verified (issue 9 items 5, 6 and 11)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client

from gongkai.agencies.services import agency_update
from gongkai.core.models import AuditEvent
from tests.factories import PASSWORD


def test_thirty_wrong_passwords_are_not_answered_patiently(client: Client, world: Any) -> None:
    statuses = [
        client.post("/staff/login/", {"username": "city_handler", "password": f"guess-{n}"}).status_code
        for n in range(30)
    ]
    assert statuses[:4] == [200] * 4
    assert statuses[4:] == [429] * 26
    assert client.post("/staff/login/", {"username": "city_handler", "password": PASSWORD}).status_code == 429
    assert AuditEvent.objects.filter(action="account.locked_out").count() >= 1


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET actor_label = 'nobody'",
        "DELETE FROM core_auditevent",
    ],
)
def test_a_real_changes_audit_trail_cannot_be_rewritten(world: Any, sql: str) -> None:
    agency_update(actor=world.users["admin"], agency=world.city, name="青山市人民政府（改）", via="web")
    event = AuditEvent.objects.get(action="agency.updated")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).actor_label == event.actor_label
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "审计日志完整" in out.getvalue()
