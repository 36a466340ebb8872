"""``gongkai clock``: the stdin/stdout JSON contract of issue #3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db
KEYS = ["due", "state", "working_days_used", "working_days_left", "overdue", "on_time", "warnings", "steps"]


def run_clock(text: str, *args: str) -> tuple[int, dict[str, Any]]:
    out = StringIO()
    try:
        call_command("clock", *args, stdin=StringIO(text), stdout=out)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, json.loads(out.getvalue())


def test_the_output_has_exactly_the_contract_keys() -> None:
    case = {
        "received": "2024-09-20",
        "today": "2024-11-20",
        "events": [
            {"type": "consultation_started", "on": "2024-09-27"},
            {"type": "consultation_ended", "on": "2024-10-15"},
            {"type": "extended", "on": "2024-10-30", "working_days": 10},
        ],
    }
    code, result = run_clock(json.dumps(case))
    assert code == 0
    assert list(result) == KEYS
    assert result["due"] == "2024-11-20"
    assert (result["state"], result["working_days_used"], result["working_days_left"]) == ("running", 30, 0)
    assert result["overdue"] is False
    assert result["on_time"] is None
    assert [step["on"] for step in result["steps"]] == [
        "2024-09-20",
        "2024-09-27",
        "2024-10-15",
        "2024-10-30",
        "2024-11-20",
    ]
    assert "延长答复期限10个工作日" in result["steps"][3]["text"]


def test_every_event_field_is_read() -> None:
    case = {
        "received": "2025-01-20",
        "today": "2025-03-20",
        "events": [
            {"type": "correction_requested", "on": "2025-01-22", "correction_due": "2025-02-14"},
            {"type": "correction_received", "on": "2025-02-05"},
            {"type": "deadline_set", "on": "2025-02-10", "due": "2025-03-31"},
            {"type": "replied", "on": "2025-03-20"},
        ],
    }
    code, result = run_clock(json.dumps(case))
    assert code == 0
    assert (result["due"], result["state"], result["on_time"], result["working_days_left"]) == (
        "2025-03-31",
        "closed",
        True,
        None,
    )


def test_fee_setting_flag() -> None:
    case = {
        "received": "2026-09-14",
        "today": "2026-10-09",
        "events": [{"type": "fee_notified", "on": "2026-09-18"}, {"type": "fee_paid", "on": "2026-10-09"}],
    }
    assert run_clock(json.dumps(case))[1]["due"] == "2026-11-02"
    assert run_clock(json.dumps(case), "--fee-time-counts")[1]["due"] == "2026-10-16"


def test_fee_flag_changes_only_that_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """--fee-time-counts overrides one field of the configured settings (dataclasses.replace)."""
    from gongkai.calendars.management.commands import clock as command
    from gongkai.law.clock import ClockSettings

    monkeypatch.setattr(command, "clock_settings", lambda: ClockSettings(reply_days=10))
    case = {"received": "2026-09-14", "today": "2026-09-14", "events": []}
    assert run_clock(json.dumps(case))[1]["due"] == "2026-09-28"
    assert run_clock(json.dumps(case), "--fee-time-counts")[1]["due"] == "2026-09-28"


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("{bad", "invalid_json", "JSON"),
        ("[1, 2]", "invalid_json", "JSON对象"),
        ('{"today": "2024-10-01"}', "invalid_input", "received"),
        ('{"received": "2024-02-30", "today": "2024-10-01"}', "invalid_input", "不是有效日期"),
        (
            '{"received": "2024-09-20", "today": "2024-10-01", "events": [{"type": "x", "on": "2024-09-23"}]}',
            "unknown_event",
            "无法识别",
        ),
        (
            '{"received": "2024-09-20", "today": "2024-10-01", "events": [{"type": "extended", "on": "2024-09-23"}]}',
            "invalid_input",
            "working_days",
        ),
        (
            '{"received": "2024-09-20", "today": "2024-10-01", "events": [{"type": "correction_received", '
            '"on": "2024-09-23"}]}',
            "impossible_order",
            "不能发生在计时中",
        ),
        ('{"received": "2024-09-20", "today": "2024-09-01"}', "impossible_order", "早于收到申请之日"),
        ('{"received": "2027-09-20", "today": "2027-10-01"}', "year_not_loaded", "2027年节假日安排尚未录入"),
        ('{"received": "2026-12-20", "today": "2026-12-21"}', "year_not_loaded", "2027年节假日安排尚未录入"),
    ],
)
def test_bad_input_exits_2_with_the_error_shape(text: str, code: str, message: str) -> None:
    status, result = run_clock(text)
    assert status == 2
    assert list(result) == ["error"]
    assert list(result["error"]) == ["code", "message"]
    assert result["error"]["code"] == code
    assert message in result["error"]["message"]


def test_a_today_past_the_loaded_years_exits_0_when_the_due_date_is_known() -> None:
    """Exit 2 only when the due date itself needs an unloaded year (issue 10 item 4)."""
    status, result = run_clock('{"received": "2026-12-01", "today": "2027-01-05", "events": []}')
    assert status == 0
    assert (result["due"], result["working_days_used"], result["overdue"]) == ("2026-12-29", 25, True)
    assert result["warnings"][0].startswith("2027年节假日安排尚未录入")
    status, result = run_clock('{"received": "2026-12-15", "today": "2027-01-05", "events": []}')
    assert (status, result["error"]["code"]) == (2, "year_not_loaded")


def test_the_real_cli_on_a_freshly_migrated_database(tmp_path: Path) -> None:
    gongkai = Path(sys.executable).with_name("gongkai")
    env = {**os.environ, "GONGKAI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    env.pop("DATABASE_URL", None)
    subprocess.run([str(gongkai), "migrate", "-v0"], env=env, check=True, capture_output=True)
    ok = subprocess.run(
        [str(gongkai), "clock"],
        input='{"received": "2024-02-01", "today": "2024-03-06", "events": []}',
        env=env,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    result = json.loads(ok.stdout)
    assert (result["due"], result["overdue"]) == ("2024-03-05", True)
    bad = subprocess.run(
        [str(gongkai), "clock"],
        input='{"received": "2028-01-03", "today": "2028-01-04"}',
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert json.loads(bad.stdout) == {"error": {"code": "year_not_loaded", "message": "2028年节假日安排尚未录入"}}


# -- hostile input (issue 9 item 8): the JSON error, never a 500 or a traceback -------------------

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_IN_EVENTS = '{"received": "2024-09-20", "today": "2024-10-01", "events": ' + "[" * 50_000 + "]" * 50_000 + "}"
SURROGATE_TYPE = (
    '{"received": "2024-09-20", "today": "2024-10-01", "events": [{"type": "\\ud800", "on": "2024-09-23"}]}'
)
SURROGATE_DATE = '{"received": "\\udfff2024-09-20", "today": "2024-10-01"}'
SURROGATE_KEY = '{"received": "2024-09-20", "today": "2024-10-01", "\\ud83d": 1}'
HOSTILE = [
    ("deeply nested array", DEEP, "嵌套层次过深"),
    ("deeply nested events", DEEP_IN_EVENTS, "嵌套层次过深"),
    ("lone surrogate in the event type", SURROGATE_TYPE, "孤立的代理码位"),
    ("lone surrogate in a date", SURROGATE_DATE, "孤立的代理码位"),
    ("lone surrogate in a key", SURROGATE_KEY, "孤立的代理码位"),
]


@pytest.mark.parametrize(("name", "text", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_exits_2_with_the_json_error(name: str, text: str, message: str) -> None:
    status, result = run_clock(text)
    assert status == 2
    assert result == {"error": {"code": "invalid_json", "message": result["error"]["message"]}}
    assert message in result["error"]["message"]


def test_undecodable_bytes_on_a_surrogateescape_stdin_exit_2(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 (here a UTF-8-encoded surrogate) reach the parser as lone surrogates
    when stdin uses surrogateescape: one JSON error line, no traceback."""
    gongkai = Path(sys.executable).with_name("gongkai")
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "PYTHONIOENCODING": "utf-8:surrogateescape",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run([str(gongkai), "migrate", "-v0"], env=env, check=True, capture_output=True)
    body = (
        b'{"received": "2024-09-20", "today": "2024-10-01", "events": [{"type": "\xed\xa0\x80", "on": "2024-09-23"}]}'
    )
    done = subprocess.run([str(gongkai), "clock"], input=body, env=env, capture_output=True)
    assert done.returncode == 2
    assert done.stderr == b""
    error = json.loads(done.stdout)["error"]
    assert error["code"] == "invalid_json"
    assert "孤立的代理码位" in error["message"]
