"""``gongkai remind``: cases due within three working days and overdue cases, once per case, person and day."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from gongkai.cases.models import Case
from gongkai.notifications.models import Notification
from gongkai.notifications.reminders import remind
from tests.cases.builders import assigned

pytestmark = pytest.mark.django_db


def test_due_soon_and_overdue_cases_are_told_to_the_handler_and_the_head(world: Any) -> None:
    soon = assigned(world, date(2026, 11, 2))
    late = assigned(world, date(2026, 10, 9))
    far = assigned(world, date(2026, 11, 30))
    Case.objects.filter(pk=soon.pk).update(due_on=date(2026, 12, 7))  # 2 working days after 3 December
    Case.objects.filter(pk=late.pk).update(due_on=date(2026, 12, 1))
    Case.objects.filter(pk=far.pk).update(due_on=date(2026, 12, 29))
    done = remind(date(2026, 12, 3))
    assert done.cases == 2
    rows = Notification.objects.filter(event_key__startswith="remind:")
    told = {(row.case_id, row.kind, row.user.username) for row in rows if row.channel == "workspace"}
    assert told == {
        (soon.pk, "due_soon", "city_handler"),
        (soon.pk, "due_soon", "city_head"),
        (late.pk, "overdue", "city_handler"),
        (late.pk, "overdue", "city_head"),
    }
    due_soon = rows.get(case=soon, kind="due_soon", user__username="city_handler")
    assert "2026-12-07" in due_soon.body
    assert "剩余2个工作日" in due_soon.body


def test_reminding_twice_a_day_tells_once_and_the_next_day_again(world: Any) -> None:
    case = assigned(world, date(2026, 10, 9))
    Case.objects.filter(pk=case.pk).update(due_on=date(2026, 12, 1))
    first = remind(date(2026, 12, 3))
    again = remind(date(2026, 12, 3))
    assert first.messages > 0
    assert again.messages == 0
    assert remind(date(2026, 12, 4)).messages == first.messages


def test_closed_and_paused_cases_are_not_reminded(world: Any) -> None:
    closed = assigned(world, date(2026, 10, 9))
    paused = assigned(world, date(2026, 10, 9))
    Case.objects.filter(pk=closed.pk).update(due_on=date(2026, 12, 1), status="closed")
    Case.objects.filter(pk=paused.pk).update(due_on=date(2026, 12, 1), clock_state="paused")
    assert remind(date(2026, 12, 3)).cases == 0


def test_the_command(world: Any) -> None:
    case = assigned(world, date(2026, 10, 9))
    Case.objects.filter(pk=case.pk).update(due_on=date(2026, 12, 1))
    out = StringIO()
    call_command("remind", "--on", "2026-12-03", stdout=out)
    assert "1 件申请即将到期或已超期" in out.getvalue()
    with pytest.raises(CommandError, match="不是有效日期"):
        call_command("remind", "--on", "3 December")
