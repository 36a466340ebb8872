"""API v1: JSON in Chinese, one error shape, staff endpoints scoped."""

from __future__ import annotations

from django.test import Client


def test_health(client: Client, db) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_public_agency_directory_is_unescaped_chinese(client: Client, world) -> None:
    response = client.get("/api/v1/agencies")
    assert response.status_code == 200
    assert "青山市人民政府".encode() in response.content  # orjson: no \\u escapes
    codes = {item["code"] for item in response.json()}
    assert {"prov", "city", "county", "other-city"} <= codes


def test_unknown_agency_has_the_error_shape(client: Client, world) -> None:
    response = client.get("/api/v1/agencies/nope")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert error["message"]  # Chinese text for people


def test_staff_endpoints_need_login(client: Client, world) -> None:
    response = client.get("/api/v1/staff/me")
    assert response.status_code == 401
    assert "error" in response.json()


def test_staff_me_lists_roles(client: Client, world) -> None:
    client.force_login(world.users["handler"])
    data = client.get("/api/v1/staff/me").json()
    assert data["username"] == "city_handler"
    assert [(m["agency_code"], m["role"], m["role_label"]) for m in data["memberships"]] == [
        ("city", "handler", "承办人")
    ]


def test_openapi_docs_are_served(client: Client, db) -> None:
    assert client.get("/api/v1/openapi.json").status_code == 200
