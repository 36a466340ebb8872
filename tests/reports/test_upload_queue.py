"""Uploads are stored and queued by the request and audited by the worker; their page shows the progress."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from gongkai.core.models import AuditEvent
from gongkai.reports import services
from gongkai.reports.models import PublishedReport, ReportUpload, UploadStatus
from gongkai.reports.services import report_upload_enqueue, report_upload_run

from ..conftest import World
from .test_views import text_of, zip_of
from .worker import run_worker

pytestmark = pytest.mark.django_db


def post_upload(client: Client, world: World, *files: SimpleUploadedFile, who: str = "city_supervisor"):  # type: ignore[no-untyped-def]
    client.force_login(world.users[who])
    return client.post(reverse("reports:upload"), {"agency": world.city.pk, "documents": list(files)})


def status_page(client: Client, upload: ReportUpload):  # type: ignore[no-untyped-def]
    return client.get(reverse("reports:upload_status", args=[upload.pk]))


def actions(upload: ReportUpload) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="reports.reportupload", object_id=str(upload.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_the_request_stores_the_files_and_queues_one_task(client: Client, world: World) -> None:
    archive = zip_of({"青山市.txt": text_of("青山市人民政府"), "绿水县.txt": text_of("绿水县人民政府")})
    response = post_upload(client, world, SimpleUploadedFile("两份.zip", archive))
    upload = ReportUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:upload_status", args=[upload.pk])
    assert not PublishedReport.objects.exists()  # nothing audited in the request
    task = DBTaskResult.objects.get()
    assert (task.status, task.task_path, task.args_kwargs) == (
        "READY",
        "gongkai.reports.tasks.audit_upload",
        {"args": [upload.pk], "kwargs": {}},
    )
    assert upload.task_id == str(task.id)
    assert (upload.status, upload.agency, upload.uploaded_by) == ("queued", world.city, world.users["city_supervisor"])
    assert [entry["name"] for entry in upload.files] == ["青山市.txt", "绿水县.txt"]
    for entry in upload.files:
        assert default_storage.exists(entry["file"])
    assert actions(upload) == ["report.upload_queued"]
    page = status_page(client, upload)
    assert page["Refresh"] == "3"
    html = page.content.decode()
    assert "<strong>排队中</strong>" in html
    assert "文件已保存，正在等待开始审核。" in html
    assert "青山市.txt" in html
    assert "绿水县.txt" in html


def test_the_worker_audits_the_upload_and_the_page_shows_the_result(client: Client, world: World) -> None:
    archive = zip_of({"青山市.txt": text_of("青山市人民政府"), "绿水县.txt": text_of("绿水县人民政府")})
    post_upload(client, world, SimpleUploadedFile("两份.zip", archive))
    upload = ReportUpload.objects.get()
    assert run_worker() == 1
    upload.refresh_from_db()
    assert upload.status == UploadStatus.DONE
    assert upload.reason == ""
    assert upload.started_at is not None
    assert upload.finished_at is not None
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    rows = {row.file_name: row for row in upload.reports.all()}
    assert {name: row.agency for name, row in rows.items()} == {"青山市.txt": world.city, "绿水县.txt": world.county}
    assert {row.file.name for row in rows.values()} == {entry["file"] for entry in upload.files}  # no copies
    assert actions(upload) == ["report.upload_queued", "report.upload_started", "report.upload_done"]
    assert AuditEvent.objects.filter(action="report.uploaded").count() == 2
    done = AuditEvent.objects.get(action="report.upload_done")
    assert (done.details["from"], done.details["to"], done.details["reports"]) == ("running", "done", 2)
    page = status_page(client, upload)
    assert "Refresh" not in page
    html = page.content.decode()
    assert "<strong>已完成</strong>" in html
    assert "已审核 2 份报告。" in html
    assert f'<a href="{reverse("reports:detail", args=[rows["青山市.txt"].pk])}">青山市.txt</a>' in html
    # the reports page lists the upload with its status
    listing = client.get(reverse("reports:list")).content.decode()
    assert reverse("reports:upload_status", args=[upload.pk]) in listing
    assert "<td>已完成</td>" in listing


def test_a_running_upload_says_so_and_keeps_refreshing(client: Client, world: World) -> None:
    post_upload(client, world, SimpleUploadedFile("qs.txt", text_of("青山市人民政府")))
    upload = ReportUpload.objects.get()
    ReportUpload.objects.filter(pk=upload.pk).update(status=UploadStatus.RUNNING)
    page = status_page(client, upload)
    assert page["Refresh"] == "3"
    assert "<strong>正在审核</strong>" in page.content.decode()
    assert "正在读取并核对报告。" in page.content.decode()


def test_a_task_run_twice_audits_once(world: World) -> None:
    upload = report_upload_enqueue(
        actor=world.users["city_supervisor"],
        agency=world.city,
        files=[SimpleUploadedFile("a.txt", text_of("青山市人民政府"))],
    )
    report_upload_run(upload_id=upload.pk)
    report_upload_run(upload_id=upload.pk)
    assert PublishedReport.objects.count() == 1
    assert actions(upload).count("report.upload_done") == 1


def test_a_damaged_stored_file_fails_in_chinese_and_the_files_stay(client: Client, world: World) -> None:
    post_upload(client, world, SimpleUploadedFile("qs.txt", text_of("青山市人民政府")))
    upload = ReportUpload.objects.get()
    stored = Path(default_storage.path(upload.files[0]["file"]))
    stored.write_bytes(b"changed after the upload")
    run_worker()
    upload.refresh_from_db()
    assert upload.status == UploadStatus.FAILED
    assert upload.reason == "无法从存储中读回上传的文件，请重新上传。"
    assert stored.exists()
    assert not PublishedReport.objects.exists()
    assert actions(upload) == ["report.upload_queued", "report.upload_started", "report.upload_failed"]
    failed = AuditEvent.objects.get(action="report.upload_failed")
    assert failed.details["reason"] == upload.reason
    page = status_page(client, upload)
    assert "Refresh" not in page
    html = page.content.decode()
    assert "<strong>失败</strong>" in html
    assert '<p id="upload-reason">无法从存储中读回上传的文件，请重新上传。</p>' in html
    assert "上传的文件已保留。" in html


def test_an_unexpected_error_fails_with_a_plain_reason_not_a_traceback(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("secret internals")

    monkeypatch.setattr(services, "audit_batch", broken)
    post_upload(client, world, SimpleUploadedFile("qs.txt", text_of("青山市人民政府")))
    run_worker()
    upload = ReportUpload.objects.get()
    assert upload.status == UploadStatus.FAILED
    assert upload.reason.startswith("审核因意外错误中止（已记入服务器日志）。上传的文件已保留")
    html = status_page(client, upload).content.decode()
    assert "secret internals" not in html
    assert "ZeroDivisionError" not in html
    assert all(default_storage.exists(entry["file"]) for entry in upload.files)


def test_a_task_that_failed_outside_the_service_is_shown_as_failed(client: Client, world: World) -> None:
    post_upload(client, world, SimpleUploadedFile("qs.txt", text_of("青山市人民政府")))
    upload = ReportUpload.objects.get()
    DBTaskResult.objects.filter(id=upload.task_id).update(status="FAILED")
    page = status_page(client, upload)
    assert "Refresh" not in page
    html = page.content.decode()
    assert "<strong>失败</strong>" in html
    assert "后台任务在记录结果之前中止。上传的文件已保留" in html


def test_a_bad_archive_is_refused_by_the_form_and_nothing_is_queued(client: Client, world: World) -> None:
    response = post_upload(client, world, SimpleUploadedFile("bad.zip", b"PK\x03\x04 not a zip"))
    assert response.status_code == 400
    assert "不是有效的ZIP文件" in response.content.decode()
    assert not ReportUpload.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_the_progress_page_is_scoped_to_the_users_agencies(client: Client, world: World) -> None:
    post_upload(client, world, SimpleUploadedFile("qs.txt", text_of("青山市人民政府")))
    upload = ReportUpload.objects.get()
    for who, status in [("other_handler", 404), ("county_handler", 404), ("handler", 200), ("supervisor", 200)]:
        client.force_login(world.users[who])
        assert status_page(client, upload).status_code == status, who
    client.force_login(world.users["other_handler"])
    assert (
        reverse("reports:upload_status", args=[upload.pk]) not in client.get(reverse("reports:list")).content.decode()
    )
    client.logout()
    assert status_page(client, upload).status_code == 302  # to the log-in page


def test_an_immediate_backend_runs_the_audit_before_the_request_returns(settings, world: World) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    upload = report_upload_enqueue(
        actor=world.users["city_supervisor"],
        agency=world.city,
        files=[SimpleUploadedFile("a.txt", text_of("青山市人民政府"))],
    )
    assert upload.status == UploadStatus.DONE
    assert upload.reports.count() == 1
    assert not DBTaskResult.objects.exists()


@pytest.fixture
def keep_signal_handlers() -> Iterator[None]:
    """db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back afterwards."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.mark.django_db(transaction=True)
