"""The staff pages for cases: lists, the case page, a step taken from the page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.cases.models import CaseStatus
from tests.conftest import World

from .builders import assigned, registered

pytestmark = pytest.mark.django_db


def logged_in(world: World, who: str) -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def test_the_lists_show_the_users_cases(world: World) -> None:
    case = assigned(world)
    body = logged_in(world, "handler").get("/staff/cases/").content.decode()
    assert case.number in body
    assert "申请" in body
    mine = logged_in(world, "handler").get("/staff/cases/?view=mine").content.decode()
    assert case.number in mine
    unassigned = logged_in(world, "handler").get("/staff/cases/?view=unassigned").content.decode()
    assert case.number not in unassigned
    other = logged_in(world, "other_handler").get("/staff/cases/").content.decode()
    assert case.number not in other
    found = logged_in(world, "head").get("/staff/cases/", {"view": "all", "q": "老旧小区"}).content.decode()
    assert case.number in found


def test_the_case_page_masks_for_others_and_shows_the_steps(world: World) -> None:
    case = assigned(world)
    registrar = logged_in(world, "registrar").get(f"/staff/cases/{case.pk}/").content.decode()
    assert "110105********002X" in registrar
    assert "11010519491231002X" not in registrar
    handler = logged_in(world, "handler").get(f"/staff/cases/{case.pk}/").content.decode()
    assert "11010519491231002X" in handler
    assert "要求补正" in handler  # a step the handler may take
    assert "审核通过" not in handler and "答复已审核" not in handler  # noqa: PT018 - the head's step is not offered
    assert ">补正期限</label>" in handler  # field labels in Chinese, not the API field names
    assert "correction_due</label>" not in handler


def test_other_agencies_get_404(world: World) -> None:
    case = registered(world)
    assert logged_in(world, "other_handler").get(f"/staff/cases/{case.pk}/").status_code == 404
    assert (
        logged_in(world, "other_handler").post(f"/staff/cases/{case.pk}/act/", {"action": "close"}).status_code == 404
    )


def test_a_step_from_the_page(world: World) -> None:
    case = assigned(world)
    client = logged_in(world, "handler")
    response = client.post(
        f"/staff/cases/{case.pk}/act/",
        {"action": "request_correction", "correction_due": "2026-09-18", "text": "请补充年份", "on": "2026-09-03"},
        follow=True,
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CORRECTION
    refused = client.post(f"/staff/cases/{case.pk}/act/", {"action": "approve_reply"}, follow=True).content.decode()
    assert "负责人" in refused
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CORRECTION


def test_the_page_of_an_unassigned_case_shows_no_handler(world: World) -> None:
    case = registered(world)
    response = logged_in(world, "registrar").get(f"/staff/cases/{case.pk}/")
    assert response.status_code == 200
    assert "<dt>承办人</dt><dd>—</dd>" in response.content.decode()


def test_the_case_page_shows_the_working_days_used_and_left(world: World) -> None:
    from gongkai.cases.clock import case_clock

    case = registered(world, timezone.localdate())
    body = logged_in(world, "head").get(f"/staff/cases/{case.pk}/").content.decode()
    result = case_clock(case)
    assert result is not None
    assert result.state is not None
    assert result.state.working_days_left
    assert f"已用 {result.state.working_days_used} 个，剩余 {result.state.working_days_left} 个" in body
