"""Attachments: kept as received, all or none, known by content; downloads for those who may
see personal data, audited."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone
from docx import Document

from gongkai.cases import services
from gongkai.cases.models import Case, CaseAttachment
from gongkai.cases.services import attachments as attachments_module
from gongkai.cases.services import intake as intake_module
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from tests.conftest import World

from .builders import application, assigned, registered

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


def _docx() -> bytes:
    document = Document()
    document.add_paragraph("申请材料：身份证复印件说明")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _ofd() -> bytes:
    return _zip({"OFD.xml": "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>", "Doc_0/Document.xml": "<x/>"})


GOOD = [
    ("申请书.pdf", PDF, "pdf"),
    ("身份证.png", PNG, "png"),
    ("照片.jpg", JPEG, "jpeg"),
    ("动图.gif", GIF, "gif"),
    ("说明.docx", _docx(), "docx"),
    ("营业执照.ofd", _ofd(), "ofd"),
]


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    cache.clear()


def stored_files(media_root: Path) -> set[Path]:
    folder = media_root / "attachments"
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


def logged_in(world: World, who: str) -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def attach(world: World, case: Case, files: list[tuple[str, bytes]], who: str = "handler") -> list[CaseAttachment]:
    return services.case_attach(case, actor=world.users[who], files=files, source="office")


# -- the service ---------------------------------------------------------------------------------


def test_good_files_of_each_kind_are_kept_as_received(world: World, media_root: Path) -> None:
    case = assigned(world)
    before = stored_files(media_root)
    rows = attach(world, case, [(name, data) for name, data, _ in GOOD])
    assert [row.media_type for row in rows] == [kind for _, _, kind in GOOD]
    assert [row.name for row in rows] == [name for name, _, _ in GOOD]
    assert len(stored_files(media_root) - before) == len(GOOD)
    for row, (_, data, kind) in zip(rows, GOOD, strict=True):
        assert row.size == len(data)
        assert row.source == "office"
        assert row.uploaded_by == world.users["handler"]
        assert row.file.name.startswith("attachments/")
        assert row.file.name.endswith({"jpeg": ".jpg"}.get(kind, f".{kind}"))
        assert "申请书" not in row.file.name  # the storage name is generated, never the uploaded one
        assert services.attachment_bytes(row, user=world.users["handler"]) == data
    event = AuditEvent.objects.get(action="case.attached")
    assert event.object_id == str(case.pk)
    assert [f["name"] for f in event.details["files"]] == [name for name, _, _ in GOOD]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
        ("page.html", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)),
        ("材料.zip", _zip({"a.txt": "x"})),
        ("fake.pdf", b"this is not a pdf %PDF-1.4"),
        ("empty.pdf", b""),
    ],
)
def test_a_bad_file_refuses_the_whole_upload(world: World, media_root: Path, name: str, data: bytes) -> None:
    case = assigned(world)
    before = stored_files(media_root)
    with pytest.raises(ValidationFailed) as refused:
        attach(world, case, [("好的.pdf", PDF), (name, data)])
    assert name in refused.value.message
    assert "好的.pdf" not in refused.value.message
    assert not CaseAttachment.objects.exists()
    assert stored_files(media_root) == before
    assert not AuditEvent.objects.filter(action="case.attached").exists()


def test_every_bad_file_is_named(world: World) -> None:
    case = assigned(world)
    with pytest.raises(ValidationFailed) as refused:
        attach(world, case, [("a.exe", b"MZ"), ("b.html", b"<html>")])
    assert isinstance(refused.value.details, list)
    assert any("a.exe" in line for line in refused.value.details)
    assert any("b.html" in line for line in refused.value.details)


@override_settings(GONGKAI_ATTACHMENT_MAX_BYTES=1024)
def test_a_file_too_large_is_refused(world: World, media_root: Path) -> None:
    case = assigned(world)
    before = stored_files(media_root)
    with pytest.raises(ValidationFailed) as refused:
        attach(world, case, [("大文件.pdf", PDF + bytes(1024))])
    assert "大文件.pdf" in refused.value.message
    assert "1 KB" in refused.value.message
    assert not CaseAttachment.objects.exists()
    assert stored_files(media_root) == before
    assert attach(world, case, [("小文件.pdf", PDF)])  # under the limit: kept


def test_at_most_ten_files_at_once(world: World, media_root: Path) -> None:
    case = assigned(world)
    before = stored_files(media_root)
    with pytest.raises(ValidationFailed) as refused:
        attach(world, case, [(f"{n}.png", PNG) for n in range(11)])
    assert "10" in refused.value.message
    assert "11" in refused.value.message
    assert not CaseAttachment.objects.exists()
    assert stored_files(media_root) == before
    assert len(attach(world, case, [(f"{n}.png", PNG) for n in range(10)])) == 10


def test_a_failure_after_storing_leaves_no_file(
    world: World, media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = assigned(world)
    before = stored_files(media_root)

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(attachments_module, "record_event", broken)
    with pytest.raises(RuntimeError):
        attach(world, case, [("a.pdf", PDF), ("b.png", PNG)])
    assert not CaseAttachment.objects.exists()
    assert stored_files(media_root) == before


def test_names_lose_folders_and_control_characters(world: World) -> None:
    case = assigned(world)
    (row,) = attach(world, case, [("../../etc/申请\x00书.pdf", PDF)])
    assert row.name == "申请书.pdf"
    (unnamed,) = attach(world, case, [("", PNG)])
    assert unnamed.name.endswith(".png")


def test_who_may_attach(world: World) -> None:
    case = assigned(world)
    assert attach(world, case, [("a.pdf", PDF)], who="head")
    assert attach(world, case, [("a.pdf", PDF)], who="registrar")
    for who in ("city_supervisor", "other_handler", "nobody"):
        with pytest.raises(PermissionDenied):
            attach(world, case, [("a.pdf", PDF)], who=who)
    with pytest.raises(PermissionDenied):  # the applicant's files come only with the application
        services.case_attach(case, actor=world.users["handler"], files=[("a.pdf", PDF)], source="applicant")


def test_download_permission(world: World) -> None:
    case = assigned(world)
    (row,) = attach(world, case, [("a.pdf", PDF)])
    assert services.attachment_bytes(row, user=world.users["head"]) == PDF
    for who in ("registrar", "city_supervisor"):  # they see the case, not the applicant's data
        with pytest.raises(PermissionDenied):
            services.attachment_bytes(row, user=world.users[who])
    assert AuditEvent.objects.filter(action="case.attachment_downloaded").count() == 1


def test_a_damaged_file_is_not_handed_out(world: World) -> None:
    case = assigned(world)
    (row,) = attach(world, case, [("a.pdf", PDF)])
    Path(row.file.path).write_bytes(PDF + b"tampered")
    with pytest.raises(ValidationFailed, match=r"a\.pdf"):
        services.attachment_bytes(row, user=world.users["handler"])


# -- intake ----------------------------------------------------------------------------------


def test_online_submission_with_attachments_is_one_transaction(world: World, media_root: Path) -> None:
    submitted = services.case_submit_online(
        agency=world.city, application=application(), attachments=[("申请书.pdf", PDF), ("身份证.png", PNG)]
    )
    rows = list(submitted.case.attachments.all())
    assert [(row.name, row.source, row.uploaded_by) for row in rows] == [
        ("申请书.pdf", "applicant", None),
        ("身份证.png", "applicant", None),
    ]
    again = services.case_submit_online(
        agency=world.city, application=application(), attachments=[("申请书.pdf", PDF), ("身份证.png", PNG)]
    )
    assert again.case == submitted.case
    assert not again.created
    assert CaseAttachment.objects.count() == 2


def test_a_bad_attachment_refuses_the_application(world: World, media_root: Path) -> None:
    before = stored_files(media_root)
    with pytest.raises(ValidationFailed, match=r"setup\.exe"):
        services.case_submit_online(
            agency=world.city, application=application(), attachments=[("a.pdf", PDF), ("setup.exe", b"MZ\x90")]
        )
    assert not Case.objects.exists()
    assert stored_files(media_root) == before


def test_a_failure_after_the_attachments_leaves_no_case_and_no_file(
    world: World, media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = stored_files(media_root)
    real = intake_module.case_attach

    def attach_then_fail(*args: Any, **kwargs: Any) -> list[CaseAttachment]:
        real(*args, **kwargs)
        assert stored_files(media_root) != before  # stored by now
        raise RuntimeError("the database went away")

    monkeypatch.setattr(intake_module, "case_attach", attach_then_fail)
    with pytest.raises(RuntimeError):
        services.case_submit_online(agency=world.city, application=application(), attachments=[("a.pdf", PDF)])
    assert not Case.objects.exists()
    assert stored_files(media_root) == before


# -- the public form -------------------------------------------------------------------------

FORM = {
    "kind": "natural_person",
    "name": "赵六",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "description": "青山市2025年度部门预算公开表",
    "delivery_form": "electronic",
    "delivery_method": "online",
}


def _post(client: Client, world: World, *files: tuple[str, bytes]) -> Any:
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(f"/apply/{world.city.code}/", {**FORM, "attachments": uploads})


def test_the_online_form_takes_attachments(client: Client, world: World) -> None:
    page = client.get(f"/apply/{world.city.code}/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page
    assert "multiple" in page
    response = _post(client, world, ("申请书.pdf", PDF), ("营业执照.ofd", _ofd()))
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.number in response.content.decode()
    kept = sorted(case.attachments.values_list("name", "media_type"))
    assert kept == [("申请书.pdf", "pdf"), ("营业执照.ofd", "ofd")]
    _post(client, world, ("申请书.pdf", PDF), ("营业执照.ofd", _ofd()))  # a double click
    assert Case.objects.count() == 1
    assert CaseAttachment.objects.count() == 2


def test_the_online_form_without_attachments(client: Client, world: World) -> None:
    assert client.post(f"/apply/{world.city.code}/", FORM).status_code == 200
    assert Case.objects.count() == 1
    assert not CaseAttachment.objects.exists()


def test_the_online_form_names_a_bad_file(client: Client, world: World, media_root: Path) -> None:
    before = stored_files(media_root)
    response = _post(client, world, ("申请书.pdf", PDF), ("病毒.exe", b"MZ\x90\x00"))
    body = response.content.decode()
    assert "病毒.exe" in body
    assert not Case.objects.exists()
    assert stored_files(media_root) == before


# -- the staff pages -------------------------------------------------------------------------


def test_the_case_page_lists_attachments_with_links_for_those_allowed(world: World) -> None:
    case = assigned(world)
    (row,) = attach(world, case, [("申请书.pdf", PDF)])
    link = f"/staff/cases/{case.pk}/attachments/{row.pk}/"
    handler = logged_in(world, "handler").get(f"/staff/cases/{case.pk}/").content.decode()
    assert "申请书.pdf" in handler
    assert link in handler
    assert f'action="/staff/cases/{case.pk}/attachments/"' in handler
    registrar = logged_in(world, "registrar").get(f"/staff/cases/{case.pk}/").content.decode()
    assert "申请书.pdf" in registrar
    assert link not in registrar


def test_download_view(world: World) -> None:
    case = assigned(world)
    (row,) = attach(world, case, [("申请书.pdf", PDF)])
    url = f"/staff/cases/{case.pk}/attachments/{row.pk}/"
    response = logged_in(world, "handler").get(url)
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf" in disposition
    assert AuditEvent.objects.filter(action="case.attachment_downloaded", object_id=str(row.pk)).count() == 1
    assert logged_in(world, "registrar").get(url).status_code == 403
    assert logged_in(world, "other_handler").get(url).status_code == 404
    assert AuditEvent.objects.filter(action="case.attachment_downloaded").count() == 1


def test_download_of_another_cases_attachment_is_404(world: World) -> None:
    case = assigned(world)
    other = registered(world)
    (row,) = attach(world, other, [("a.pdf", PDF)], who="registrar")
    assert logged_in(world, "handler").get(f"/staff/cases/{case.pk}/attachments/{row.pk}/").status_code == 404


def test_a_misnamed_file_downloads_with_its_real_suffix(world: World) -> None:
    case = assigned(world)
    (row,) = attach(world, case, [("scan.exe", PNG)])
    response = logged_in(world, "handler").get(f"/staff/cases/{case.pk}/attachments/{row.pk}/")
    assert response["Content-Type"] == "image/png"
    assert 'filename="scan.exe.png"' in response["Content-Disposition"]


def test_the_office_uploads_from_the_case_page(world: World) -> None:
    case = assigned(world)
    client = logged_in(world, "handler")
    response = client.post(
        f"/staff/cases/{case.pk}/attachments/",
        {"attachments": [SimpleUploadedFile("补充.pdf", PDF), SimpleUploadedFile("图.gif", GIF)]},
    )
    assert response.status_code == 302
    assert sorted(case.attachments.values_list("name", "source")) == [("图.gif", "office"), ("补充.pdf", "office")]
    refused = client.post(
        f"/staff/cases/{case.pk}/attachments/", {"attachments": [SimpleUploadedFile("x.html", b"<html>")]}, follow=True
    )
    assert "x.html" in refused.content.decode()
    assert case.attachments.count() == 2
    assert (
        logged_in(world, "city_supervisor")
        .post(f"/staff/cases/{case.pk}/attachments/", {"attachments": [SimpleUploadedFile("a.pdf", PDF)]})
        .status_code
        == 302
    )
    assert case.attachments.count() == 2
    assert (
        logged_in(world, "other_handler")
        .post(f"/staff/cases/{case.pk}/attachments/", {"attachments": [SimpleUploadedFile("a.pdf", PDF)]})
        .status_code
        == 404
    )


def test_an_archived_case_takes_no_file(world: World) -> None:
    case = assigned(world)
    Case.objects.filter(pk=case.pk).update(archived_at=timezone.now())
    with pytest.raises(InvalidTransition):
        attach(world, case, [("a.pdf", PDF)], who="head")
    assert not CaseAttachment.objects.exists()
