"""An administrator enters next year's schedule by pasting the State Council's notice, reviews it,
confirms it, and the calculator uses it; the calendar page reads well on a phone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from gongkai.calendars.models import HolidaySchedule
from gongkai.core.models import AuditEvent
from tests.calendars.notice_2027 import NOTICE_2027
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2027  # the seeds stop at 2026


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/staff/")


def compute(page: Any, base: str, received: str, today: str) -> None:
    page.goto(f"{base}/clock/")
    page.get_by_label("收到申请之日").fill(received)
    page.get_by_label("截至日期").fill(today)
    page.get_by_role("button", name="计算答复期限").click()
    page.wait_for_url(f"{base}/clock/?*")


def test_an_administrator_pastes_reviews_and_confirms_next_years_notice(
    live_server: Any, page: Any, world: Any, artifacts: Path
) -> None:
    base = live_server.url
    admin = world.users["admin"]  # 示范省人民政府 is the root agency: its administrator is a platform administrator
    log_in(page, base, admin.username)

    # Before: the year is not covered, and the calculator says so instead of guessing from weekends.
    compute(page, base, "2027-02-03", "2027-02-22")
    assert "2027年节假日安排尚未录入" in page.get_by_role("alert").inner_text()

    # The staff navigation leads to 系统管理; the calendar page links to the entry page.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="系统管理").click()
    page.wait_for_url(f"{base}/staff/calendar/")
    page.goto(f"{base}/clock/calendar/{YEAR}/")
    page.get_by_role("link", name="录入2027年安排").click()
    page.wait_for_url(f"{base}/staff/calendar/{YEAR}/edit/")

    page.get_by_label("通知全文").fill(NOTICE_2027)
    page.get_by_role("button", name="解析通知").click()
    page.wait_for_load_state()
    # the rows hold the notice's periods, for review
    assert page.get_by_label("节日1", exact=True).input_value() == "元旦"
    assert page.get_by_label("节日2", exact=True).input_value() == "春节"
    assert page.get_by_label("放假首日2", exact=True).input_value() == "2027-02-05"
    assert page.get_by_label("放假末日2", exact=True).input_value() == "2027-02-13"
    assert page.get_by_label("上班日期2", exact=True).input_value() == "2027-02-20"
    preview = page.get_by_role("region", name="预览")
    assert "2027年安排完整" in preview.inner_text()
    assert preview.locator("table.month").count() == 12
    february = preview.locator("table.month").nth(1)
    assert "2027年2月" in february.locator("caption").inner_text()
    assert "班" in february.locator("td.workday").first.inner_text()  # marked by text, not colour alone
    page.screenshot(path=str(artifacts / "calendar-2027-preview.png"), full_page=True)
    assert not HolidaySchedule.objects.filter(year=YEAR).exists()  # nothing saved by the preview

    page.get_by_role("button", name="保存为草稿").click()
    page.wait_for_url(f"{base}/staff/calendar/{YEAR}/edit/")
    assert "已保存为草稿" in page.get_by_role("status").first.inner_text()
    # a draft is not used: the calculator still refuses
    compute(page, base, "2027-02-03", "2027-02-22")
    assert "2027年节假日安排尚未录入" in page.get_by_role("alert").inner_text()

    page.goto(f"{base}/staff/calendar/{YEAR}/edit/")
    page.get_by_role("button", name="确认本年安排").click()
    page.wait_for_url(f"{base}/staff/calendar/{YEAR}/edit/")
    assert "已确认" in page.locator("main").inner_text()
    assert HolidaySchedule.objects.get(year=YEAR).status == "confirmed"
    assert AuditEvent.objects.filter(action="calendar.schedule_confirmed", actor=admin).count() == 1

    # The calculator now gives a due date: the rest 5–13 February does not count, the make-up
    # Saturday 20 February does: received 3 February, day 1 is the 4th, 15–19 February are days 2–6,
    # the 20th is day 7, 22–26 February 8–12, 1–5 March 13–17, and day 20 is Wednesday 10 March.
    compute(page, base, "2027-02-03", "2027-02-22")
    result = page.get_by_role("region", name="计算结果")
    assert result.locator(".due-date time").inner_text() == "2027年3月10日"
    assert "已计8个工作日" in result.inner_text()
    assert page.get_by_role("alert").count() == 0

    # and the audit log shows the national events to him
    page.goto(f"{base}/staff/audit/")
    assert "确认年度节假日安排" in page.locator("main").inner_text()


def test_the_calendar_page_is_readable_at_390_px(live_server: Any, browser: Any, artifacts: Path) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/clock/calendar/2025/")
        main = page.get_by_role("main")
        periods = main.locator("ol.periods > li")
        assert periods.count() == 6  # 元旦 … 端午节, and 国庆节、中秋节 as one
        combined = periods.filter(has_text="国庆节、中秋节")
        assert "共8天" in combined.inner_text()
        # no sideways scrolling, and no name or date broken one character per line
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
        for locator in (combined.locator(".period-name"), combined.locator(".period-days")):
            box = locator.bounding_box()
            line_height = float(locator.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 24"))
            assert box["width"] > 150, box
            assert box["height"] < 3.5 * line_height, (box, line_height)
        month = main.locator("table.month").first
        assert month.bounding_box()["width"] <= 390
        page.get_by_label("日期", exact=True).fill("2025-10-11")
        page.get_by_role("button", name="查询", exact=True).click()
        page.wait_for_url(re.compile(r"date=2025-10-11"))
        assert "工作日（国庆节、中秋节调休上班）" in page.get_by_role("status").inner_text()
        page.screenshot(path=str(artifacts / "calendar-2025-phone.png"), full_page=True)
    finally:
        context.close()
