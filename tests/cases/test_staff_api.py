"""The staff case API: scoped lists, masked details, and every step with its error statuses."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.core.models import AuditEvent
from tests.conftest import World

from .builders import assigned

pytestmark = pytest.mark.django_db


def as_user(client: Client, world: World, who: str) -> Client:
    client.force_login(world.users[who])
    return client


def act(client: Client, number: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/staff/cases/{number}/actions", body, content_type="application/json")


def test_lists_are_scoped_and_paginated(client: Client, world: World) -> None:
    case = assigned(world)
    data = as_user(client, world, "handler").get("/api/v1/staff/cases").json()
    assert data["count"] == 1
    assert data["items"][0]["number"] == case.number
    assert as_user(client, world, "other_handler").get("/api/v1/staff/cases").json()["count"] == 0
    found = as_user(client, world, "head").get("/api/v1/staff/cases", {"q": "老旧小区"}).json()
    assert found["count"] == 1
    assert as_user(client, world, "head").get("/api/v1/staff/cases", {"q": "没有的词"}).json()["count"] == 0


def test_details_are_masked_except_for_the_handler_and_the_head(client: Client, world: World) -> None:
    case = assigned(world)
    masked = as_user(client, world, "registrar").get(f"/api/v1/staff/cases/{case.number}").json()
    assert masked["id_number"] == "110105********002X"
    assert masked["phone"] == "138****8000"
    assert AuditEvent.objects.filter(action="case.personal_data_viewed").count() == 0
    full = as_user(client, world, "handler").get(f"/api/v1/staff/cases/{case.number}").json()
    assert full["id_number"] == "11010519491231002X"
    assert AuditEvent.objects.filter(action="case.personal_data_viewed").count() == 1
    assert "request_correction" in full["actions"]
    assert "approve_reply" not in full["actions"]


def test_steps_and_their_error_statuses(client: Client, world: World) -> None:
    case = assigned(world)
    handler = as_user(Client(), world, "handler")
    ok = act(
        handler,
        case.number,
        {"action": "request_correction", "correction_due": "2026-09-18", "text": "请补充年份", "on": "2026-09-03"},
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == "awaiting_correction"
    assert act(handler, case.number, {"action": "issue_reply"}).status_code == 409
    assert act(handler, case.number, {"action": "receive_correction", "on": "不是日期"}).status_code == 422
    assert act(handler, case.number, {"action": "fly"}).status_code == 422
    assert act(handler, case.number, {"action": "receive_correction", "colour": "red"}).status_code == 422
    assert act(handler, case.number, {"action": "receive_correction", "on": "2026-09-08"}).status_code == 200
    draft = act(handler, case.number, {"action": "draft_reply", "outcome": "disclosed", "on": "2026-09-09"})
    assert draft.status_code == 200
    denied = act(handler, case.number, {"action": "approve_reply", "on": "2026-09-10"})
    assert denied.status_code == 403
    assert "负责人" in denied.json()["error"]["message"]
    outsider = as_user(Client(), world, "other_handler")
    assert act(outsider, case.number, {"action": "approve_reply"}).status_code == 404
    head = as_user(Client(), world, "head")
    assert act(head, case.number, {"action": "approve_reply", "on": "2026-09-10"}).json()["status"] == "reply_approved"


def test_anonymous_callers_get_401(client: Client, world: World) -> None:
    case = assigned(world)
    assert client.get("/api/v1/staff/cases").status_code == 401
    assert client.get(f"/api/v1/staff/cases/{case.number}").status_code == 401
