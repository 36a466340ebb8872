"""Settings come from the environment; production refuses to start without its secrets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_settings(module: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": module, "PATH": "/usr/bin:/bin", **env},
        timeout=60,
        check=False,
    )


def test_production_refuses_without_secret_key() -> None:
    result = load_settings("config.settings.production", {"ALLOWED_HOSTS": "gk.example.cn"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_without_allowed_hosts() -> None:
    result = load_settings("config.settings.production", {"SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_both() -> None:
    result = load_settings("config.settings.production", {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "gk.example.cn"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_language_and_time_zone() -> None:
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True


def _production_request(env: dict[str, str], headers: str) -> subprocess.CompletedProcess[str]:
    """Ask production settings whether a plain-HTTP request carrying ``headers`` counts as HTTPS."""
    code = (
        "import django; django.setup(); from django.test import RequestFactory; "
        f"r = RequestFactory().get('/', {headers}); print(r.is_secure())"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "gk.example.cn",
            **env,
        },
        timeout=60,
        check=False,
    )


def test_a_spoofed_forwarded_proto_is_ignored_by_default() -> None:
    result = _production_request({}, "HTTP_X_FORWARDED_PROTO='https'")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"  # so SECURE_SSL_REDIRECT still redirects it


def test_behind_a_proxy_the_forwarded_proto_is_believed() -> None:
    result = _production_request({"BEHIND_PROXY": "true"}, "HTTP_X_FORWARDED_PROTO='https'")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
