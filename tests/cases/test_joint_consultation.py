"""联合会商: who records one, what it must say, and its place in the case's timeline and page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.cases import services
from gongkai.cases.models import JointConsultation
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from tests.conftest import World

from .builders import assigned

pytestmark = pytest.mark.django_db

PARTICIPANTS = "市教育局\n市财政局\n"


def test_the_handler_records_one_in_the_timeline(world: World) -> None:
    case = assigned(world)
    record = services.case_record_joint_consultation(
        case, actor=world.users["handler"], held_on=date(2026, 9, 10), participants=PARTICIPANTS, conclusion="可以公开"
    )
    assert record.participants == "市教育局\n市财政局"
    event = case.events.get(action="joint_consultation")
    assert (event.on, event.clock_event, event.note) == (date(2026, 9, 10), "", "可以公开")
    assert AuditEvent.objects.filter(action="case.joint_consultation").count() == 1
    services.case_record_joint_consultation(
        case, actor=world.users["head"], held_on=date(2026, 9, 11), participants=PARTICIPANTS, conclusion="再议"
    )
    assert JointConsultation.objects.filter(case=case).count() == 2


@pytest.mark.parametrize("who", ["registrar", "supervisor", "county_handler"])
def test_others_may_not(world: World, who: str) -> None:
    case = assigned(world)
    with pytest.raises(PermissionDenied):
        services.case_record_joint_consultation(
            case, actor=world.users[who], held_on=date(2026, 9, 10), participants=PARTICIPANTS, conclusion="x"
        )


@pytest.mark.parametrize(
    ("held_on", "participants", "conclusion", "field"),
    [
        (timezone.localdate() + timedelta(days=1), PARTICIPANTS, "x", "held_on"),
        (date(2026, 8, 31), PARTICIPANTS, "x", "held_on"),  # before the case was received
        (date(2026, 9, 10), "市教育局\n  \n", "x", "participants"),
        (date(2026, 9, 10), PARTICIPANTS, "  ", "conclusion"),
    ],
)
def test_validation(world: World, held_on: date, participants: str, conclusion: str, field: str) -> None:
    case = assigned(world)
    with pytest.raises(ValidationFailed) as caught:
        services.case_record_joint_consultation(
            case, actor=world.users["handler"], held_on=held_on, participants=participants, conclusion=conclusion
        )
    assert set(caught.value.details) == {field}
    assert not JointConsultation.objects.exists()
    assert not case.events.filter(action="joint_consultation").exists()


def test_page_form_and_section(client: Client, world: World) -> None:
    case = assigned(world)
    client.force_login(world.users["handler"])
    url = reverse("cases:joint_consultation", args=[case.pk])
    client.post(url, {"held_on": "2026-09-10", "participants": PARTICIPANTS, "conclusion": "依法公开"})
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "依法公开" in page
    assert "市财政局" in page
    client.post(url, {"held_on": "不是日期", "participants": PARTICIPANTS, "conclusion": "再议"})
    assert JointConsultation.objects.count() == 1
    client.force_login(world.users["registrar"])
    assert 'name="participants"' not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    client.post(url, {"held_on": "2026-09-11", "participants": PARTICIPANTS, "conclusion": "再议"})
    assert JointConsultation.objects.count() == 1
