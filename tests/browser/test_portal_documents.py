"""The public disclosure column in a real browser (issue 13 item 11): an agency's column, the
主动公开事项目录 browsed by category, the library list and its filters, a repealed document with
its status badge and the link to the repealing one and back, an attachment downloaded (its
bytes' hash checked), and the list of normative documents in force."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _library(world: Any) -> dict[str, Any]:
    from gongkai.documents import catalogue, services
    from gongkai.documents.attachments import document_attach
    from gongkai.documents.models import Document
    from tests.documents.test_public_pages import NEW, OLD

    old = services.document_create(actor=None, agency=world.city, data=OLD)
    (attachment,) = document_attach(actor=None, document=old, files=[("考核办法.pdf", PDF)])
    Document.objects.filter(pk=old.pk).update(state="published")
    new = services.document_create(actor=None, agency=world.city, data=NEW, state="published")
    services.document_relate(actor=None, source=new, target=old, kind="repeals", on=NEW.published_on)
    notice = services.document_create(
        actor=None,
        agency=world.city,
        data=replace(NEW, title="青山市人民政府关于做好政务公开工作的通知", kind="other", doc_number=""),
        state="published",
    )
    policy = catalogue.category_save(actor=None, agency=world.city, name="政策文件")
    budget = catalogue.category_save(actor=None, agency=world.city, name="财政信息")
    catalogue.item_create(
        actor=None,
        agency=world.city,
        data=catalogue.ItemInput(
            category=policy.pk,
            subject="行政规范性文件",
            content="本机关制定的行政规范性文件及其修改、废止情况",
            legal_basis="《中华人民共和国政府信息公开条例》第二十条第（一）项",
            time_limit="自形成或者变更之日起20个工作日内",
            responsible_unit="市政府办公室",
            channel="政府门户网站",
            method="主动公开",
            documents=("鲁政办字[2020]25号", "鲁政字〔2024〕28号"),
        ),
    )
    catalogue.item_create(
        actor=None,
        agency=world.city,
        data=catalogue.ItemInput(category=budget.pk, subject="部门预算", content="市政府部门预算及说明"),
    )
    return {"old": old, "new": new, "notice": notice, "attachment": attachment}


def _titles(page: Any) -> list[str]:
    return [title.strip() for title in page.locator("table.data tbody td:first-child a").all_inner_texts()]


def test_a_visitor_browses_the_column(live_server: Any, page: Any, world: Any, artifacts: Path) -> None:
    from tests.documents.test_public_pages import NEW, OLD

    docs = _library(world)
    base = live_server.url
    page.goto(f"{base}/gk/{world.city.code}/")
    assert "青山市人民政府" in page.get_by_role("heading", level=1).inner_text()

    # the 目录, browsed by category: each item with the documents that fulfil it
    page.get_by_role("link", name="主动公开事项目录").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("main").get_by_role("heading", level=2).all_inner_texts() == ["政策文件", "财政信息"]
    tabs = page.get_by_role("navigation", name="目录类别")
    tabs.get_by_role("link", name="财政信息").click()
    page.wait_for_load_state()
    assert page.get_by_role("main").get_by_role("heading", level=2).all_inner_texts() == ["财政信息"]
    assert "部门预算" in page.get_by_role("main").inner_text()
    page.get_by_role("link", name="全部类别").click()
    page.wait_for_load_state()
    tabs = page.get_by_role("navigation", name="目录类别")
    tabs.get_by_role("link", name="政策文件").click()
    page.wait_for_load_state()
    item = page.locator("article.catalogue-item", has=page.get_by_role("heading", name="行政规范性文件"))
    assert "第二十条" in item.inner_text()
    assert sorted(item.get_by_role("listitem").get_by_role("link").all_inner_texts()) == sorted([OLD.title, NEW.title])
    item.get_by_role("link", name=NEW.title).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == NEW.title
    page.goto(f"{base}/gk/{world.city.code}/")

    # the library list, filtered by kind and then by status
    page.get_by_role("link", name="政府文件库").first.click()
    page.wait_for_load_state()
    assert sorted(_titles(page)) == sorted([OLD.title, NEW.title, docs["notice"].title])
    page.get_by_label("类别").select_option(label="行政规范性文件")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert sorted(_titles(page)) == sorted([OLD.title, NEW.title])
    page.locator("#doc-status").select_option("repealed")  # its label: 状态 or 效力状态
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert _titles(page) == [OLD.title]
    assert "status=repealed" in page.url

    # the repealed document: its badge, the link to the repealing one and back
    page.get_by_role("link", name=OLD.title).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == OLD.title
    assert page.locator(".metadata .badge").inner_text() == "已废止"
    assert "鲁政办字〔2020〕25号" in page.locator(".metadata").inner_text()
    page.get_by_role("note").get_by_role("link", name=NEW.title).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == NEW.title
    assert page.locator(".metadata .badge").inner_text() == "现行有效"
    page.locator("section", has=page.get_by_role("heading", name="本文件修改或废止的文件")).get_by_role(
        "link", name=OLD.title
    ).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/gk/document/{docs['old'].pk}/")

    # the attachment, downloaded as published
    with page.expect_download() as download:
        page.get_by_role("link", name="考核办法.pdf").click()
    saved = Path(download.value.path())
    assert download.value.suggested_filename == "考核办法.pdf"
    digest = hashlib.sha256(saved.read_bytes()).hexdigest()
    assert digest == hashlib.sha256(PDF).hexdigest() == docs["attachment"].sha256
    page.screenshot(path=str(artifacts / "portal-repealed-document.png"), full_page=True)

    # the normative documents in force: the repealing one, not the repealed one nor the notice
    page.goto(f"{base}/gk/{world.city.code}/")
    page.get_by_role("link", name="现行有效的行政规范性文件").click()
    page.wait_for_load_state()
    assert _titles(page) == [NEW.title]
