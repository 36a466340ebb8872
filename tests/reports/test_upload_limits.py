"""Request-wide upload limits: one promise for the form, the request parser and file intake, said in Chinese.

Too many files, a body past the limit or form fields past Django's get a Chinese page on the web and
the JSON error on the API (413), never Django's bare 400; a GBK file name is decoded, not dropped;
the size and count limits are the whole upload's (tests/files/test_uploads.py has the pure cases).
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from gongkai.core.errors import ValidationFailed
from gongkai.core.files import read_caps, upload_limits
from gongkai.core.middleware import RequestLimitsMiddleware, Utf8PartHeaders
from gongkai.files import ReadCaps, load_source
from gongkai.files import caps as caps_module
from gongkai.reports.audit import audit_file
from gongkai.reports.forms import UploadForm
from gongkai.reports.services import unpack
from tests.files.bombs import MB, docx_bomb, pdf_bomb, zip_set

from ..conftest import World

BOUNDARY = "----gongkai-test-boundary"


def _files(count: int) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"{n}.txt", b"x") for n in range(count)]


def _upload(client: Client, world: World, files: list[SimpleUploadedFile], **extra: str) -> HttpResponse:
    client.force_login(world.users["city_supervisor"])
    return client.post(reverse("reports:upload"), {"agency": world.city.pk, "documents": files}, **extra)  # type: ignore[return-value]


def test_the_form_the_parser_and_file_intake_promise_the_same_count() -> None:
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == settings.GONGKAI_UPLOAD_MAX_FILES == 500
    assert upload_limits().max_files == 500
    assert upload_limits().max_unpacked_bytes == 200 * MB


@pytest.mark.django_db
def test_the_upload_form_says_the_limits_in_chinese(world: World) -> None:
    form = UploadForm(agencies=world.city.__class__.objects.all())
    assert form.fields["documents"].help_text == (
        "一次最多上传500个文件（含ZIP压缩包内的文件），合计不超过200 MB（压缩包按解压后计）；"
        "每个文件不超过20 MB，每个ZIP压缩包不超过100 MB。"
    )


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=3)
def test_too_many_files_get_a_chinese_page_not_a_bare_400(client: Client, world: World) -> None:
    response = _upload(client, world, _files(4))
    assert response.status_code == 413
    text = response.content.decode()
    assert "文件过多：一次最多上传3个文件。" in text
    assert "<html" in text


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=3)
def test_too_many_files_get_the_json_error_on_the_api(client: Client, world: World) -> None:
    client.force_login(world.users["city_supervisor"])
    response = client.post("/api/v1/reports/audit", {"file": _files(4)})
    assert response.status_code == 413
    assert response.json() == {
        "error": {"code": "too_many_files", "message": "文件过多：一次最多上传3个文件。", "details": {"max": 3}}
    }


@pytest.mark.django_db
@override_settings(GONGKAI_UPLOAD_MAX_REQUEST_BYTES=MB)
def test_a_body_past_the_limit_is_refused_unread_in_chinese(client: Client, world: World) -> None:
    response = _upload(client, world, [SimpleUploadedFile("大.txt", b"x" * (MB + 1))])
    assert response.status_code == 413
    assert "上传内容过大：一次上传不超过1 MB，请分批上传。" in response.content.decode()
    client.force_login(world.users["city_supervisor"])
    api = client.post("/api/v1/reports/audit", {"file": SimpleUploadedFile("大.txt", b"x" * (MB + 1))})
    assert api.status_code == 413
    assert api.json()["error"]["code"] == "request_too_large"


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2048)
def test_form_fields_past_djangos_limit_get_the_chinese_page(client: Client, world: World) -> None:
    client.force_login(world.users["city_supervisor"])
    response = client.post(reverse("reports:upload"), {"agency": "1" * 3000, "documents": _files(1)})
    assert response.status_code == 413
    assert "请求内容过大：表单数据（文件以外）不超过2 KB。" in response.content.decode()


def _multipart(filename: bytes, content: bytes) -> bytes:
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="agency"\r\n\r\n1\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="documents"; filename="'.encode()
        + filename
        + b'"\r\nContent-Type: text/plain\r\n\r\n'
        + content
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


def _names_seen(body: bytes) -> list[str]:
    def view(request: HttpRequest) -> HttpResponse:
        return JsonResponse({"names": [file.name for file in request.FILES.getlist("documents")]})

    request = RequestFactory().post(
        "/staff/reports/upload/", body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )
    response = RequestLimitsMiddleware(view)(request)
    assert response.status_code == 200
    return list(json.loads(response.content)["names"])


def test_a_gbk_file_name_is_decoded_not_dropped() -> None:
    assert _names_seen(_multipart("青山市2023年报告.txt".encode("gbk"), b"content")) == ["青山市2023年报告.txt"]


def test_utf8_names_and_file_contents_pass_unchanged() -> None:
    content = ("正文".encode("gbk") + b"\r\n\r\n" + BOUNDARY.encode()[4:]) * 5000  # header-like bytes inside
    body = _multipart("报告.txt".encode(), content)
    assert _names_seen(body) == ["报告.txt"]
    stream = Utf8PartHeaders(_Chunks(body, 777), BOUNDARY.encode())
    out = b"".join(iter(lambda: stream.read(1000), b""))
    assert out == body
    assert stream.decoded == 0


class _Chunks:
    """A stream that hands out ``body`` in chunks of ``size`` (boundaries fall across reads)."""

    def __init__(self, body: bytes, size: int) -> None:
        self._body = body
        self._size = size

    def read(self, size: int = -1) -> bytes:
        out, self._body = self._body[: self._size], self._body[self._size :]
        return out


def test_a_gbk_header_split_across_reads_is_decoded() -> None:
    body = _multipart("报告.txt".encode("gbk"), b"x" * 10_000)
    stream = Utf8PartHeaders(_Chunks(body, 7), BOUNDARY.encode())
    out = b"".join(iter(lambda: stream.read(100), b""))
    assert out == body.replace("报告.txt".encode("gbk"), "报告.txt".encode())
    assert stream.decoded == 1


# --- the whole upload, in the upload's words -----------------------------------------------


@override_settings(GONGKAI_UPLOAD_MAX_TOTAL_BYTES=5 * MB)
def test_zips_each_within_the_limit_are_refused_together_in_chinese() -> None:
    archives = [SimpleUploadedFile(name, data) for name, data in zip_set(3, 2 * MB)]
    with pytest.raises(ValidationFailed) as refused:
        unpack(archives)
    assert refused.value.message == "一次上传的文件合计不超过5 MB（压缩包按解压后计），请分批上传。"


@override_settings(GONGKAI_UPLOAD_MAX_FILE_BYTES=MB)
def test_the_size_in_the_message_is_the_settings() -> None:
    with pytest.raises(ValidationFailed) as refused:
        unpack([SimpleUploadedFile("大.txt", b"x" * (MB + 1))])
    assert refused.value.message == "“大.txt”超过1 MB。"


# --- the caps come from the settings and end up as findings --------------------------------


def test_the_caps_are_the_settings() -> None:
    assert read_caps() == ReadCaps()
    assert caps_module.current() == read_caps()


def test_a_changed_setting_changes_the_caps_of_every_read() -> None:
    data = docx_bomb(2 * MB)
    with override_settings(GONGKAI_FILES_MAX_PART_BYTES=MB, GONGKAI_FILES_MAX_RATIO=10**9):
        doc = load_source(data, "炸弹.docx")
        assert not doc.readable
        report = audit_file(data, "炸弹.docx")
    assert caps_module.current() == ReadCaps()
    (finding,) = report.errors
    assert (finding.rule, finding.message) == (
        "P0",
        "DOCX文件中的word/document.xml解压后超过1 MB，可能是压缩炸弹，未读取",
    )


@override_settings(GONGKAI_FILES_PDF_MAX_STREAM_BYTES=MB)
def test_a_cut_pdf_is_a_p5_warning_in_the_audit() -> None:
    report = audit_file(pdf_bomb(3 * MB), "炸弹.pdf")
    assert ("P5", "PDF文件中的数据流解压后超过1 MB，超出部分未读取") in [(f.rule, f.message) for f in report.warnings]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2048)
def test_a_json_body_past_djangos_limit_gets_the_json_error(client: Client) -> None:
    response = client.post("/api/v1/clock", json.dumps({"pad": "x" * 4000}), content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "request_too_large",
        "message": "请求内容过大：一次请求不超过2 KB。",
        "details": {"max": 2048},
    }


@pytest.mark.django_db
@override_settings(
    GONGKAI_FILES_MAX_PART_BYTES=MB, GONGKAI_FILES_MAX_RATIO=10**9, GONGKAI_FILES_PDF_MAX_STREAM_BYTES=MB
)
def test_bombs_in_an_upload_are_audited_with_the_chinese_reason(client: Client, world: World) -> None:
    from gongkai.reports.models import PublishedReport, ReportUpload
    from gongkai.reports.services import report_upload_run

    files = [SimpleUploadedFile("炸弹.docx", docx_bomb(2 * MB)), SimpleUploadedFile("炸弹.pdf", pdf_bomb(3 * MB))]
    assert _upload(client, world, files).status_code == 302
    report_upload_run(upload_id=ReportUpload.objects.get().pk)
    docx = PublishedReport.objects.get(file_name="炸弹.docx")
    assert docx.format == "unreadable"
    page = client.get(reverse("reports:detail", args=[docx.pk])).content.decode()
    assert "DOCX文件中的word/document.xml解压后超过1 MB，可能是压缩炸弹，未读取" in page
    pdf = PublishedReport.objects.get(file_name="炸弹.pdf")
    page = client.get(reverse("reports:detail", args=[pdf.pk])).content.decode()
    assert "PDF文件中的数据流解压后超过1 MB，超出部分未读取" in page
