"""The audit log's hash chain and ``gongkai audit verify`` (issue 9 item 6)."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from config.testdb.management.commands.flush import lift_audit_triggers
from gongkai.core.audit import record_event, verify_chain
from gongkai.core.chain import GENESIS_HASH, event_hash
from gongkai.core.models import AuditEvent

from ..factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _events(count: int) -> list[AuditEvent]:
    agency = AgencyFactory(code="chain", name="链测试省人民政府", level="province")
    user = UserFactory(username="chain_writer")
    made = []
    for n in range(count):
        with transaction.atomic():
            made.append(
                record_event(
                    actor=user if n % 2 else None,
                    action="test.chained",
                    obj=agency,
                    agency=agency,
                    details={"n": n, "on": dt.date(2026, 1, n + 1), "fee": Decimal("1.50"), "ratio": 2.0, "名": "值"},
                    via="test",
                )
            )
    return made


def _verify() -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    except Exception as error:  # CommandError when called in-process
        code = int(getattr(error, "returncode", 1))
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()


def _tamper(sql: str, params: list[object]) -> None:
    """What someone with the database's owner rights could do: lift the triggers and edit."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # run the deferred foreign-key checks before ALTER TABLE
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        lift_audit_triggers(connection)
        cursor.execute(sql, params)


def test_each_event_links_to_the_one_before() -> None:
    events = _events(4)
    start = events[0].sequence
    assert [e.sequence for e in events] == list(range(start, start + 4))
    assert events[0].previous_hash == (GENESIS_HASH if start == 1 else AuditEvent.objects.get(sequence=start - 1).hash)
    for before, after in itertools.pairwise(events):
        assert after.previous_hash == before.hash
    for event in AuditEvent.objects.filter(pk__in=[e.pk for e in events]):
        assert event_hash(event.chain_fields()) == event.hash  # as read back from the database


def test_verify_says_ok_in_one_chinese_line() -> None:
    _events(3)
    code, out, _err = _verify()
    assert code == 0
    assert out.strip().count("\n") == 0
    assert "审计日志完整" in out
    assert verify_chain() == (AuditEvent.objects.count(), None)


def test_an_edited_event_is_named() -> None:
    events = _events(3)
    _tamper("UPDATE core_auditevent SET actor_label = 'someone_else' WHERE id = %s", [events[1].pk])
    code, _out, err = _verify()
    assert code == 1
    assert f"第 {events[1].sequence} 条" in err
    assert f"编号 {events[1].pk}" in err
    assert "被修改" in err


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link() -> None:
    events = _events(3)
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.details = {"n": 99}
    new_hash = event_hash(forged.chain_fields())
    _tamper("UPDATE core_auditevent SET details = %s, hash = %s WHERE id = %s", ['{"n": 99}', new_hash, forged.pk])
    code, _out, err = _verify()
    assert code == 1
    assert f"第 {events[2].sequence} 条" in err
    assert "链接" in err


def test_a_deleted_event_is_named_as_missing() -> None:
    events = _events(3)
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    code, _out, err = _verify()
    assert code == 1
    assert f"缺少第 {events[1].sequence} 条" in err


def test_verify_from_the_command_line_exits_1(tmp_path: object) -> None:
    # The console script's contract: the CommandError becomes one line and exit status 1.
    events = _events(2)
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [events[0].pk])
    from gongkai.core.management.commands.audit import Command

    command = Command(stdout=StringIO(), stderr=StringIO())
    with pytest.raises(SystemExit) as exit_:
        command.run_from_argv(["gongkai", "audit", "verify"])
    assert exit_.value.code == 1
    assert command.stderr._out.getvalue().strip().startswith("错误")  # type: ignore[attr-defined]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads on PostgreSQL here; SQLite's concurrent writers are in tests/reliability")
    threads_count, per_thread = 8, 15
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads_count)

    def write(worker: int) -> None:
        try:
            barrier.wait()
            for n in range(per_thread):
                with transaction.atomic():
                    record_event(actor=None, action="test.concurrent", details={"w": worker, "n": n}, via="test")
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    count, found = verify_chain()
    assert found is None
    assert count == AuditEvent.objects.count() == threads_count * per_thread
    sequences = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, count + 1))