def test_gongkai_db_worker_runs_the_queued_audit(client: Client, world: World, keep_signal_handlers: None) -> None:
    post_upload(client, world, SimpleUploadedFile("qs.txt", text_of("青山市人民政府")))
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", stdout=StringIO())
    upload = ReportUpload.objects.get()
    assert upload.status == UploadStatus.DONE
    assert upload.reports.get().score == 100
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_history_import_is_queued_too_and_kept_by_the_worker(client: Client, world: World) -> None:
    client.force_login(world.users["admin"])
    file = SimpleUploadedFile("2023.txt", text_of("青山市人民政府"))
    response = client.post(reverse("reports:history"), {"agency": world.city.pk, "year": 2023, "file": file})
    upload = ReportUpload.objects.get()
    assert response["Location"] == reverse("reports:upload_status", args=[upload.pk])
    assert (upload.kind, upload.year, upload.status) == ("history", 2023, "queued")
    assert not PublishedReport.objects.exists()  # nothing read in the request
    assert run_worker() == 1
    row = PublishedReport.objects.get()
    assert (row.kind, row.year, row.upload_id) == ("history", 2023, upload.pk)
    assert AuditEvent.objects.filter(action="report.history_imported", object_id=str(row.pk)).count() == 1


def test_the_back_office_shows_uploads_and_links_files_only_through_the_scoped_download(
    client: Client, world: World
) -> None:
    from django.contrib.auth import get_user_model

    post_upload(client, world, SimpleUploadedFile("qs.txt", text_of("青山市人民政府")))
    run_worker()
    upload, row = ReportUpload.objects.get(), PublishedReport.objects.get()
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.cn", "x" * 12))
    listing = client.get(reverse("admin:reports_reportupload_changelist"))
    assert listing.status_code == 200
    assert "青山市人民政府" in listing.content.decode()
    page = client.get(reverse("admin:reports_reportupload_change", args=[upload.pk])).content.decode()
    assert reverse("admin:reports_reportupload_delete", args=[upload.pk]) not in page
    report_page = client.get(reverse("admin:reports_publishedreport_change", args=[row.pk])).content.decode()
    assert f'<a href="{reverse("reports:file", args=[row.pk])}">qs.txt</a>' in report_page
    assert row.sha256 in report_page
    assert "/media/" not in report_page
