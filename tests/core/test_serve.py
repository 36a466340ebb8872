"""`gongkai serve`: gunicorn with a timeout, graceful shutdown and worker recycling, from settings or options."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.management.commands import serve


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The gunicorn command lines `serve` would exec (nothing is started, no static files collected)."""
    calls: list[list[str]] = []

    def fake_execv(path: str, argv: list[str]) -> None:
        calls.append(argv)

    def fake_call_command(name: str, **kwargs: Any) -> None:
        assert name == "collectstatic"

    monkeypatch.setattr(serve.os, "execv", fake_execv)
    monkeypatch.setattr(serve, "call_command", fake_call_command)
    monkeypatch.setattr(serve.shutil, "which", lambda *args, **kwargs: "/venv/bin/gunicorn")
    return calls


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_defaults_come_from_the_settings(started: list[list[str]]) -> None:
    call_command("serve", stdout=StringIO())
    [argv] = started
    assert argv[:2] == ["/venv/bin/gunicorn", "config.wsgi:application"]
    assert option(argv, "--bind") == "127.0.0.1:8000"
    assert [option(argv, name) for name in ("--workers", "--timeout", "--graceful-timeout")] == ["3", "60", "30"]
    assert [option(argv, name) for name in ("--max-requests", "--max-requests-jitter")] == ["1000", "100"]


def test_settings_and_options_override_the_defaults(settings, started: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_SERVE_WORKERS = 8
    settings.GONGKAI_SERVE_MAX_REQUESTS = 500
    call_command("serve", "--timeout", "45", "--max-requests-jitter", "50", stdout=StringIO())
    [argv] = started
    assert [option(argv, name) for name in ("--workers", "--timeout", "--max-requests", "--max-requests-jitter")] == [
        "8",
        "45",
        "500",
        "50",
    ]


def test_a_zero_timeout_is_refused(started: list[list[str]]) -> None:
    with pytest.raises(CommandError, match="至少为 1"):
        call_command("serve", "--timeout", "0", stdout=StringIO())
    assert started == []


def test_the_help_names_every_setting(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        call_command("serve", "--help")
    text = capsys.readouterr().out
    for name in (
        "GONGKAI_WORKERS",
        "GONGKAI_SERVE_TIMEOUT",
        "GONGKAI_SERVE_GRACEFUL_TIMEOUT",
        "GONGKAI_SERVE_MAX_REQUESTS",
        "GONGKAI_SERVE_MAX_REQUESTS_JITTER",
        "gongkai db_worker",
    ):
        assert name in text, name
    assert "默认 60" in text
