"""The disclosure column in a real browser: browse the 目录 by category, open a repealed document,
follow the link to the repealing one, download an attachment and the body as Word; print it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.documents import catalogue, services
from gongkai.documents.attachments import document_attach
from gongkai.documents.models import Document
from tests.documents.test_public_pages import NEW, OLD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def column(world: Any) -> tuple[Document, Document]:
    old = services.document_create(actor=None, agency=world.city, data=OLD, state="published")
    new = services.document_create(actor=None, agency=world.city, data=NEW)
    document_attach(actor=None, document=new, files=[("附件1.pdf", b"%PDF-1.4\n%%EOF")])
    Document.objects.filter(pk=new.pk).update(state="published", published_on=date(2024, 2, 5))
    services.document_relate(actor=None, source=new, target=old, kind="repeals", on=date(2024, 2, 5))
    policy = catalogue.category_save(actor=None, agency=world.city, name="政策文件")
    catalogue.category_save(actor=None, agency=world.city, name="财政信息")
    catalogue.item_create(
        actor=None,
        agency=world.city,
        data=catalogue.ItemInput(
            category=policy.pk,
            subject="行政规范性文件",
            legal_basis="《中华人民共和国政府信息公开条例》第二十条第（一）项",
            documents=(old.index_number, new.index_number),
        ),
    )
    return old, new


def test_browse_the_catalogue_to_a_repealed_document_and_download(
    live_server: Any, page: Any, world: Any, column: tuple[Document, Document]
) -> None:
    old, new = column
    page.goto(f"{live_server.url}/gk/{world.city.code}/")
    page.get_by_role("link", name="主动公开事项目录").first.click()
    page.get_by_role("navigation", name="目录类别").get_by_role("link", name="政策文件").click()
    assert page.get_by_role("heading", name="行政规范性文件").is_visible()
    assert page.get_by_role("heading", name="财政信息").count() == 0  # one category shown
    page.get_by_role("link", name=old.title).click()
    assert "已废止" in page.locator("main").inner_text()
    page.get_by_role("note").get_by_role("link", name=new.title).click()
    page.wait_for_url(f"**/gk/document/{new.pk}/")
    with page.expect_download() as attachment:
        page.get_by_role("link", name="附件1.pdf").click()
    assert attachment.value.suggested_filename == "附件1.pdf"
    with page.expect_download() as word:
        page.get_by_role("link", name="下载正文（Word）").click()
    assert word.value.suggested_filename.endswith(".docx")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".downloads").is_visible()
    assert page.get_by_role("heading", name=new.title).is_visible()
