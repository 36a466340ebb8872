"""The reports API router (gongkai.reports.api), exercised through ninja's test client."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from ninja.testing import TestClient

from gongkai.core.errors import NotFound
from gongkai.reports.api import router
from gongkai.reports.models import PublishedReport

from ..conftest import World
from ..factories import published_report
from .report_text import report_text
from .sample_reports import zhaoyuan_2023

client = TestClient(router)


def city_report(world: World) -> int:
    report = zhaoyuan_2023()
    report.agency = "青山市人民政府"
    return published_report(world.city, report_text(report).encode(), name="qs.txt").pk


@pytest.mark.django_db
def test_list_and_detail_within_scope(world: World) -> None:
    pk = city_report(world)
    listing = client.get("", user=world.users["handler"])
    assert listing.status_code == 200
    assert [(r["id"], r["agency_code"], r["year"], r["score"]) for r in listing.json()] == [(pk, "city", 2023, 100)]
    detail = client.get(f"/{pk}", user=world.users["city_supervisor"]).json()
    assert detail["report"]["t3"]["total"] == [200, 0, 0, 0, 0, 0, 200]
    assert client.get("", user=world.users["other_handler"]).json() == []
    with pytest.raises(NotFound):
        client.get(f"/{pk}", user=world.users["other_handler"])


@pytest.mark.django_db
def test_audit_without_keeping_the_file(world: World) -> None:
    report = zhaoyuan_2023()
    assert report.t4 is not None
    report.t4["reconsideration"]["total"] = 9
    upload = SimpleUploadedFile("r4.txt", report_text(report).encode("gbk"))
    response = client.post("/audit", FILES={"file": upload}, user=world.users["nobody"])
    body = response.json()
    assert response.status_code == 200
    assert body["score"] == 90
    assert [f["rule"] for f in body["report"]["findings"] if f["severity"] == "error"] == ["R4"]
    assert not PublishedReport.objects.exists()


def test_the_api_needs_a_login() -> None:
    assert client.get("").status_code == 401
