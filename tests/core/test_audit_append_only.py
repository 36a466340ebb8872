"""The audit table is append-only in the database itself: every route to change or remove a row
is refused by triggers (issue 9 item 6), on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import IntegrityError, connection, models, transaction

from gongkai.core.audit import record_event
from gongkai.core.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


def _event(action: str = "test.happened") -> AuditEvent:
    with transaction.atomic():
        return record_event(actor=None, action=action, details={"n": 1}, via="test")


def _unchanged(event: AuditEvent) -> None:
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.details, stored.hash) == (event.action, event.details, event.hash)


def _refused_by_database(attempt: Callable[[], Any]) -> None:
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        attempt()


def test_the_model_and_its_queryset_refuse() -> None:
    event = _event()
    event.action = "forged"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_the_base_manager_update_and_delete_are_refused_by_the_database() -> None:
    event = _event()
    _refused_by_database(lambda: AuditEvent._base_manager.filter(pk=event.pk).update(action="forged"))
    _refused_by_database(lambda: AuditEvent._base_manager.filter(pk=event.pk).delete())
    _refused_by_database(lambda: models.QuerySet(AuditEvent).all().delete())
    _unchanged(event)


def test_saving_an_existing_row_through_the_base_model_is_refused() -> None:
    event = _event()
    event.action = "forged"
    _refused_by_database(lambda: models.Model.save(event, update_fields=["action"]))
    _refused_by_database(lambda: models.Model.delete(event))
    event.refresh_from_db()
    _unchanged(event)


def test_bulk_create_with_update_conflicts_is_refused() -> None:
    event = _event()
    forged = AuditEvent(
        pk=event.pk,
        sequence=event.sequence,
        occurred_at=event.occurred_at,
        actor_label="forger",
        action="forged",
        previous_hash=event.previous_hash,
        hash=event.hash,
    )
    _refused_by_database(
        lambda: AuditEvent.objects.bulk_create(
            [forged], update_conflicts=True, unique_fields=["id"], update_fields=["action", "actor_label"]
        )
    )
    _unchanged(event)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET action = 'forged'",
        "UPDATE core_auditevent SET details = '{}' WHERE id = %(id)s",
        "DELETE FROM core_auditevent",
        "DELETE FROM core_auditevent WHERE id = %(id)s",
    ],
)
def test_raw_sql_is_refused(sql: str) -> None:
    event = _event()

    def attempt() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql % {"id": int(event.pk)})

    _refused_by_database(attempt)
    _unchanged(event)


def test_truncate_is_refused_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's; SQLite has only DELETE (refused above)")
    event = _event()

    def attempt() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks in the way
            cursor.execute("TRUNCATE core_auditevent CASCADE")

    _refused_by_database(attempt)
    _unchanged(event)


def test_sqlite_replace_cannot_swap_a_row() -> None:
    """INSERT OR REPLACE deletes the old row without firing delete triggers: a trigger on insert refuses it."""
    if connection.vendor != "sqlite":
        pytest.skip("REPLACE is SQLite's")
    event = _event()

    def attempt() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT OR REPLACE INTO core_auditevent (id, occurred_at, actor_label, action, object_type, object_id,"
                " object_repr, details, sequence, previous_hash, hash) VALUES (%s, %s, 'forger', 'forged', '', '', '',"
                " '{}', %s, %s, %s)",
                [event.pk, event.occurred_at.isoformat(), event.sequence + 100, event.previous_hash, event.hash],
            )

    _refused_by_database(attempt)
    _unchanged(event)


def test_new_events_are_still_written() -> None:
    first, second = _event("test.first"), _event("test.second")
    assert second.sequence == first.sequence + 1
    assert AuditEvent.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def test_djangos_own_flush_cannot_empty_the_audit_table() -> None:
    """Production has no switch: Django's flush (without the test settings' override) fails on the table."""
    event = _event()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as after a commit: no pending foreign-key checks
    with pytest.raises(CommandError) as refused:
        call_command(DjangoFlush(), interactive=False, verbosity=0)
    assert "append-only" in str(refused.value.__cause__)
    _unchanged(event)


@pytest.mark.django_db(transaction=True)
def test_the_test_databases_flush_empties_the_table_and_keeps_the_triggers() -> None:
    _event()
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    event = _event()
    _refused_by_database(lambda: AuditEvent._base_manager.filter(pk=event.pk).delete())
    _unchanged(event)


def test_gongkai_check_reports_the_triggers() -> None:
    from io import StringIO

    from config.testdb.management.commands.flush import lift_audit_triggers
    from gongkai.core.audit import missing_append_only_triggers

    assert missing_append_only_triggers() == set()
    out = StringIO()
    with contextlib.suppress(CommandError):  # the test settings fail deployment checks; the trigger line matters
        call_command("doctor", stdout=out, stderr=StringIO())
    assert "✓ 审计日志只可追加" in out.getvalue()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    lift_audit_triggers(connection)  # as a table rebuild or DISABLE TRIGGER would (rolled back after the test)
    assert missing_append_only_triggers()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("doctor", stdout=out, stderr=StringIO())
    assert "✗ 审计日志不是只可追加的" in out.getvalue()
