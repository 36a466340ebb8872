"""POST /api/v1/applications and GET /api/v1/applications/{number} (public)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from gongkai.cases.models import Case
from tests.conftest import World

pytestmark = pytest.mark.django_db

BODY: dict[str, Any] = {
    "agency": "city",
    "applicant": {
        "kind": "natural_person",
        "name": "王五",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13800138000",
        "email": "wangwu@example.cn",
    },
    "description": "本市2025年度城市更新项目的立项批复文件",
    "delivery_form": "electronic",
    "delivery_method": "email",
}


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    cache.clear()


def post(client: Client, body: dict[str, Any], **headers: str) -> Any:
    return client.post("/api/v1/applications", body, content_type="application/json", headers=headers)


def test_submit_then_look_up_the_status(client: Client, world: World) -> None:
    response = post(client, BODY)
    assert response.status_code == 201
    data = response.json()
    assert set(data) == {"number", "query_code", "received_on", "status", "status_label", "due"}
    assert data["status"] == "received"
    assert data["status_label"] == "已收到，待受理"
    status = client.get(f"/api/v1/applications/{data['number']}", headers={"X-Query-Code": data["query_code"]})
    assert status.status_code == 200
    assert status.json()["agency"] == "青山市人民政府"
    assert status.json()["letters"] == []


def test_the_same_idempotency_key_gives_the_same_case(client: Client, world: World) -> None:
    first = post(client, BODY, **{"Idempotency-Key": "abc-123"})
    second = post(client, BODY, **{"Idempotency-Key": "abc-123"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["number"] == second.json()["number"]
    assert Case.objects.count() == 1
    other = post(client, {**BODY, "description": "另一项"}, **{"Idempotency-Key": "abc-123"})
    assert other.status_code == 409


def test_bad_fields_get_422_with_a_chinese_message_per_field(client: Client, world: World) -> None:
    body = {**BODY, "applicant": {**BODY["applicant"], "id_number": "110105194912310021", "email": ""}}
    response = post(client, body)
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert "校验位" in details["applicant.id_number"]
    assert "电子邮箱" in details["applicant.email"]
    assert Case.objects.count() == 0


def test_an_unknown_agency_is_404(client: Client, world: World) -> None:
    assert post(client, {**BODY, "agency": "nowhere"}).status_code == 404


def test_a_wrong_code_and_a_missing_case_look_the_same(client: Client, world: World) -> None:
    data = post(client, BODY).json()
    wrong = client.get(f"/api/v1/applications/{data['number']}", headers={"X-Query-Code": "AAAAAAAAAA"})
    missing = client.get("/api/v1/applications/不存在申〔2026〕9999号", headers={"X-Query-Code": "AAAAAAAAAA"})
    assert wrong.status_code == missing.status_code == 404
    assert wrong.json() == missing.json()


def test_failed_look_ups_are_limited_per_client(client: Client, world: World, settings: Any) -> None:
    settings.GONGKAI_STATUS_LOOKUP_FAILURES = 3
    data = post(client, BODY).json()
    for _ in range(3):
        assert client.get("/api/v1/applications/x", headers={"X-Query-Code": "A"}).status_code == 404
    limited = client.get(f"/api/v1/applications/{data['number']}", headers={"X-Query-Code": data["query_code"]})
    assert limited.status_code == 429
    assert "十分钟" in limited.json()["error"]["message"]


@pytest.mark.parametrize("bad", ["\x00", "\ud800", "\x07"])
def test_characters_that_cannot_be_stored_are_refused_not_a_500(client: Client, world: World, bad: str) -> None:
    raw = json.dumps({**BODY, "description": f"信息{bad}内容"})  # escaped: \\ud800 as a JSON client sends it
    response = client.post("/api/v1/applications", raw, content_type="application/json")
    assert response.status_code == 422
    assert "description" in response.json()["error"]["details"]
    if bad != "\ud800":  # a URL cannot carry a lone surrogate at all
        odd = client.get(f"/api/v1/applications/a{bad}b", headers={"X-Query-Code": "A"})
        assert odd.status_code == 404


def test_behind_a_proxy_the_limit_counts_each_client_not_the_proxy(client: Client, world: World, settings: Any) -> None:
    settings.GONGKAI_BEHIND_PROXY = True
    settings.GONGKAI_STATUS_LOOKUP_FAILURES = 2
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(2):
        wrong = client.get(
            "/api/v1/applications/x", headers={"X-Query-Code": "A", "X-Forwarded-For": "1.2.3.4"}, **proxy
        )
        assert wrong.status_code == 404
    limited = client.get("/api/v1/applications/x", headers={"X-Query-Code": "A", "X-Forwarded-For": "1.2.3.4"}, **proxy)
    assert limited.status_code == 429
    other = client.get("/api/v1/applications/x", headers={"X-Query-Code": "A", "X-Forwarded-For": "5.6.7.8"}, **proxy)
    assert other.status_code == 404  # another citizen behind the same proxy is not locked out
