"""The library's API: public list and detail (published, proactive only), staff create/update/relate."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.core.tokens import token_create
from gongkai.documents import services
from gongkai.documents.models import Document
from tests.conftest import World
from tests.factories import UserFactory, grant

from .test_public_pages import NEW, OLD, published

pytestmark = pytest.mark.django_db


def test_public_list_filters_and_detail(world: World, client: Client) -> None:
    old = published(world, OLD)
    new = published(world, NEW)
    services.document_create(actor=None, agency=world.city, data=replace(OLD, title="草稿"))
    services.document_relate(actor=None, source=new, target=old, kind="repeals", on=date(2024, 2, 5))
    everything = client.get("/api/v1/documents").json()
    assert everything["count"] == 2
    assert {row["title"] for row in everything["items"]} == {OLD.title, NEW.title}
    found = client.get("/api/v1/documents", {"q": "鲁政办字(2020)25号"}).json()
    assert [row["id"] for row in found["items"]] == [old.pk]
    assert found["items"][0]["doc_number"] == "鲁政办字〔2020〕25号"
    assert client.get("/api/v1/documents", {"status": "repealed"}).json()["count"] == 1
    assert client.get("/api/v1/documents", {"issuer": "办公厅"}).json()["count"] == 1
    assert client.get("/api/v1/documents", {"year": 2024, "agency": world.province.code}).json()["count"] == 1
    assert client.get("/api/v1/documents", {"agency": world.other_city.code}).json()["count"] == 0
    bad = client.get("/api/v1/documents", {"status": "alive"})
    assert bad.status_code == 422
    assert "未知的效力状态" in bad.json()["error"]["message"]
    detail = client.get(f"/api/v1/documents/{old.pk}").json()
    assert detail["status"] == "repealed"
    assert detail["acted_on_by"] == [
        {"kind": "repeals", "id": new.pk, "title": NEW.title, "doc_number": "鲁政字〔2024〕28号", "on": "2024-02-05"}
    ]
    draft = Document.objects.get(title="草稿")
    assert client.get(f"/api/v1/documents/{draft.pk}").status_code == 404


@pytest.fixture
def editor_token(world: World) -> str:
    editor = UserFactory(username="city_editor")
    grant(editor, world.city, Role.EDITOR)
    return token_create(actor=None, user=editor)[1]


def call(method: str, url: str, token: str, body: Any = None) -> Any:
    client = Client()
    return getattr(client, method)(
        url, body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


def test_staff_create_update_relate_interpret(world: World, editor_token: str) -> None:
    created = call(
        "post",
        "/api/v1/staff/documents",
        editor_token,
        {
            "agency": world.city.code,
            "title": OLD.title,
            "kind": "normative",
            "doc_number": "鲁政办字［2020］25号",
            "written_on": "2020-03-02",
        },
    )
    assert created.status_code == 201, created.content
    doc = created.json()
    assert doc["state"] == "draft"
    assert doc["doc_number"] == "鲁政办字〔2020〕25号"
    changed = call("put", f"/api/v1/staff/documents/{doc['id']}", editor_token, {"topic": "政务公开"})
    assert changed.status_code == 200
    assert changed.json()["topic"] == "政务公开"
    assert changed.json()["title"] == OLD.title  # the rest kept
    target = published(world, NEW)
    related = call(
        "post", f"/api/v1/staff/documents/{doc['id']}/relations", editor_token, {"target": target.pk, "kind": "amends"}
    )
    assert related.status_code == 201
    interpreted = call(
        "post",
        f"/api/v1/staff/documents/{doc['id']}/interpretations",
        editor_token,
        {"title": "解读", "body": "一、背景"},
    )
    assert interpreted.json()["interpretations"][0]["title"] == "解读"
    listed = call("get", "/api/v1/staff/documents", editor_token)
    assert listed.json()["count"] == 2


@pytest.mark.parametrize(
    ("body", "status", "text"),
    [
        ({"agency": "city", "title": ""}, 422, "标题"),
        ({"agency": "city", "title": "x", "written_on": "2024/13/01"}, 422, "YYYY-MM-DD"),
        ({"agency": "city", "title": "x", "colour": "red"}, 422, "colour"),
        ({"agency": "city", "title": "x", "kind": "nonsense"}, 422, "nonsense"),
        ({"agency": "other-city", "title": "x"}, 404, ""),
        ({"title": "x"}, 422, ""),
    ],
)
def test_staff_create_refuses_bad_input_in_chinese(
    world: World, editor_token: str, body: Any, status: int, text: str
) -> None:
    response = call("post", "/api/v1/staff/documents", editor_token, body)
    assert response.status_code == status, response.content
    assert text in response.content.decode()
    assert not Document.objects.exists()


def test_a_handler_may_not_create(world: World) -> None:
    token = token_create(actor=None, user=world.users["handler"])[1]
    response = call("post", "/api/v1/staff/documents", token, {"agency": "city", "title": "x"})
    assert response.status_code == 403
    assert response.json()["error"]["message"]


def test_every_public_filter_and_the_agency_subtree(world: World, client: Client) -> None:
    old = published(world, OLD)  # normative, 2020, 政务公开, 办公厅
    other = published(world, replace(NEW, kind="other", topic="财政"), agency=world.county)
    url = "/api/v1/documents"

    def ids(**query: Any) -> set[int]:
        response = client.get(url, query)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["items"]}

    assert ids(kind="normative") == {old.pk}
    assert ids(kind="other") == {other.pk}
    assert ids(status="in_force") == {old.pk, other.pk}
    assert ids(issuer="山东省人民政府办公厅") == {old.pk}
    assert ids(year=2020) == {old.pk}
    assert ids(topic="财政") == {other.pk}
    assert ids(agency=world.city.code) == {old.pk, other.pk}  # the county is below the city
    assert ids(agency=world.county.code) == {other.pk}
    assert ids(agency=world.city.code, kind="other", year=2024, topic="财政") == {other.pk}
    assert ids(kind="no-such-kind") == set()
    assert ids(issuer="a\x00b", topic="\x00", q="\x00") == set()  # NUL dropped (PostgreSQL refuses it), no 500
    assert client.get(url, {"offset": 10**30, "limit": 10**30}).json()["items"] == []


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ({"year": -1}, "年份"),
        ({"year": 99999}, "年份"),
        ({"agency": "no-such-agency"}, "no-such-agency"),
        ({"status": "alive"}, "alive"),
        ({"year": "abc"}, ""),
    ],
)
def test_bad_filters_are_refused_not_a_500(world: World, client: Client, query: dict[str, Any], text: str) -> None:
    response = client.get("/api/v1/documents", query)
    assert response.status_code == 422, response.content
    assert text in response.content.decode()


def test_the_staff_list_refuses_a_bad_year_too(world: World, editor_token: str) -> None:
    response = Client().get(
        "/api/v1/staff/documents", {"year": -1, "limit": 0}, headers={"Authorization": f"Bearer {editor_token}"}
    )
    assert response.status_code == 422
