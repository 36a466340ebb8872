"""The whole path of an application in a real browser (issue 11 item 9): the applicant applies
online and sees the receipt; the registrar accepts and assigns; the handler asks for a
correction and records it; the handler drafts a partial-disclosure reply, the office head
approves, the handler issues it and closes the case; the applicant's status page shows it."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/staff/")


def log_out(page: Any) -> None:
    page.get_by_role("button", name="退出登录").click()


def take_step(page: Any, legend: str, **fields: str) -> None:
    """Fill and send the step's form (a fieldset with this legend) on the case page."""
    form = page.locator("form", has=page.locator("legend", has_text=legend))
    for label, value in fields.items():
        field = form.get_by_label(label, exact=False).first
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    form.get_by_role("button", name=legend).click()
    page.wait_for_load_state()
    assert f"已完成：{legend}" in page.content(), page.get_by_role("main").inner_text()[:500]


def test_an_application_from_the_form_to_the_reply(live_server: Any, page: Any, world: Any, artifacts: Path) -> None:
    from gongkai.cases.models import Case

    base = live_server.url
    # The applicant applies online.
    page.goto(f"{base}/apply/{world.city.code}/")
    page.get_by_label("申请人类型").select_option("natural_person")
    page.get_by_label("姓名（名称）").fill("王五")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("所需政府信息的内容描述").fill("青山市2025年老旧小区改造项目清单")
    page.get_by_label("获取信息的载体形式").select_option("electronic")
    page.get_by_label("获取信息的方式").select_option("online")
    page.get_by_role("button", name="提交申请").click()
    receipt = page.get_by_role("main").inner_text()
    assert "您的申请已收到" in receipt
    number = Case.objects.get().number
    assert number in receipt
    found = re.search(r"查询码\s*([A-Z0-9]{8,})", receipt)
    assert found is not None
    code = found.group(1)
    page.screenshot(path=str(artifacts / "journey-receipt.png"), full_page=True)

    case_url = f"{base}/staff/cases/{Case.objects.get().pk}/"
    # The registrar confirms (accepts) and assigns it.
    log_in(page, base, "city_registrar")
    page.goto(f"{base}/staff/cases/")
    page.get_by_role("link", name=number).click()
    take_step(page, "受理申请")
    take_step(page, "分办", 承办人="city_handler")
    log_out(page)

    far_day = (timezone.localdate() + timedelta(days=30)).isoformat()
    # The handler asks for a correction, then records the applicant's answer.
    log_in(page, base, "city_handler")
    page.goto(case_url)
    take_step(page, "要求补正", 补正期限=far_day, 需补正或说明的内容="请说明所需清单的年份和区域范围")
    assert "待补正" in page.get_by_role("main").inner_text()
    take_step(page, "收到补正")
    take_step(page, "拟定答复", 办理结果="partially_disclosed", 理由="部分内容涉及第三方商业秘密，依法不予公开")
    log_out(page)

    # The office head approves; the handler issues the reply and closes the case.
    log_in(page, base, "city_head")
    page.goto(case_url)
    take_step(page, "答复已审核")
    log_out(page)
    log_in(page, base, "city_handler")
    page.goto(case_url)
    take_step(page, "出具答复")
    take_step(page, "办结")
    main = page.get_by_role("main").inner_text()
    assert "已办结" in main
    assert "部分公开" in main
    page.screenshot(path=str(artifacts / "journey-case.png"), full_page=True)
    log_out(page)

    # The applicant looks the status up.
    page.goto(f"{base}/apply/status/")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    status = page.get_by_role("main").inner_text()
    assert "已办结" in status
    assert "部分公开" in status
    page.screenshot(path=str(artifacts / "journey-status.png"), full_page=True)
    # ... and downloads the reply as issued (issue 12 item 7).
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 PDF：政府信息公开申请答复告知书").click()
    saved = artifacts / "journey-reply.pdf"
    download.value.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"%PDF-")
    from gongkai.letters.models import Letter

    reply = Letter.objects.get(case__number=number, kind="reply")
    assert hashlib.sha256(data).hexdigest() == reply.pdf_sha256
