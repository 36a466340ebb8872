"""Report files live in Django storage: the row keeps a generated name and the hash; one reader for the content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from gongkai.core.storage import sha256_of, web_roots
from gongkai.reports.models import PublishedReport
from gongkai.reports.services import report_upload

from ..conftest import World
from .test_views import text_of

NAME = re.compile(r"^reports/\d{4}/\d{2}/[0-9a-f]{32}\.txt$")


def stored_path(row: PublishedReport) -> Path:
    return Path(default_storage.path(row.file.name)).resolve()


@pytest.mark.django_db
def test_an_upload_is_stored_under_a_generated_name_outside_the_web_root(world: World) -> None:
    data = text_of("青山市人民政府")
    [row] = report_upload(
        actor=None, agency=world.city, files=[SimpleUploadedFile("青山市 2023;rm -rf.txt", data)], via="test"
    )
    row.refresh_from_db()
    assert NAME.match(row.file.name), row.file.name  # nothing of the uploaded name but its extension
    assert row.file_name == "青山市 2023;rm -rf.txt"  # kept for display and downloads only
    assert (row.sha256, row.size) == (sha256_of(data), len(data))
    assert stored_path(row).read_bytes() == data
    assert all(root not in stored_path(row).parents for root in web_roots())
    assert "content" not in {field.name for field in PublishedReport._meta.get_fields()}


@pytest.mark.django_db
def test_the_download_reads_the_stored_file_and_refuses_a_damaged_one(client: Client, world: World) -> None:
    data = text_of("青山市人民政府")
    [row] = report_upload(actor=None, agency=world.city, files=[SimpleUploadedFile("qs.txt", data)], via="test")
    client.force_login(world.users["handler"])
    response = client.get(reverse("reports:file", args=[row.pk]))
    assert response.status_code == 200
    assert response.content == data
    stored_path(row).write_bytes(data + b"tampered")
    response = client.get(reverse("reports:file", args=[row.pk]))
    assert response.status_code == 400
    assert "“qs.txt”的存档文件缺失或已损坏，请重新上传。" in response.content.decode()
    stored_path(row).unlink()
    assert client.get(reverse("reports:file", args=[row.pk])).status_code == 400


@pytest.mark.django_db(transaction=True)
def test_deleting_a_row_deletes_its_file_after_commit(world: World) -> None:
    [row] = report_upload(
        actor=None, agency=world.city, files=[SimpleUploadedFile("qs.txt", text_of("青山市人民政府"))], via="test"
    )
    path = stored_path(row)
    with transaction.atomic():
        PublishedReport.objects.filter(pk=row.pk).delete()
        assert path.exists()  # not before the commit: a rollback would keep a row without its file
    assert not path.exists()
    [kept] = report_upload(
        actor=None, agency=world.city, files=[SimpleUploadedFile("qs.txt", text_of("青山市人民政府"))], via="test"
    )

    def delete_then_fail() -> None:
        with transaction.atomic():
            kept.delete()
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError, match="rolled back"):
        delete_then_fail()
    assert stored_path(kept).exists()


@pytest.mark.django_db
def test_a_failed_save_leaves_no_stored_file(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.reports import services

    def broken(**kwargs: object) -> None:
        raise RuntimeError("database gone")

    monkeypatch.setattr(services, "record_event", broken)
    before = set(Path(default_storage.location).rglob("*.txt"))
    with pytest.raises(RuntimeError):
        report_upload(
            actor=None, agency=world.city, files=[SimpleUploadedFile("a.txt", text_of("青山市人民政府"))], via="test"
        )
    assert set(Path(default_storage.location).rglob("*.txt")) == before
    assert not PublishedReport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_moves_the_bytes_into_storage_and_back(world: World) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("reports", "0001_initial")])
    old = executor.loader.project_state([("reports", "0001_initial")]).apps.get_model("reports", "PublishedReport")
    contents = {"a.txt": "第一份".encode(), "b.pdf": b"%PDF-1.7 \x00\xff binary"}
    ids = {
        name: old.objects.create(
            agency_id=world.city.pk,
            format="2021",
            file_name=name,
            media_type="txt",
            size=len(data),
            content=data,
            result={},
        ).pk
        for name, data in contents.items()
    }

    executor = MigrationExecutor(connection)
    executor.migrate([("reports", "0002_report_files_in_storage")])
    new = executor.loader.project_state([("reports", "0002_report_files_in_storage")]).apps.get_model(
        "reports", "PublishedReport"
    )
    names = {}
    for file_name, data in contents.items():
        row = new.objects.get(pk=ids[file_name])
        assert re.match(r"^reports/\d{4}/\d{2}/[0-9a-f]{32}\.(txt|pdf)$", row.file.name)
        assert (row.sha256, row.size) == (sha256_of(data), len(data))
        assert Path(default_storage.path(row.file.name)).read_bytes() == data
        names[file_name] = row.file.name

    executor = MigrationExecutor(connection)
    executor.migrate([("reports", "0001_initial")])
    for file_name, data in contents.items():
        assert bytes(old.objects.get(pk=ids[file_name]).content) == data
        assert not default_storage.exists(names[file_name])  # moved back: no copy left behind

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    row = PublishedReport.objects.get(pk=ids["b.pdf"])
    assert Path(default_storage.path(row.file.name)).read_bytes() == contents["b.pdf"]
