"""Log-in throttling (issue 9 item 5): a real log-in flow through the log-in page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from gongkai.core.models import AuditEvent
from tests.factories import PASSWORD

LOGIN = "/staff/login/"
ROOT = Path(__file__).resolve().parents[2]


def _fail(client: Client, username: str = "city_handler", times: int = 1) -> list[int]:
    return [client.post(LOGIN, {"username": username, "password": "wrong-password"}).status_code for _ in range(times)]


def _login(client: Client, username: str = "city_handler") -> int:
    return client.post(LOGIN, {"username": username, "password": PASSWORD}).status_code


def test_five_failures_lock_the_account_with_a_chinese_message(client: Client, world, settings) -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert _fail(client, times=4) == [200] * 4
    locked = client.post(LOGIN, {"username": "city_handler", "password": "wrong-password"})
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "登录失败次数过多" in body
    assert "15 分钟" in body
    assert "<h1>工作人员登录</h1>" in body  # the log-in page itself, not a bare error
    # Even the right password is refused now, and nobody is logged in.
    response = client.post(LOGIN, {"username": "city_handler", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_an_audit_event_of_the_users_agency(client: Client, world) -> None:
    _fail(client, times=5)
    event = AuditEvent.objects.get(action="account.locked_out")
    assert event.agency == world.city
    assert event.object_id == str(world.users["handler"].pk)
    assert event.details["username"] == "city_handler"
    assert event.details["ip_address"] == "127.0.0.1"
    assert event.action_label == "连续登录失败，已锁定"


def test_the_lockout_is_per_user_name_and_address(client: Client, world) -> None:
    _fail(client, times=5)
    # Another user from the same address may still log in,
    assert _login(client, "city_registrar") == 302
    # and the locked user from another address too.
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert elsewhere.post(LOGIN, {"username": "city_handler", "password": PASSWORD}).status_code == 302


def test_a_spoofed_forwarded_for_does_not_reset_the_count(client: Client, world) -> None:
    """Without BEHIND_PROXY, X-Forwarded-For is not believed: rotating it gains nothing."""
    for n in range(5):
        client.post(LOGIN, {"username": "city_handler", "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert _login(client) == 429


def test_behind_a_proxy_the_address_the_proxy_appended_counts(world, settings) -> None:
    settings.GONGKAI_BEHIND_PROXY = True
    attacker = Client(REMOTE_ADDR="10.0.0.1")  # the proxy
    for n in range(5):
        # a forged first entry; the proxy appended the real client's address last
        attacker.post(
            LOGIN, {"username": "city_handler", "password": "x"}, HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.9"
        )
    assert (
        attacker.post(
            LOGIN, {"username": "city_handler", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.9"
        ).status_code
        == 429
    )
    colleague = Client(REMOTE_ADDR="10.0.0.1")
    ok = colleague.post(LOGIN, {"username": "city_handler", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert ok.status_code == 302


def test_a_success_before_the_limit_resets_the_count(client: Client, world) -> None:
    _fail(client, times=4)
    assert _login(client) == 302
    client.post("/staff/logout/")
    assert _fail(client, times=4) == [200] * 4


def test_an_administrator_unlocks_from_the_command_line(client: Client, world, capsys) -> None:
    _fail(client, times=5)
    assert _login(client) == 429
    call_command("unlock", "city_handler")
    assert "已解除" in capsys.readouterr().out
    assert _login(client) == 302
    event = AuditEvent.objects.get(action="account.unlocked")
    assert event.agency == world.city
    assert event.actor_label == "system:cli"


def test_unlocking_a_user_who_is_not_locked_changes_nothing(world, capsys) -> None:
    before = AuditEvent.objects.count()
    call_command("unlock", "city_handler")
    assert "未被锁定" in capsys.readouterr().out
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_unlock_without_a_user_name_is_one_chinese_line() -> None:
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", "from gongkai.core.cli import main; main()", "unlock"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "错误" in result.stderr
    assert "Traceback" not in result.stderr


def test_staff_pages_are_not_stored(client: Client, world) -> None:
    assert _login(client) == 302
    for path in ["/staff/", "/staff/login/", "/admin/login/", "/api/v1/staff/me"]:
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_sessions_end_after_a_working_day_of_inactivity(client: Client, world, settings) -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert _login(client) == 302
    assert client.session.get_expiry_age() == 8 * 60 * 60
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 60 * 60


def test_sessions_can_end_with_the_browser(client: Client, world, settings) -> None:
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    assert _login(client) == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""  # a browser-session cookie


def test_an_administrator_unlocks_from_the_agency_page(client: Client, world) -> None:
    _fail(client, times=5)
    assert _login(client) == 429
    admin = Client()
    admin.force_login(world.users["admin"])  # administrator of the province, above the city
    page = admin.get(f"/staff/agencies/{world.city.code}/").content.decode()
    assert "已锁定" in page
    response = admin.post(f"/staff/agencies/{world.city.code}/unlock/", {"username": "city_handler"}, follow=True)
    assert "已解除锁定" in response.content.decode()
    assert _login(client) == 302
    assert AuditEvent.objects.get(action="account.unlocked").actor == world.users["admin"]


def test_staff_who_do_not_administer_the_agency_cannot_unlock(client: Client, world) -> None:
    _fail(client, times=5)
    head = Client()
    head.force_login(world.users["head"])  # the city's office head: sees the page, may not unlock
    assert "已锁定" not in head.get(f"/staff/agencies/{world.city.code}/").content.decode()
    refused = head.post(f"/staff/agencies/{world.city.code}/unlock/", {"username": "city_handler"}, follow=True)
    assert "管理员" in refused.content.decode()
    assert _login(client) == 429
    outsider = Client()
    outsider.force_login(world.users["other_handler"])
    assert outsider.post(f"/staff/agencies/{world.city.code}/unlock/", {"username": "city_handler"}).status_code == 404
