"""The column's extras (issue 13 item 7): Word and PDF of a body, the annual reports, the cache, printing."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from gongkai.core.fonts import cjk_fonts
from gongkai.documents import downloads, services
from gongkai.documents.models import Document
from gongkai.files import load_source
from tests.conftest import World

from .test_public_pages import NEW, OLD, published

pytestmark = pytest.mark.django_db

BODY = (
    "<p>各市人民政府，各县（市、区）人民政府：</p><h2>一、总体要求</h2><p>坚持<strong>以公开为常态</strong>、"
    "不公开为例外。<br>第二行</p><ul><li>主动公开</li><li>依申请公开</li></ul>"
    "<table><tr><th>项目</th><th>数量</th></tr><tr><td>规章</td><td>3</td></tr></table>"
    '<p><img src="http://169.254.169.254/latest/meta-data/" alt="示意图"></p>'
)


def test_the_body_as_word_with_the_east_asian_font(world: World, client: Client) -> None:
    import docx
    from docx.oxml.ns import qn

    doc = published(world, replace(OLD, body=BODY))
    response = client.get(f"/gk/document/{doc.pk}/body.docx")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    word = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in word.paragraphs)
    assert OLD.title in text
    assert "鲁政办字〔2020〕25号" in text
    assert "一、总体要求" in text
    assert "坚持以公开为常态、不公开为例外。" in text
    assert "· 主动公开" in text
    assert "[示意图]" in text
    assert "2020年3月2日" in text  # the date written, as Chinese documents give it
    assert word.tables[0].cell(1, 0).text == "规章"
    fonts = word.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "宋体"
    bold = [r.text for p in word.paragraphs for r in p.runs if r.bold]
    assert "以公开为常态" in bold


@pytest.mark.skipif(not cjk_fonts(), reason="no CJK font installed (fonts-noto-cjk): Chinese cannot be drawn")
def test_the_body_as_pdf_with_chinese_text_and_nothing_fetched(world: World, client: Client) -> None:
    doc = published(world, replace(OLD, body=BODY))
    response = client.get(f"/gk/document/{doc.pk}/body.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(block.as_text() for block in load_source(response.content, "body.pdf").blocks)
    assert "总体要求" in text
    assert "鲁政办字〔2020〕25号" in text


def test_without_a_cjk_font_the_pdf_is_refused_in_chinese(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloads, "cjk_font_stack", lambda: "")
    doc = published(world, replace(OLD, body=BODY, title="另一份文件"))
    response = client.get(f"/gk/document/{doc.pk}/body.pdf")
    assert response.status_code == 503
    assert "未安装中文（CJK）字体" in response.content.decode()
    assert client.get(f"/gk/document/{doc.pk}/body.docx").status_code == 200  # Word needs no font on the server


def test_a_draft_has_no_download_and_the_page_links_both(world: World, client: Client) -> None:
    draft = services.document_create(actor=None, agency=world.city, data=OLD)
    assert client.get(f"/gk/document/{draft.pk}/body.docx").status_code == 404
    assert client.get(f"/gk/document/{draft.pk}/body.pdf").status_code == 404
    doc = published(world, NEW)
    page = client.get(f"/gk/document/{doc.pk}/").content.decode()
    assert f"/gk/document/{doc.pk}/body.docx" in page
    assert f"/gk/document/{doc.pk}/body.pdf" in page


def test_an_empty_body_still_gives_a_word_file(world: World, client: Client) -> None:
    doc = published(world, replace(NEW, body=""))
    assert client.get(f"/gk/document/{doc.pk}/body.docx").status_code == 200


def test_the_column_lists_the_published_annual_reports(world: World, client: Client) -> None:
    report = published(
        world,
        replace(
            NEW,
            title="青山市人民政府2023年政府信息公开工作年度报告",
            kind="other",
            doc_number="",
            topic="",
        ),
    )
    services.document_create(
        actor=None, agency=world.city, data=replace(NEW, title="青山市人民政府2024年政府信息公开工作年度报告（草稿）")
    )
    below = published(
        world, replace(NEW, title="绿水县人民政府2023年政府信息公开工作年度报告", doc_number=""), world.county
    )
    page = client.get(f"/gk/{world.city.code}/").content.decode()
    assert 'id="reports-title"' in page
    assert f"/gk/document/{report.pk}/" in page
    assert "（草稿）" not in page
    section = page.split('id="reports-title"', 1)[1].split("</section>", 1)[0]
    assert below.title not in section  # the county's report is the county's
    assert "政府信息公开工作年度报告" in client.get(f"/gk/{world.county.code}/").content.decode()


def test_public_pages_are_cached_for_a_minute_and_a_publication_shows_at_once(world: World, client: Client) -> None:
    url = f"/gk/{world.city.code}/documents/"
    first = client.get(url)
    assert "public" in first["Cache-Control"]
    assert "max-age=60" in first["Cache-Control"]
    assert "X-Gongkai-Cache" not in first
    again = client.get(url)
    assert again["X-Gongkai-Cache"] == "hit"
    assert again.content == first.content
    doc = published(world, OLD)  # saved in this process: the cached pages are stale now
    fresh = client.get(url)
    assert "X-Gongkai-Cache" not in fresh
    assert doc.title in fresh.content.decode()
    Document.objects.filter(pk=doc.pk).update(title="只在一分钟后可见")  # no signal: the minute bounds it
    assert "只在一分钟后可见" not in client.get(url).content.decode()


def test_signed_in_users_get_no_cached_page(world: World) -> None:
    staff = Client()
    staff.force_login(world.users["handler"])
    url = f"/gk/{world.city.code}/"
    Client().get(url)  # an anonymous visitor fills the cache
    response = staff.get(url)
    assert "X-Gongkai-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert response.status_code == 200


def test_bad_filters_on_the_html_list_are_no_500(world: World, client: Client) -> None:
    published(world, OLD)
    base = f"/gk/{world.city.code}/documents/"
    for query in ({"kind": "\x00"}, {"q": "a\x00b"}, {"topic": "\x00"}, {"year": "²"}, {"year": "２０２０"}):
        assert client.get(base, query).status_code == 200


def test_the_print_stylesheet_leaves_the_content_only() -> None:
    css = (Path(settings.BASE_DIR) / "gongkai" / "portal" / "static" / "gongkai" / "site.css").read_text()
    rules = css.split("@media print {", 2)[-1]
    for hidden in (".site-header", ".breadcrumb", "form.filters", ".downloads"):
        assert hidden in rules
