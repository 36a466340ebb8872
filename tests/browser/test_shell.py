"""The shell in a real browser: a staff page on a phone, an administrator keeping the agency tree,
and 忘记密码 by e-mail."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _log_in(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/staff/")


def _page_width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_a_staff_page_on_a_phone_folds_its_navigation(
    live_server: Any, browser: Any, world: Any, artifacts: Path
) -> None:
    context = browser.new_context(locale="zh-CN", viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        _log_in(page, live_server.url, "city_supervisor")
        page.goto(f"{live_server.url}/staff/agencies/")
        menu = page.get_by_text("菜单", exact=True)
        main_nav = page.get_by_role("navigation", name="主导航")
        assert menu.is_visible()
        assert not main_nav.get_by_role("link", name="审计日志").is_visible()  # folded away
        assert _page_width(page) <= PHONE["width"]  # the wide table scrolls in its own box
        assert page.get_by_role("navigation", name="当前位置").get_by_role("listitem").all_inner_texts() == [
            "工作台",
            "机关",
        ]
        page.screenshot(path=str(artifacts / "phone-staff-agencies.png"), full_page=True)

        menu.click()
        assert main_nav.get_by_role("link", name="审计日志").is_visible()
        page.screenshot(path=str(artifacts / "phone-staff-menu-open.png"))
        main_nav.get_by_role("link", name="审计日志").click()
        page.wait_for_url(f"{live_server.url}/staff/audit/")
        assert page.get_by_role("heading", level=1).inner_text() == "审计日志"
        assert not main_nav.get_by_role("link", name="机关", exact=True).is_visible()  # folded again on the new page
        assert _page_width(page) <= PHONE["width"]
        region = page.get_by_role("region", name="审计事件")
        assert region.evaluate("e => getComputedStyle(e).overflowX") == "auto"  # a wider table scrolls in its box
        page.screenshot(path=str(artifacts / "phone-staff-audit.png"), full_page=True)

        # A public page keeps the staff navigation of a logged-in user.
        page.goto(f"{live_server.url}/agencies/city/")
        menu.click()
        assert main_nav.get_by_role("link", name="工作台首页").is_visible()
        assert main_nav.get_by_role("button", name="退出登录").is_visible()
    finally:
        context.close()


def test_the_desktop_menu_is_open_and_has_no_button(live_server: Any, page: Any, world: Any) -> None:
    _log_in(page, live_server.url, "city_supervisor")
    assert not page.get_by_text("菜单", exact=True).is_visible()
    assert page.get_by_role("navigation", name="主导航").get_by_role("link", name="审计日志").is_visible()


def test_an_administrator_adds_an_agency_and_its_office(
    live_server: Any, page: Any, world: Any, artifacts: Path
) -> None:
    _log_in(page, live_server.url, "prov_admin")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="机关", exact=True).click()
    page.get_by_role("main").get_by_role("link", name="青山市人民政府").click()
    page.get_by_role("link", name="新增下级机关").click()
    assert page.get_by_role("heading", level=1).inner_text() == "在青山市人民政府下新增机关"

    # First a mistake: a county code that is taken. The page says so in Chinese and keeps the input.
    page.get_by_label("代码").fill("county")
    page.get_by_label("机关名称").fill("青山市财政局")
    page.get_by_label("层级").select_option(label="部门")
    page.get_by_role("button", name="新增机关").click()
    assert "机关代码“county”已存在。" in page.get_by_role("alert").first.inner_text()
    assert page.get_by_label("机关名称").input_value() == "青山市财政局"
    page.screenshot(path=str(artifacts / "workspace-agency-add-error.png"), full_page=True)

    page.get_by_label("代码").fill("city-fin")
    page.get_by_label("简称").fill("市财政局")
    page.get_by_role("button", name="新增机关").click()
    page.wait_for_url(f"{live_server.url}/staff/agencies/city-fin/")
    assert "已新增机关：青山市财政局。" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="填写政府信息公开工作机构").click()
    page.get_by_label("机构名称").fill("青山市财政局办公室")
    page.get_by_label("地址").fill("青山市人民路8号")
    page.get_by_label("邮政编码").fill("12345")  # one digit short
    page.get_by_label("电话").fill("0000-8888888")
    page.get_by_role("button", name="保存").click()
    assert "邮政编码是6位数字。" in page.get_by_role("main").inner_text()
    page.get_by_label("邮政编码").fill("123456")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/staff/agencies/city-fin/")
    main = page.get_by_role("main").inner_text()
    assert "青山市财政局办公室" in main
    assert "0000-8888888" in main
    page.screenshot(path=str(artifacts / "workspace-agency-with-office.png"), full_page=True)

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="审计日志").click()
    log = page.get_by_role("main").inner_text()
    assert "新建机关" in log
    assert "新建政府信息公开工作机构" in log

    page.goto(f"{live_server.url}/agencies/city-fin/")  # the public page prints the office
    assert "青山市人民路8号（123456）" in page.get_by_role("main").inner_text()
    crumbs = page.get_by_role("navigation", name="当前位置").get_by_role("listitem").all_inner_texts()
    assert crumbs == ["首页", "示范省人民政府", "青山市人民政府", "青山市财政局"]


def test_forgot_password_by_email(live_server: Any, page: Any, world: Any, settings: Any, artifacts: Path) -> None:
    settings.GONGKAI_PASSWORD_RESET_EMAIL = True
    handler = world.users["handler"]
    handler.email = "handler@example.gov.cn"
    handler.save()

    page.goto(f"{live_server.url}/staff/login/")
    assert page.title() == f"工作人员登录 · {settings.GONGKAI_SITE_NAME}"
    page.get_by_role("link", name="忘记密码？").click()
    page.get_by_label("电子邮箱").fill("handler@example.gov.cn")
    page.screenshot(path=str(artifacts / "forgot-password.png"), full_page=True)
    page.get_by_role("button", name="发送链接").click()
    assert page.get_by_role("heading", level=1).inner_text() == "请查收邮件"

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/staff/password/reset/\S+/", mail.outbox[0].body)
    assert link is not None
    page.goto(link.group(0))
    page.get_by_label("新密码", exact=True).fill("Qingshan-2027-new")
    page.get_by_label("再次输入新密码").fill("Qingshan-2027-new")
    page.screenshot(path=str(artifacts / "forgot-password-new.png"), full_page=True)
    page.get_by_role("button", name="设置密码").click()
    assert page.get_by_role("heading", level=1).inner_text() == "密码已设置"

    page.get_by_role("main").get_by_role("link", name="登录").click()
    page.get_by_label("用户名").fill("city_handler")
    page.get_by_label("密码").fill("Qingshan-2027-new")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/staff/")


def test_forgot_password_without_mail_names_who_resets(live_server: Any, page: Any, db: None, settings: Any) -> None:
    settings.GONGKAI_PASSWORD_RESET_EMAIL = False
    settings.GONGKAI_ACCOUNT_HELP = "省政务公开办 张工 0000-12345678"
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_role("link", name="忘记密码？").click()
    text = page.get_by_role("main").inner_text()
    assert "本平台未配置电子邮件" in text
    assert "需要重置密码时，请联系省政务公开办 张工 0000-12345678。" in text
