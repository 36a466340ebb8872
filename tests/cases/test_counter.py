"""Counter and postal intake at /staff/cases/new/: the form, Art. 31 per channel, one case per form."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.cases import services
from gongkai.cases.models import Case, CaseStatus
from gongkai.core.errors import Conflict
from tests.conftest import World

from .builders import application, arrived

pytestmark = pytest.mark.django_db


def logged_in(world: World, who: str) -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def form_data(**changes: Any) -> dict[str, Any]:
    yesterday = timezone.localdate() - timedelta(days=1)
    data: dict[str, Any] = {
        "agency": "city",
        "channel": "in_person",
        "received_at": f"{yesterday:%Y-%m-%d}T09:30",
        "signed_for_on": "",
        "confirmed_on": "",
        "kind": "natural_person",
        "name": "李四",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13800138000",
        "email": "",
        "address": "青山市人民路2号",
        "description": "2025年青山市城区学校划片范围",
        "title": "",
        "document_number": "",
        "other_features": "",
        "delivery_form": "paper",
        "delivery_method": "post",
        "submission_key": "form-key-1",
    }
    data.update(changes)
    return data


def test_a_registrar_sees_the_form_with_a_fresh_key_and_only_their_agencies(world: World) -> None:
    client = logged_in(world, "registrar")
    first = client.get("/staff/cases/new/")
    second = client.get("/staff/cases/new/")
    assert first.status_code == 200
    body = first.content.decode()
    assert "青山市人民政府" in body
    assert "白云市人民政府" not in body
    assert first.context["form"]["submission_key"].value() != second.context["form"]["submission_key"].value()
    assert "登记" in body


@pytest.mark.parametrize("who", ["handler", "nobody", "supervisor"])
def test_those_who_do_not_register_get_404(world: World, who: str) -> None:
    assert logged_in(world, who).get("/staff/cases/new/").status_code == 404


def test_an_application_in_person_counts_from_the_day_it_was_handed_in(world: World) -> None:
    response = logged_in(world, "registrar").post("/staff/cases/new/", form_data())
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.status == CaseStatus.IN_PROGRESS
    assert case.channel == "in_person"
    assert case.received_on == timezone.localdate() - timedelta(days=1)
    assert "第（一）项" in case.receipt_basis
    body = response.content.decode()
    assert case.number in body
    assert services.query_code_matches(case, response.context["submitted"].query_code)


def test_post_counts_from_the_day_it_was_signed_for(world: World) -> None:
    today = timezone.localdate()
    data = form_data(
        channel="post",
        received_at=f"{today - timedelta(days=3):%Y-%m-%d}T09:00",
        signed_for_on=f"{today - timedelta(days=2):%Y-%m-%d}",
    )
    logged_in(world, "registrar").post("/staff/cases/new/", data)
    case = Case.objects.get()
    assert case.received_on == today - timedelta(days=2)
    assert "签收" in case.receipt_basis


def test_a_fax_without_the_day_of_confirmation_is_refused_with_the_article(world: World) -> None:
    response = logged_in(world, "registrar").post("/staff/cases/new/", form_data(channel="fax"))
    assert response.status_code == 200
    assert "确认日期" in response.content.decode()
    assert not Case.objects.exists()


def test_a_bad_identity_number_is_shown_at_its_field_and_nothing_is_made(world: World) -> None:
    response = logged_in(world, "registrar").post("/staff/cases/new/", form_data(id_number="110105194912310021"))
    assert response.context["form"].errors["id_number"]
    assert not Case.objects.exists()


def test_a_future_arrival_is_refused(world: World) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = logged_in(world, "registrar").post(
        "/staff/cases/new/", form_data(received_at=f"{tomorrow:%Y-%m-%d}T09:00")
    )
    assert response.context["form"].errors["received_at"]
    assert not Case.objects.exists()


def test_another_agency_cannot_be_chosen(world: World) -> None:
    response = logged_in(world, "registrar").post("/staff/cases/new/", form_data(agency="other-city"))
    assert response.context["form"].errors["agency"]
    assert not Case.objects.exists()


def test_the_same_form_sent_twice_registers_one_case(world: World) -> None:
    client = logged_in(world, "registrar")
    first = client.post("/staff/cases/new/", form_data())
    again = client.post("/staff/cases/new/", form_data())
    assert Case.objects.count() == 1
    assert first.context["submitted"].created
    assert not again.context["submitted"].created
    assert "没有重复登记" in again.content.decode()
    case = Case.objects.get()
    assert services.query_code_matches(case, again.context["submitted"].query_code)
    assert not services.query_code_matches(case, first.context["submitted"].query_code)


def test_a_new_form_registers_a_second_case(world: World) -> None:
    client = logged_in(world, "registrar")
    client.post("/staff/cases/new/", form_data())
    client.post("/staff/cases/new/", form_data(submission_key="form-key-2"))
    assert Case.objects.count() == 2


def test_the_same_key_with_other_content_is_a_conflict(world: World) -> None:
    registrar = world.users["registrar"]
    kwargs: dict[str, Any] = {
        "actor": registrar,
        "agency": world.city,
        "channel": "in_person",
        "received_at": arrived(date(2026, 9, 1)),
        "idempotency_key": "k-1",
    }
    services.case_register(application=application(), **kwargs)
    with pytest.raises(Conflict):
        services.case_register(application=application(description="另一项信息"), **kwargs)
    assert Case.objects.count() == 1


def test_the_workspace_links_to_the_form_for_registrars_only(world: World) -> None:
    assert "/staff/cases/new/" in logged_in(world, "registrar").get("/staff/cases/").content.decode()
    assert "/staff/cases/new/" not in logged_in(world, "handler").get("/staff/cases/").content.decode()
