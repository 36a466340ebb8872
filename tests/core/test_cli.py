"""The `gongkai` console script: help, renames, Chinese usage errors with exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.core.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", "from gongkai.core.cli import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def test_help_lists_commands_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    main(["help"])
    out = capsys.readouterr().out
    assert "命令行" in out
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    # each app's AppConfig.cli_commands, in app order; "manage" last
    assert listed == [
        "serve",
        "migrate",
        "check",
        "audit",
        "token",
        "demo",
        "agencies",
        "clock",
        "cases",
        "documents",
        "patrol",
        "remind",
        "notify",
        "search",
        "unlock",
        "report",
        "manage",
    ]
    assert "  demo       载入演示省份和演示账号（可重复运行）" in out


def test_unknown_command_is_one_chinese_line() -> None:
    result = run_cli("nonsense")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("错误")
    assert "Traceback" not in result.stderr


def test_bad_arguments_are_chinese_and_exit_2() -> None:
    result = run_cli("agencies", "add", "only-a-code")
    assert result.returncode == 2
    assert "错误" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "gk.example.cn"}, "SECRET_KEY"),
        ({"SECRET_KEY": "k" * 40, "ALLOWED_HOSTS": "gk.example.cn", "BEHIND_PROXY": "maybe"}, "BEHIND_PROXY"),
    ],
    ids=["short-secret-key", "not-a-boolean"],
)
def test_check_with_bad_production_settings_prints_one_line(env: dict[str, str], fragment: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from gongkai.core.cli import main; main()", "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.production", "PATH": "/usr/bin:/bin", **env},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("错误：")
    assert fragment in result.stderr
