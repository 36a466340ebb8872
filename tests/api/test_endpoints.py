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


def test_health_touches_no_table(client: Client, db, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(1) as captured:
        response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert all(" FROM " not in query["sql"].upper() for query in captured.captured_queries)
    assert "Set-Cookie" not in response.headers  # no session row written either


def test_agencies_are_paginated(client: Client, world) -> None:
    everything = client.get("/api/v1/agencies")
    total = int(everything["X-Total-Count"])
    assert total == len(everything.json()) == 6  # the world's tree fits the default page
    assert "Link" not in everything.headers
    first = client.get("/api/v1/agencies?limit=2")
    assert [a["code"] for a in first.json()] == [a["code"] for a in everything.json()[:2]]
    assert first["X-Total-Count"] == str(total)
    assert first["Link"] == '<http://testserver/api/v1/agencies?limit=2&offset=2>; rel="next"'
    second = client.get("/api/v1/agencies?limit=2&offset=2")
    assert [a["code"] for a in second.json()] == [a["code"] for a in everything.json()[2:4]]
    # the item shape is unchanged
    assert set(second.json()[0]) == {"code", "name", "short_name", "level", "level_label", "parent_code", "office"}


def test_the_default_page_and_its_maximum(client: Client, world) -> None:
    from gongkai.agencies.models import Agency

    parent = world.province
    Agency.objects.bulk_create(
        [
            Agency(
                code=f"bulk{n:04d}",
                name=f"批量{n}局",
                level="department",
                parent=parent,
                path=f"{parent.path}bulk{n:04d}/",
            )
            for n in range(520)
        ]
    )
    assert len(client.get("/api/v1/agencies").json()) == 100
    assert len(client.get("/api/v1/agencies?limit=500").json()) == 500
    too_many = client.get("/api/v1/agencies?limit=501")
    assert too_many.status_code == 422
    assert too_many.json()["error"]["code"] == "invalid"
    assert client.get("/api/v1/agencies?offset=-1").status_code == 422


def test_anonymous_post_to_a_session_endpoint_is_401_json(client: Client, world) -> None:
    response = client.post("/api/v1/reports/audit")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_logged_in_post_still_needs_the_csrf_token(world) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["handler"])
    response = client.post("/api/v1/reports/audit")
    assert response.status_code == 403
    assert "error" in response.json()


def test_the_schema_declares_the_error_responses(client: Client, db) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"400", "422"}
            if operation.get("security"):
                expected |= {"401", "403"}
            if "{" in path:
                expected.add("404")
            if method != "get":
                expected.add("409")
            assert expected <= set(responses), (method, path)
            for code in expected:
                declared = responses[code]["content"]["application/json"]["schema"]
                # ErrorOut, unless the operation declared its own error body for that status
                assert declared == error or "$ref" in declared, (method, path, code)
    assert (
        schema["paths"]["/api/v1/health"]["get"]["responses"]["422"]["content"]["application/json"]["schema"] == error
    )
    assert "details" in schema["components"]["schemas"]["ErrorBody"]["properties"]


def test_the_docs_page_loads_swagger_from_this_server(client: Client, db) -> None:
    body = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower()
    assert "<script>" not in body  # no inline script (CSP)
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_an_unknown_api_address_is_a_json_404(client: Client, db) -> None:
    response = client.get("/api/v1/reports/null,null")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_malformed_multipart_body_is_a_json_400(client: Client, db) -> None:
    response = client.post("/api/v1/clock", data=b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_multipart"
