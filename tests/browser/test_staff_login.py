"""A handler logs in through the real login page and lands on the dashboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_handler_logs_in_and_sees_dashboard(live_server: Any, page: Any, world: Any, artifacts: Path) -> None:
    page.goto(f"{live_server.url}/")
    assert "青山市人民政府" in page.content()  # the public home lists the agencies

    page.goto(f"{live_server.url}/staff/")
    assert "/staff/login/" in page.url  # the workspace asks for a log-in first
    page.get_by_label("用户名").fill("city_handler")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/staff/")

    main = page.get_by_role("main")
    assert "青山市人民政府" in main.inner_text()
    assert "承办人" in main.inner_text()
    page.screenshot(path=str(artifacts / "staff-dashboard.png"), full_page=True)

    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/staff/")
    assert "/staff/login/" in page.url


def test_wrong_password_shows_chinese_error(live_server: Any, page: Any, world: Any) -> None:
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("用户名").fill("city_handler")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    assert "请输入一个正确的用户名和密码。注意，两者都区分大小写。" in page.content()
    assert "/staff/login/" in page.url


def test_supervisor_walks_the_agency_pages_and_audit_log(
    live_server: Any, page: Any, world: Any, artifacts: Path
) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="青山市人民政府").first.click()  # the public agency page
    assert "绿水县人民政府" in page.get_by_role("main").inner_text()

    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("用户名").fill("city_supervisor")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/staff/")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="机关").click()
    listing = page.get_by_role("main").inner_text()
    assert "绿水县人民政府" in listing
    assert "白云市人民政府" not in listing
    page.get_by_role("main").get_by_role("link", name="绿水县人民政府").click()
    assert "county_handler" in page.get_by_role("main").inner_text()  # the agency's staff

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="审计日志").click()
    log = page.get_by_role("main").inner_text()
    assert "授予岗位" in log
    assert "白云市人民政府" not in log
    page.screenshot(path=str(artifacts / "staff-audit-log.png"), full_page=True)
