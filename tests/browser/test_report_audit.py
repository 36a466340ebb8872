"""A supervising office uploads a published report and reads its audit in the browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.factories import PASSWORD
from tests.reports.worker import run_worker
from tests.seed_documents import seed_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def report_file(tmp_path: Path) -> Path:
    """Seed 001 (招远市人民政府 2023) under a Chinese file name, as an office would upload it."""
    target = tmp_path / "招远市2023年报.txt"
    target.write_bytes(seed_path("001").read_bytes())
    return target


def test_supervisor_uploads_and_reads_the_audit(
    live_server: Any, page: Any, world: Any, artifacts: Path, tmp_path: Path
) -> None:
    upload = report_file(tmp_path)
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("用户名").fill("city_supervisor")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/staff/")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="年度报告").click()
    page.wait_for_url(f"{live_server.url}/staff/reports/")
    page.goto(f"{live_server.url}/staff/reports/upload/")
    page.get_by_label("机关").select_option(label="青山市人民政府")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="上传并审核").click()
    # The request only stores the file and queues the audit: the upload's page says 排队中 and
    # reloads itself; once the worker has run, it says 已完成 and links the audit.
    page.wait_for_url(re.compile(r"/staff/reports/uploads/\d+/$"))
    assert page.locator("#upload-status").inner_text() == "排队中"
    assert run_worker() == 1
    page.locator("#upload-status", has_text="已完成").wait_for(timeout=10_000)  # the page refreshed itself
    page.get_by_role("link", name="招远市2023年报.txt").click()
    page.wait_for_url(re.compile(r"/staff/reports/\d+/$"))
    body = page.get_by_role("main").inner_text()
    assert "招远市人民政府" in body
    assert "2023" in body
    assert "得分" in body
    assert "204" in body  # table 三, 一、本年新收, natural persons, as read
    assert "按官方行序推定" in body  # a P3 finding (row label lost in the published text) ...
    flagged = page.locator("[aria-describedby]").first  # ... is marked at the cells it concerns
    assert flagged.count() == 1
    page.screenshot(path=str(artifacts / "report-audit.png"), full_page=True)
