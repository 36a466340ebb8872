"""The public pages: apply online, see the receipt once, look up the status."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from gongkai.cases.models import Case
from tests.conftest import World

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "natural_person",
    "name": "赵六",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "description": "青山市2025年度部门预算公开表",
    "delivery_form": "electronic",
    "delivery_method": "online",
}


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    cache.clear()


def test_apply_then_look_up(client: Client, world: World) -> None:
    page = client.get(f"/apply/{world.city.code}/").content.decode()
    assert "第四十三条" in page and "申请人类型" in page  # noqa: PT018
    receipt = client.post(f"/apply/{world.city.code}/", FORM).content.decode()
    case = Case.objects.get()
    assert case.number in receipt
    code = re.search(r"<dt>查询码</dt><dd><strong>([A-Z0-9]+)</strong>", receipt)
    assert code is not None
    status = client.post("/apply/status/", {"number": case.number, "code": code.group(1)}).content.decode()
    assert "已收到，待受理" in status


def test_bad_fields_are_shown_beside_the_form_and_nothing_is_saved(client: Client, world: World) -> None:
    response = client.post(f"/apply/{world.city.code}/", {**FORM, "id_number": "110105194912310021"})
    assert response.status_code == 200
    assert "校验位" in response.content.decode()
    assert Case.objects.count() == 0


def test_a_wrong_code_is_a_404_and_repeated_failures_are_limited(client: Client, world: World, settings) -> None:
    settings.GONGKAI_STATUS_LOOKUP_FAILURES = 2
    client.post(f"/apply/{world.city.code}/", FORM)
    number = Case.objects.get().number
    assert client.post("/apply/status/", {"number": number, "code": "WRONG12345"}).status_code == 404
    assert client.post("/apply/status/", {"number": "无此编号", "code": "WRONG12345"}).status_code == 404
    assert client.post("/apply/status/", {"number": number, "code": "WRONG12345"}).status_code == 429


def test_an_unknown_agency_is_404(client: Client, world: World) -> None:
    assert client.get("/apply/nowhere/").status_code == 404


@pytest.mark.parametrize(
    ("status", "shown"),
    [("reply_drafted", False), ("reply_approved", False), ("replied", True), ("closed", True)],
)
def test_the_outcome_is_shown_once_the_reply_is_issued(client: Client, world: World, status: str, shown: bool) -> None:
    from gongkai.cases import services

    from .builders import application

    submitted = services.case_submit_online(agency=world.city, application=application())
    Case.objects.filter(pk=submitted.case.pk).update(status=status, outcome="partially_disclosed")
    page = client.post("/apply/status/", {"number": submitted.case.number, "code": submitted.query_code})
    body = page.content.decode()
    assert ("部分公开" in body) is shown
    api = client.get(f"/api/v1/applications/{submitted.case.number}", headers={"X-Query-Code": submitted.query_code})
    assert api.json()["outcome"] == ("partially_disclosed" if shown else None)
    assert ("部分公开" in (api.json()["outcome_label"] or "")) is shown
