"""A citizen computes a reply deadline on the public calculator page, at desktop and phone size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_calculator_shows_the_due_date(live_server: Any, page: Any, artifacts: Path) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="答复期限计算器").click()
    page.wait_for_url(f"{live_server.url}/clock/")

    page.get_by_label("收到申请之日").fill("2024-09-27")
    page.get_by_label("截至日期").fill("2024-10-09")
    page.get_by_role("button", name="计算答复期限").click()
    page.wait_for_url(f"{live_server.url}/clock/?*")

    result = page.get_by_role("region", name="计算结果")
    assert result.locator(".due-date time").inner_text() == "2024年10月30日"
    text = result.inner_text()
    assert "计时中" in text
    assert "已计4个工作日" in text  # 9-29 (a make-up working day), 9-30, 10-8, 10-9; the National Day week is off
    # the "as of" line is said once (the summary), not again as the last step
    assert text.count("截至2024年10月9日") == 1
    assert result.locator(".clock-steps li").count() == 1
    assert page.get_by_label("收到申请之日").input_value() == "2024-09-27"  # the form is kept
    # no JSON and no English keys outside the collapsed developer section
    developer = page.locator("details.developer")
    assert developer.get_attribute("open") is None
    assert not page.locator("pre.json").first.is_visible()
    visible = page.locator("main").inner_text()
    for key in ('"received"', "working_days", "curl", "gongkai clock"):
        assert key not in visible
    page.screenshot(path=str(artifacts / "clock.png"), full_page=True)

    page.get_by_text("开发者", exact=True).click()
    assert '"received": "2024-09-27"' in developer.locator("pre.json").first.inner_text()


def test_event_rows_show_only_the_fields_of_their_type(live_server: Any, page: Any) -> None:
    page.goto(f"{live_server.url}/clock/")
    row = page.locator("fieldset.event").first
    extension_days = row.get_by_label("延期工作日数", exact=True)
    correction_due = row.get_by_label("补正期限", exact=True)
    assert not extension_days.is_visible()
    assert not correction_due.is_visible()
    row.get_by_label("事件类型", exact=True).select_option("extended")
    assert extension_days.is_visible()
    assert not correction_due.is_visible()
    row.get_by_label("事件类型", exact=True).select_option("correction_requested")
    assert correction_due.is_visible()
    assert not extension_days.is_visible()


def test_a_citizen_reads_a_result_on_a_phone(live_server: Any, browser: Any, artifacts: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    phone = context.new_page()
    try:
        phone.goto(
            f"{live_server.url}/clock/?received=2025-12-04&today=2025-12-10"
            "&events-0-type=consultation_started&events-0-on=2025-12-08"
            "&events-1-type=consultation_ended&events-1-on=2025-12-09"
        )
        result = phone.get_by_role("region", name="计算结果")
        due = result.locator(".due-date time")
        assert due.is_visible()
        # received 12-04; 12-05 counted, paused 12-08..12-09 (2 days); 19 left after 12-09 →
        # 12-10..12 (3), 12-15..19 (8), 12-22..26 (13), 12-29..31 (16), 2026-01-04 make-up Sun (17), 1-5, 1-6
        assert due.inner_text() == "2026年1月6日"
        box = due.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390
        assert float(due.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 28  # large type
        # nothing wider than the screen: no sideways scrolling
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert "调休上班" in result.inner_text()
        phone.screenshot(path=str(artifacts / "clock-phone.png"), full_page=True)
    finally:
        context.close()
