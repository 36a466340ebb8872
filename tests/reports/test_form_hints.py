"""A form that comes back with an error tells the user to choose the file again (browsers drop it)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.reports.models import PublishedReport
from tests.reports.test_views import zip_of

from ..conftest import World

pytestmark = pytest.mark.django_db

AGAIN = "请重新选择文件"


def test_history_form_refused_at_once_keeps_the_fields_and_asks_for_the_file_again(
    client: Client, world: World
) -> None:
    client.force_login(world.users["admin"])
    assert AGAIN not in client.get(reverse("reports:history")).content.decode()
    archive = SimpleUploadedFile("两份.zip", zip_of({"a.txt": b"a", "b.txt": b"b"}))
    response = client.post(reverse("reports:history"), {"agency": world.city.pk, "year": 2022, "file": archive})
    assert response.status_code == 400
    html = response.content.decode()
    assert "一次只能导入一份报告。" in html
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
