"""An administrator enters a new year's holiday schedule in the back office; the public pages use it at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from gongkai.calendars.models import HolidaySchedule
from gongkai.core.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2027  # the seeds stop at 2026: the State Council's 2027 notice is not out yet

# Test data, not the real 2027 notice: 元旦 on Friday 1 January, one 春节 rest day on Monday 8 February and
# one 春节 make-up working day on Saturday 20 February; every other day of 2027 is a plain weekday or weekend.
DAYS = [
    ("2027-01-01", "holiday", "元旦"),
    ("2027-02-08", "holiday", "春节"),
    ("2027-02-20", "workday", "春节"),
]


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


def test_administrator_enters_a_year_from_the_notice(live_server: Any, page: Any, world: Any, artifacts: Path) -> None:
    base = live_server.url
    admin = world.users["admin"]  # 示范省人民政府's administrator: the role opens the back office and its group
    # holds the calendar permissions (gongkai.agencies.roles)
    log_in(page, base, admin.username)

    # Before: the year is not covered, and the calculator says so instead of guessing from weekends.
    compute(page, base, "2027-02-05", "2027-02-22")
    assert "2027年节假日安排尚未录入" in page.get_by_role("alert").inner_text()

    page.goto(f"{base}/clock/calendar/{YEAR}/")
    assert "2027年节假日安排尚未录入" in page.get_by_role("alert").inner_text()
    page.screenshot(path=str(artifacts / "calendar-2027-missing.png"), full_page=True)
    page.get_by_role("link", name="录入本年安排").click()
    page.wait_for_url(re.compile(r"/admin/calendars/holidayschedule/add/\?year=2027$"))

    assert page.get_by_label("年份").input_value() == "2027"  # carried over from the calendar page
    page.get_by_label("通知").fill("国办发明电〔2026〕X号（测试数据）")
    for row, (day, kind, name) in enumerate(DAYS):
        page.locator(f"input[name='days-{row}-date']").fill(day)
        page.locator(f"select[name='days-{row}-kind']").select_option(kind)
        page.locator(f"input[name='days-{row}-name']").fill(name)
    page.screenshot(path=str(artifacts / "calendar-admin-form.png"), full_page=True)
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/calendars/holidayschedule/$"))
    assert "成功" in page.locator(".messagelist").inner_text()

    schedule = HolidaySchedule.objects.get(year=YEAR)
    assert schedule.source == HolidaySchedule.Source.MANUAL
    assert sorted((d.date.isoformat(), d.kind, d.name) for d in schedule.days.all()) == DAYS
    event = AuditEvent.objects.get(action="calendar.schedule_created")
    assert event.actor_label == admin.username

    # After: the public calendar lists the days and counts the year's working days.
    page.goto(f"{base}/clock/calendar/{YEAR}/")
    main = page.get_by_role("main")
    rows = {row.get_by_role("rowheader").inner_text(): row.inner_text() for row in main.locator("tbody tr").all()}
    assert list(rows) == ["元旦", "春节"]
    assert re.fullmatch(r"元旦\s+2027年1月1日\s+1\s+—", rows["元旦"]), rows
    assert re.fullmatch(r"春节\s+2027年2月8日\s+1\s+2027年2月20日（星期六）", rows["春节"]), rows
    facts = main.locator("dl.facts").inner_text()
    assert "国办发明电〔2026〕X号（测试数据）" in facts
    # 261 weekdays in 2027 (52 weeks and a Friday), less the two weekday rest days, plus the one make-up day.
    assert re.search(r"全年工作日天数\s*260", facts), facts
    assert main.get_by_role("link", name="修改本年安排").is_visible()
    page.screenshot(path=str(artifacts / "calendar-2027-entered.png"), full_page=True)

    # And the calculator now gives a due date: day 1 is Tuesday 9 February (the 8th is a rest day), the
    # make-up Saturday 20 February counts, so the 20th working day is Friday 5 March.
    compute(page, base, "2027-02-05", "2027-02-22")
    result = page.get_by_role("region", name="计算结果").inner_text()
    assert "2027年3月5日" in result
    assert "计时中" in result
    assert "已计11个工作日" in result  # 9–12 and 15–19 February, the make-up Saturday the 20th, and the 22nd
    assert page.get_by_role("alert").count() == 0
    page.screenshot(path=str(artifacts / "calendar-2027-clock.png"), full_page=True)
