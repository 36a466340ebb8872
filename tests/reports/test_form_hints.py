"""A form that comes back with an error tells the user to choose the file again (browsers drop it)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.reports.models import PublishedReport
from tests.seed_documents import seed_path

from ..conftest import World

pytestmark = pytest.mark.django_db

AGAIN = "请重新选择文件"


def test_history_form_wrong_year_keeps_the_fields_and_asks_for_the_file_again(client: Client, world: World) -> None:
    client.force_login(world.users["admin"])
    assert AGAIN not in client.get(reverse("reports:history")).content.decode()
    seed = SimpleUploadedFile("招远市2023.txt", seed_path("001").read_bytes())
    response = client.post(reverse("reports:history"), {"agency": world.city.pk, "year": 2022, "file": seed})
    assert response.status_code == 400
    html = response.content.decode()
    assert "该报告为2023年度，不是2022年度，请核对年度。" in html
    assert AGAIN in html
    assert 'value="2022"' in html
    assert not PublishedReport.objects.exists()


def test_upload_form_with_an_unreadable_archive_asks_for_the_files_again(client: Client, world: World) -> None:
    client.force_login(world.users["city_supervisor"])
    assert AGAIN not in client.get(reverse("reports:upload")).content.decode()
    broken = SimpleUploadedFile("reports.zip", b"PK\x03\x04 not really a zip")
    response = client.post(reverse("reports:upload"), {"agency": world.city.pk, "documents": [broken]})
    assert response.status_code == 400
    assert AGAIN in response.content.decode()
    assert not PublishedReport.objects.exists()
