"""An applicant computes a reply deadline on the public calculator page."""

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
    text = result.inner_text()
    assert "2024年10月30日" in text
    assert "计时中" in text
    assert "已计4个工作日" in text  # 9-29 (a make-up working day), 9-30, 10-8, 10-9; the National Day week is off
    assert page.get_by_label("收到申请之日").input_value() == "2024-09-27"  # the form is kept
    page.screenshot(path=str(artifacts / "clock.png"), full_page=True)

    page.get_by_role("link", name="以JSON查看/用命令行计算").click()
    assert '"received": "2024-09-27"' in page.locator("#as-json + p + pre").inner_text()
