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
