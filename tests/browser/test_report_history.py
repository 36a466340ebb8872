"""An administrator imports a past report as history: a wrong year fails with the reason, the right one is kept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from gongkai.core.models import AuditEvent
from gongkai.reports.models import PublishedReport
from tests.factories import PASSWORD
from tests.reports.worker import run_worker
from tests.seed_documents import seed_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def report_file(tmp_path: Path) -> Path:
    """Seed 001 (招远市人民政府's 2023 report) under a Chinese file name, as an agency keeps it."""
    target = tmp_path / "2023年政府信息公开工作年度报告.txt"
    target.write_bytes(seed_path("001").read_bytes())
    return target


def fill_form(page: Any, agency: str, year: str, upload: Path) -> None:
    page.get_by_label("机关").select_option(label=agency)
    page.get_by_label("报告年度").fill(year)
    page.get_by_label("报告文件").set_input_files(str(upload))
    page.get_by_role("button", name="导入", exact=True).click()


def test_administrator_imports_a_past_report(
    live_server: Any, page: Any, world: Any, artifacts: Path, tmp_path: Path
) -> None:
    base = live_server.url
    upload = report_file(tmp_path)
    agency = world.city  # 青山市人民政府, in the province administrator's subtree
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(world.users["admin"].username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/staff/")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="年度报告").click()
    page.wait_for_url(f"{base}/staff/reports/")
    page.get_by_role("link", name="导入往年报告").click()
    page.wait_for_url(f"{base}/staff/reports/history/")

    # The file is the 2023 report: entered as 2022 it is read in the background and refused, in
    # Chinese, on the import's page; nothing is kept, and the link brings the form back filled in.
    fill_form(page, agency.name, "2022", upload)
    page.wait_for_url(re.compile(r"/staff/reports/uploads/\d+/$"))
    assert page.locator("#upload-status").inner_text() == "排队中"
    assert run_worker() == 1
    page.locator("#upload-status", has_text="失败").wait_for(timeout=10_000)  # the page refreshed itself
    alert = page.get_by_role("alert").inner_text()
    assert "该报告为2023年度，不是2022年度，请核对年度。" in alert
    assert not PublishedReport.objects.exists()
    assert not AuditEvent.objects.filter(action="report.history_imported").exists()
    page.screenshot(path=str(artifacts / "report-history-wrong-year.png"), full_page=True)
    page.get_by_role("alert").get_by_role("link", name="导入往年报告").click()
    page.wait_for_url(re.compile(r"/staff/reports/history/\?"))
    assert page.get_by_label("报告年度").input_value() == "2022"  # the form keeps what was entered

    page.get_by_label("报告年度").fill("2023")
    page.get_by_label("报告文件").set_input_files(str(upload))
    page.get_by_role("button", name="导入", exact=True).click()
    page.wait_for_url(re.compile(r"/staff/reports/uploads/\d+/$"))
    assert run_worker() == 1
    page.locator("#upload-status", has_text="已完成").wait_for(timeout=10_000)
    row = PublishedReport.objects.get()
    assert (row.agency, row.year, row.kind) == (agency, 2023, "history")
    assert "已导入往年报告。" in page.get_by_role("main").inner_text()

    # The list of audits shows it; its link opens the report as read.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="年度报告").click()
    page.wait_for_url(f"{base}/staff/reports/")
    listed = page.get_by_role("row").filter(has_text=upload.name)
    assert listed.count() == 1
    cells = listed.get_by_role("cell").all_inner_texts()
    assert cells[:4] == ["青山市人民政府", "2023", "2021年格式", "往年报告导入"], cells
    page.screenshot(path=str(artifacts / "report-history-list.png"), full_page=True)

    listed.get_by_role("link", name=upload.name).click()
    page.wait_for_url(f"{base}/staff/reports/{row.pk}/")
    body = page.get_by_role("main").inner_text()
    assert "青山市人民政府" in body  # filed under the agency chosen
    assert "招远市人民政府" in body  # the agency named in the report, as read
    assert "往年报告导入" in body
    assert "204" in body  # table 三, 一、本年新收, natural persons
    page.screenshot(path=str(artifacts / "report-history-detail.png"), full_page=True)
