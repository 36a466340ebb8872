"""``POST /api/v1/clock``: the same contract as ``gongkai clock``, over HTTP."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

CASE = {
    "received": "2024-09-20",
    "today": "2024-11-20",
    "events": [
        {"type": "consultation_started", "on": "2024-09-27"},
        {"type": "consultation_ended", "on": "2024-10-15"},
        {"type": "extended", "on": "2024-10-30", "working_days": 10},
    ],
}


def post(client: Client, body: str) -> tuple[int, dict]:
    response = client.post("/api/v1/clock", data=body, content_type="application/json")
    return response.status_code, response.json()


def test_api_and_cli_give_the_same_result(client: Client) -> None:
    status, result = post(client, json.dumps(CASE))
    out = StringIO()
    call_command("clock", stdin=StringIO(json.dumps(CASE)), stdout=out)
    assert status == 200
    assert result == json.loads(out.getvalue())
    assert result["due"] == "2024-11-20"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("{not json", "invalid_json"),
        (json.dumps({**CASE, "events": [{"type": "teleported", "on": "2024-09-27"}]}), "unknown_event"),
        (json.dumps({**CASE, "received": "2035-03-02", "today": "2035-03-03", "events": []}), "year_not_loaded"),
    ],
)
def test_bad_input_is_400_with_the_error_shape(client: Client, body: str, code: str) -> None:
    status, result = post(client, body)
    assert status == 400
    assert result["error"]["code"] == code
    assert result["error"]["message"]


# hostile bodies (issue 9 item 8): the JSON error with HTTP 400, never a 500
DEEP = "[" * 100_000 + "]" * 100_000
HOSTILE = [
    ("deeply nested", DEEP, "嵌套层次过深"),
    (
        "deeply nested events",
        '{"received": "2024-09-20", "today": "2024-10-01", "events": ' + "[" * 50_000 + "]" * 50_000 + "}",
        "嵌套层次过深",
    ),
    (
        "lone surrogate escaped",
        '{"received": "2024-09-20", "today": "2024-10-01", "events": [{"type": "\\ud800", "on": "2024-09-23"}]}',
        "孤立的代理码位",
    ),
    ("lone surrogate in a key", '{"received": "2024-09-20", "today": "2024-10-01", "\\udc80": 1}', "孤立的代理码位"),
]


@pytest.mark.parametrize(("name", "body", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_bodies_are_400_with_the_json_error(client: Client, name: str, body: str, message: str) -> None:
    status, result = post(client, body)
    assert status == 400
    assert result["error"]["code"] == "invalid_json"
    assert message in result["error"]["message"]


def test_bytes_that_are_not_utf8_are_400(client: Client) -> None:
    response = client.post("/api/v1/clock", data=b'{"received": "\xed\xa0\x80"}', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"
