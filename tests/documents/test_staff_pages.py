"""Staff pages of the library: new draft, change, files, interpretations, relations, revision."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.core.errors import ValidationFailed
from gongkai.documents import services
from gongkai.documents.attachments import document_attach
from gongkai.documents.models import Document, DocumentAttachment, DocumentRelation
from tests.conftest import World
from tests.factories import UserFactory, grant

from .test_public_pages import NEW, OLD, published

pytestmark = pytest.mark.django_db

FORM = {
    "agency": "city",
    "kind": "normative",
    "title": "青山市人民政府办公室关于印发青山市政务公开工作要点的通知",
    "doc_number": "青政办发[2026]3号",
    "status": "in_force",
    "disclosure": "proactive",
    "written_on": "2026-03-02",
}


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def editor(world: World) -> Client:
    user = UserFactory(username="city_editor")
    grant(user, world.city, Role.EDITOR)
    client = Client()
    client.force_login(user)
    return client


def test_an_editor_drafts_changes_and_adds_files(world: World, editor: Client) -> None:
    assert editor.get("/staff/documents/new/").status_code == 200
    response = editor.post("/staff/documents/new/", FORM)
    doc = Document.objects.get()
    assert response.url == f"/staff/documents/{doc.pk}/"
    assert doc.doc_number_norm == "青政办发〔2026〕3号"
    page = editor.get(f"/staff/documents/{doc.pk}/").content.decode()
    assert doc.index_number in page
    editor.post(f"/staff/documents/{doc.pk}/edit/", {**FORM, "topic": "政务公开"})
    doc.refresh_from_db()
    assert doc.topic == "政务公开"
    upload = SimpleUploadedFile("附件1.docx", docx_bytes("联系人：张三，电话13800138000"))
    editor.post(f"/staff/documents/{doc.pk}/files/", {"files": [upload]})
    attachment = DocumentAttachment.objects.get()
    assert attachment.media_type == "docx"
    assert "13800138000" in attachment.text  # kept for the pre-publication checks
    download = editor.get(f"/staff/documents/{doc.pk}/files/{attachment.pk}/")
    assert download.status_code == 200
    assert "filename*=UTF-8''" in download["Content-Disposition"]
    assert Client().get(f"/gk/document/{doc.pk}/files/{attachment.pk}/").status_code == 404  # not published


def test_bad_files_are_refused_all_together(world: World) -> None:
    doc = services.document_create(actor=None, agency=world.city, data=OLD)
    with pytest.raises(ValidationFailed, match=r"evil\.exe"):
        document_attach(actor=None, document=doc, files=[("ok.pdf", b"%PDF-1.4\n%%EOF"), ("evil.exe", b"MZ\x90\x00")])
    assert not DocumentAttachment.objects.exists()


def test_interpretation_relation_and_revision_from_the_page(world: World, editor: Client) -> None:
    editor.post("/staff/documents/new/", {**FORM, "is_policy": "on"})
    doc = Document.objects.get()
    page = editor.get(f"/staff/documents/{doc.pk}/").content.decode()
    assert "三同步" in page  # the blocker is shown
    editor.post(
        f"/staff/documents/{doc.pk}/interpretations/", {"title": "政策解读", "kind": "text", "body": "一、背景"}
    )
    assert doc.interpretations.count() == 1
    target = published(world, OLD)
    editor.post(f"/staff/documents/{doc.pk}/relations/", {"kind": "repeals", "target": "鲁政办字(2020)25号"})
    assert DocumentRelation.objects.filter(source=doc, target=target, kind="repeals").exists()
    missing = editor.post(
        f"/staff/documents/{doc.pk}/relations/", {"kind": "repeals", "target": "不存在〔2020〕1号"}, follow=True
    )
    assert "不存在〔2020〕1号" in missing.content.decode()
    shown = published(world, replace(NEW, title="已发布文件"))
    editor.post(f"/staff/documents/{shown.pk}/revise/")
    assert Document.objects.filter(previous_version=shown).count() == 1


def test_public_download_of_a_published_documents_file(world: World) -> None:
    doc = services.document_create(actor=None, agency=world.city, data=OLD)
    (attachment,) = document_attach(actor=None, document=doc, files=[("正文.pdf", b"%PDF-1.4\n%%EOF")])
    Document.objects.filter(pk=doc.pk).update(state="published")
    response = Client().get(f"/gk/document/{doc.pk}/files/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"%PDF-1.4\n%%EOF"


def test_others_reach_nothing(world: World, editor: Client) -> None:
    editor.post("/staff/documents/new/", FORM)
    doc = Document.objects.get()
    other: Any = Client()
    other.force_login(world.users["other_handler"])
    assert other.get(f"/staff/documents/{doc.pk}/").status_code == 404
    assert other.get("/staff/documents/new/").status_code == 404
    handler = Client()
    handler.force_login(world.users["handler"])
    assert handler.post("/staff/documents/new/", FORM).status_code == 404
