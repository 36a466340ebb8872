"""The state-machine helper: declared moves only, re-read under lock, one audit event per move."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps.registry import Apps
from django.db import connection, connections, models, transaction

from gongkai.core.errors import InvalidTransition, NotFound
from gongkai.core.models import AuditEvent, TimeStampedModel
from gongkai.core.states import StateMachine, transition

from ..factories import AgencyFactory, UserFactory

# A throw-away model in its own registry: migrations and the app registry never see it.
_apps = Apps()


class GadgetStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    CONFIRMED = "confirmed", "已确认"
    IN_USE = "in_use", "使用中"
    WITHDRAWN = "withdrawn", "已撤回"


class Gadget(TimeStampedModel):
    title = models.CharField(max_length=50)
    status = models.CharField(max_length=20, choices=GadgetStatus.choices, default=GadgetStatus.DRAFT)
    phase = models.CharField(max_length=20, choices=GadgetStatus.choices, default=GadgetStatus.DRAFT)

    class Meta:
        app_label = "states_test"
        apps = _apps

    def __str__(self) -> str:
        return self.title


MACHINE = StateMachine(
    "测试对象",
    GadgetStatus,
    {
        GadgetStatus.DRAFT: [GadgetStatus.CONFIRMED, GadgetStatus.WITHDRAWN],
        GadgetStatus.CONFIRMED: [GadgetStatus.IN_USE, GadgetStatus.DRAFT],
    },
)


@pytest.fixture(scope="module")
def gadget_table(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(Gadget)
        yield
        with connection.schema_editor() as editor:
            editor.delete_model(Gadget)


@pytest.fixture
def gadget(gadget_table: None, db: None) -> Gadget:
    return Gadget.objects.create(title="二〇二七年安排")


def move(obj: Gadget, to: str, **kwargs: Any) -> Gadget:
    with transaction.atomic():
        return transition(obj, machine=MACHINE, to=to, actor=None, action="gadget.moved", via="test", **kwargs)


# --- the machine itself --------------------------------------------------------------------------


def test_allowed_follows_the_declared_moves() -> None:
    assert MACHINE.allowed("draft", "confirmed")
    assert MACHINE.allowed(GadgetStatus.CONFIRMED, GadgetStatus.IN_USE)
    assert not MACHINE.allowed("draft", "in_use")
    assert not MACHINE.allowed("draft", "draft")  # staying put is not a move unless declared
    assert not MACHINE.allowed("in_use", "draft")  # a state without an entry is final
    assert not MACHINE.allowed("nonsense", "draft")
    assert MACHINE.targets("draft") == {"confirmed", "withdrawn"}
    assert MACHINE.targets("withdrawn") == frozenset()


def test_check_names_both_states_in_chinese() -> None:
    with pytest.raises(InvalidTransition) as caught:
        MACHINE.check("draft", "in_use")
    assert caught.value.message == "测试对象不能从“草稿”改为“使用中”。"
    assert caught.value.code == "invalid_transition"
    assert caught.value.status == 409
    assert caught.value.details == {"from": "draft", "to": "in_use"}


def test_check_passes_a_declared_move() -> None:
    MACHINE.check("confirmed", "in_use")  # no exception


def test_undeclared_states_are_refused_when_the_machine_is_built() -> None:
    with pytest.raises(ValueError, match="typo"):
        StateMachine("测试对象", GadgetStatus, {GadgetStatus.DRAFT: ["typo"]})
    with pytest.raises(ValueError, match="ghost"):
        StateMachine("测试对象", GadgetStatus, {"ghost": [GadgetStatus.DRAFT]})


def test_label_of_an_unknown_state_is_the_value() -> None:
    assert MACHINE.label("in_use") == "使用中"
    assert MACHINE.label("ghost") == "ghost"


# --- transition() --------------------------------------------------------------------------------


def test_transition_saves_the_state_and_records_from_and_to(gadget: Gadget) -> None:
    user = UserFactory(username="mover")
    agency = AgencyFactory(code="st-city", name="青山市人民政府")
    with transaction.atomic():
        transition(
            gadget,
            machine=MACHINE,
            to=GadgetStatus.CONFIRMED,
            actor=user,
            action="gadget.confirmed",
            agency=agency,
            details={"reason": "核对无误"},
        )
    gadget.refresh_from_db()
    assert gadget.status == "confirmed"
    event = AuditEvent.objects.get(action="gadget.confirmed")
    assert event.details == {"from": "draft", "to": "confirmed", "reason": "核对无误"}
    assert event.actor == user
    assert event.agency == agency
    assert event.object_type == "states_test.gadget"
    assert event.object_id == str(gadget.pk)
    assert event.object_repr == "二〇二七年安排"


def test_transition_saves_only_the_state_field_and_updated_at(gadget: Gadget) -> None:
    before = gadget.updated_at
    Gadget.objects.filter(pk=gadget.pk).update(title="别处改过的标题")
    gadget.title = "内存里未保存的标题"
    move(gadget, GadgetStatus.CONFIRMED)
    row = Gadget.objects.get(pk=gadget.pk)
    assert row.title == "别处改过的标题"  # the unsaved in-memory title did not leak into the row
    assert row.status == "confirmed"
    assert row.updated_at > before


def test_an_undeclared_move_raises_and_changes_nothing(gadget: Gadget) -> None:
    with pytest.raises(InvalidTransition, match="不能从“草稿”改为“使用中”"):
        move(gadget, GadgetStatus.IN_USE)
    assert Gadget.objects.get(pk=gadget.pk).status == "draft"
    assert not AuditEvent.objects.filter(action="gadget.moved").exists()


def test_transition_checks_the_row_not_the_stale_object(gadget: Gadget) -> None:
    stale = Gadget.objects.get(pk=gadget.pk)  # still says draft
    move(gadget, GadgetStatus.CONFIRMED)
    move(gadget, GadgetStatus.IN_USE)
    # draft → withdrawn is allowed, but the row is "in use" now: the move is refused.
    with pytest.raises(InvalidTransition, match="不能从“使用中”改为“已撤回”"):
        move(stale, GadgetStatus.WITHDRAWN)
    assert Gadget.objects.get(pk=gadget.pk).status == "in_use"
    assert AuditEvent.objects.filter(action="gadget.moved").count() == 2


def test_a_chain_of_moves_records_one_event_each(gadget: Gadget) -> None:
    move(gadget, GadgetStatus.CONFIRMED)
    move(gadget, GadgetStatus.DRAFT)
    move(gadget, GadgetStatus.WITHDRAWN)
    steps = [(e.details["from"], e.details["to"]) for e in AuditEvent.objects.filter(action="gadget.moved")]
    assert sorted(steps) == sorted([("draft", "confirmed"), ("confirmed", "draft"), ("draft", "withdrawn")])


def test_another_field_can_carry_the_state(gadget: Gadget) -> None:
    move(gadget, GadgetStatus.CONFIRMED, field="phase")
    row = Gadget.objects.get(pk=gadget.pk)
    assert (row.status, row.phase) == ("draft", "confirmed")


@pytest.mark.django_db(transaction=True)
def test_transition_outside_a_transaction_is_a_programming_error(gadget_table: None) -> None:
    gadget = Gadget.objects.create(title="无事务")
    try:
        with pytest.raises(RuntimeError, match="inside a transaction"):
            transition(gadget, machine=MACHINE, to="confirmed", actor=None, action="gadget.moved")
        assert Gadget.objects.get(pk=gadget.pk).status == "draft"
    finally:
        Gadget.objects.all().delete()


def test_a_deleted_row_is_not_found(gadget: Gadget) -> None:
    Gadget.objects.filter(pk=gadget.pk).delete()
    with pytest.raises(NotFound):
        move(gadget, GadgetStatus.CONFIRMED)


def _wait_until_someone_waits_for_a_lock() -> None:
    """Release the first mover only once the second is blocked on the row lock (the case to prove)."""
    for _ in range(100):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    raise AssertionError("the second mover never waited for the row lock")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_moves_cannot_both_pass(gadget_table: None) -> None:
    """The first mover holds the row lock; the second waits, then sees the new state and is refused."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers (IMMEDIATE transactions) instead")
    gadget = Gadget.objects.create(title="并发")
    first_has_lock = threading.Event()
    release_first = threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                transition(gadget, machine=MACHINE, to="confirmed", actor=None, action="gadget.moved")
                first_has_lock.set()
                release_first.wait(10)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            stale = Gadget.objects.get(pk=gadget.pk)
            first_has_lock.wait(10)
            with transaction.atomic():
                transition(stale, machine=MACHINE, to="withdrawn", actor=None, action="gadget.moved")
            outcome["second"] = "passed"
        except InvalidTransition as error:
            outcome["second"] = error.message
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_has_lock.wait(10)
    _wait_until_someone_waits_for_a_lock()
    release_first.set()
    for thread in threads:
        thread.join(20)
    try:
        assert outcome["second"] == "测试对象不能从“已确认”改为“已撤回”。"
        assert Gadget.objects.get(pk=gadget.pk).status == "confirmed"
        assert AuditEvent.objects.filter(action="gadget.moved").count() == 1
    finally:
        Gadget.objects.all().delete()
