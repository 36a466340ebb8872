"""What case steps tell whom: the applicant of the receipt, corrections, extensions and the reply;
the handler of an assignment. Nothing for a step that rolled back."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import transaction

from gongkai.cases import services
from gongkai.notifications.models import Notification
from tests.cases.builders import application, arrived

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 2)


def with_contact(**changes: Any) -> Any:
    from gongkai.cases.services import ApplicantInput

    applicant = ApplicantInput(
        kind="natural_person",
        name="张三",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="138-0013-8000",
        email="zhang@example.cn",
        **changes,
    )
    return application(applicant=applicant)


def test_the_applicant_hears_of_the_receipt_by_email_and_text(world: Any) -> None:
    submitted = services.case_submit_online(agency=world.city, application=with_contact(), now=arrived(DAY))
    assert not Notification.objects.exists()  # received online, not yet confirmed: no receipt yet
    services.case_accept(actor=world.users["registrar"], case=submitted.case, on=DAY)
    rows = {row.channel: row for row in Notification.objects.filter(kind="receipt")}
    assert set(rows) == {"email", "sms"}
    assert rows["email"].recipient == "zhang@example.cn"
    assert rows["sms"].recipient == "13800138000"
    assert submitted.case.number in rows["email"].subject
    assert submitted.query_code not in rows["email"].body + rows["sms"].body
    assert "11010519491231002X" not in rows["email"].body


def test_a_landline_gets_no_text_message_and_no_address_no_email(world: Any) -> None:
    from gongkai.cases.services import ApplicantInput

    landline = ApplicantInput(
        kind="natural_person", name="李四", id_type="resident_id", id_number="11010519491231002X", phone="0531-86061234"
    )
    services.case_register(
        actor=world.users["registrar"],
        agency=world.city,
        application=application(applicant=landline),
        channel="in_person",
        received_at=arrived(DAY),
    )
    assert not Notification.objects.filter(kind="receipt").exists()


def test_correction_extension_and_reply_are_told(world: Any) -> None:
    case = services.case_register(
        actor=world.users["registrar"],
        agency=world.city,
        application=with_contact(),
        channel="in_person",
        received_at=arrived(DAY),
    ).case
    case = services.case_assign(actor=world.users["registrar"], case=case, handler=world.users["handler"], on=DAY)
    handler = world.users["handler"]
    case = services.case_request_correction(
        actor=handler, case=case, correction_due=date(2026, 11, 20), text="请写明年份", on=DAY
    )
    correction = Notification.objects.get(kind="correction", channel="email")
    assert "2026-11-20" in correction.body
    assert "请写明年份" in correction.body
    case = services.case_receive_correction(actor=handler, case=case, on=date(2026, 11, 3))
    case = services.case_extend(
        actor=world.users["head"], case=case, working_days=20, reason="需要检索档案", on=date(2026, 11, 4)
    )
    extension = Notification.objects.get(kind="extension", channel="email")
    assert case.due_on is not None
    assert case.due_on.isoformat() in extension.body
    case = services.case_draft_reply(actor=handler, case=case, outcome="disclosed", reasons="", on=date(2026, 11, 5))
    case = services.case_approve_reply(actor=world.users["head"], case=case, on=date(2026, 11, 5))
    services.case_issue_reply(actor=handler, case=case, on=date(2026, 11, 5))
    assert Notification.objects.filter(kind="reply_issued").count() == 2  # e-mail and text


def test_the_handler_hears_of_an_assignment_in_the_workspace(world: Any) -> None:
    world.users["handler"].email = ""
    world.users["handler"].save()
    case = services.case_register(
        actor=world.users["registrar"],
        agency=world.city,
        application=application(),
        channel="in_person",
        received_at=arrived(DAY),
    ).case
    services.case_assign(actor=world.users["registrar"], case=case, handler=world.users["handler"], on=DAY)
    rows = Notification.objects.filter(kind="assigned")
    assert {row.channel for row in rows} == {"workspace"}  # the test users have no e-mail address
    inbox = rows.get(channel="workspace")
    assert inbox.user == world.users["handler"]
    assert inbox.link == f"/staff/cases/{case.pk}/"


def test_a_step_that_rolls_back_tells_nobody(world: Any) -> None:
    def register_then_fail() -> None:
        with transaction.atomic():
            services.case_register(
                actor=world.users["registrar"],
                agency=world.city,
                application=with_contact(),
                channel="in_person",
                received_at=arrived(DAY),
            )
            raise RuntimeError("undo")

    with pytest.raises(RuntimeError):
        register_then_fail()
    assert not Notification.objects.exists()


def test_the_handler_with_an_address_also_gets_an_email(world: Any) -> None:
    handler = world.users["handler"]
    handler.email = "handler@qingshan.gov.cn"
    handler.save()
    case = services.case_register(
        actor=world.users["registrar"],
        agency=world.city,
        application=application(),
        channel="in_person",
        received_at=arrived(DAY),
    ).case
    services.case_assign(actor=world.users["registrar"], case=case, handler=handler, on=DAY)
    email = Notification.objects.get(kind="assigned", channel="email")
    assert email.recipient == "handler@qingshan.gov.cn"
    assert f"/staff/cases/{case.pk}/" in email.body


def test_a_press_is_told_to_the_heads_and_the_handler(world: Any) -> None:
    from tests.cases.builders import assigned

    case = assigned(world)
    press = services.case_press(
        actor=world.users["supervisor"], agency=world.city, instruction="已超期，请于三日内答复", case=case
    )
    rows = Notification.objects.filter(kind="pressed", channel="workspace")
    assert {row.user.username for row in rows} == {"city_head", "city_handler"}
    row = rows.first()
    assert row is not None
    assert "已超期，请于三日内答复" in row.body
    assert row.event_key == f"press:{press.pk}"
    assert row.link == f"/staff/cases/{case.pk}/"
