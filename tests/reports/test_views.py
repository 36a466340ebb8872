"""Staff pages and services for annual reports: upload (single, ZIP), history import, scoping."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.reports.models import PublishedReport, ReportKind
from gongkai.reports.services import report_import_history, report_upload
from gongkai.reports.stored import report_content

from ..conftest import World
from .report_text import report_text
from .sample_reports import modified, zhaoyuan_2022, zhaoyuan_2023
from .worker import run_worker


def text_of(agency: str, year: int = 2023, *, carried_over: int = 6) -> bytes:
    report = modified(zhaoyuan_2023())
    report.agency, report.year = agency, year
    assert report.t3 is not None
    if carried_over != 6:  # keep R1 true: move the difference into 一、本年新收
        diff = carried_over - 6
        report.t3["carried_over"] = [carried_over, 0, 0, 0, 0, 0, carried_over]
        report.t3["new_received"] = [204 - diff, 1, 0, 0, 0, 0, 205 - diff]
    return report_text(report).encode()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def login(client: Client, world: World, who: str) -> Client:
    client.force_login(world.users[who])
    return client


def upload(client: Client, agency_id: int, *files: SimpleUploadedFile):  # type: ignore[no-untyped-def]
    """Post the upload form, then let the worker run the queued audit (as `gongkai db_worker` does)."""
    response = client.post(reverse("reports:upload"), {"agency": agency_id, "documents": list(files)})
    run_worker()
    return response


def import_history(client: Client, agency_id: int, year: int, file: SimpleUploadedFile):  # type: ignore[no-untyped-def]
    """Post the history form, then let the worker run the queued import."""
    response = client.post(reverse("reports:history"), {"agency": agency_id, "year": year, "file": file})
    run_worker()
    return response


def uploaded_events() -> int:
    return AuditEvent.objects.filter(action="report.uploaded").count()


@pytest.mark.django_db
def test_a_supervisor_uploads_one_report_and_sees_its_audit(client: Client, world: World) -> None:
    login(client, world, "city_supervisor")
    file = SimpleUploadedFile("青山市2023.txt", text_of("青山市人民政府"))
    response = upload(client, world.city.pk, file)
    row = PublishedReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:upload_status", args=[row.upload_id])
    status = client.get(response["Location"]).content.decode()
    assert "<strong>已完成</strong>" in status
    assert f'<a href="{reverse("reports:detail", args=[row.pk])}">青山市2023.txt</a>' in status
    assert (row.agency, row.year, row.format, row.kind) == (world.city, 2023, "2021", ReportKind.AUDIT)
    assert (row.error_count, row.warning_count, row.score) == (0, 0, 100)
    assert report_content(row) == text_of("青山市人民政府")
    event = AuditEvent.objects.get(action="report.uploaded")
    assert (event.agency, event.actor) == (world.city, world.users["city_supervisor"])
    page = client.get(reverse("reports:detail", args=[row.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "得分 <strong>100</strong>" in content
    assert 'id="gk-t3-total-total"' in content
    assert f'<link rel="stylesheet" href="{static("reports/audit.css")}">' in content  # the page's own stylesheet
    assert '<h2 id="gk-title">青山市人民政府 2023年度报告审核</h2>' in content  # under the workspace's h1
    listing = client.get(reverse("reports:list")).content.decode()
    assert "青山市2023.txt" in listing


@pytest.mark.django_db
def test_a_zip_is_unpacked_and_each_report_filed_under_the_agency_it_names(client: Client, world: World) -> None:
    login(client, world, "supervisor")
    archive = zip_of(
        {
            "报告/绿水县.txt": text_of("绿水县人民政府"),
            "报告/青山市.txt": text_of("青山市人民政府"),
            "__MACOSX/._绿水县.txt": b"\x00\x05\x16\x07",
            "报告/": b"",
        }
    )
    response = upload(client, world.province.pk, SimpleUploadedFile("reports.zip", archive))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:upload_status", args=[PublishedReport.objects.first().upload_id])
    rows = {row.file_name: row.agency for row in PublishedReport.objects.all()}
    assert rows == {"报告/绿水县.txt": world.county, "报告/青山市.txt": world.city}
    assert uploaded_events() == 2


@pytest.mark.django_db
def test_carry_over_is_checked_against_the_imported_history(client: Client, world: World) -> None:
    login(client, world, "admin")
    history = zhaoyuan_2022()
    history.agency = "青山市人民政府"
    assert history.t3 is not None
    response = import_history(
        client, world.city.pk, 2022, SimpleUploadedFile("2022.txt", report_text(history).encode())
    )
    imported = PublishedReport.objects.get(kind=ReportKind.HISTORY)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:upload_status", args=[imported.upload_id])
    page = client.get(response["Location"]).content.decode()
    assert "<h1>导入往年报告</h1>" in page
    assert "<strong>已完成</strong>" in page
    assert "已导入往年报告。" in page
    assert imported.year == 2022
    assert AuditEvent.objects.filter(action="report.history_imported", agency=world.city).count() == 1
    # 2022 carried forward 6; a 2023 report that says 7 were carried over gets R5
    upload(client, world.province.pk, SimpleUploadedFile("2023.txt", text_of("青山市人民政府", carried_over=7)))
    row = PublishedReport.objects.get(kind=ReportKind.AUDIT)
    r5 = [f for f in row.result["findings"] if f["rule"] == "R5"]
    assert [f["where"] for f in r5] == ["t3.carried_over.natural_person", "t3.carried_over.total"]
    assert row.warning_count == 2


@pytest.mark.django_db
def test_history_for_the_wrong_year_is_refused(client: Client, world: World) -> None:
    login(client, world, "admin")
    response = import_history(client, world.city.pk, 2021, SimpleUploadedFile("2023.txt", text_of("青山市人民政府")))
    assert response.status_code == 302  # read in the background: the import's page says why it failed
    page = client.get(response["Location"]).content.decode()
    assert "<strong>失败</strong>" in page
    assert '<p id="upload-reason">该报告为2023年度，不是2021年度，请核对年度。</p>' in page
    again = f"{reverse('reports:history')}?agency={world.city.pk}&amp;year=2021"
    assert f'<a href="{again}">导入往年报告</a>' in page
    assert not PublishedReport.objects.exists()
    form = client.get(f"{reverse('reports:history')}?agency={world.city.pk}&year=2021").content.decode()
    assert 'value="2021"' in form  # the form comes back filled in
    assert f'<option value="{world.city.pk}" selected>' in form


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        (b"PK\x03\x04 this is not really a zip", "不是有效的ZIP文件"),
        (zip_of({"../../etc/evil.txt": b"x", "ok.txt": b"y"}), "不允许指向压缩包以外的路径"),
        (zip_of({"report.exe": b"MZ"}), "不是报告文件"),
        (zip_of({}), "中没有文件"),
    ],
    ids=["not-a-zip", "path-traversal", "not-a-report-file", "empty"],
)
@pytest.mark.django_db
def test_a_bad_zip_is_refused_in_chinese_and_nothing_is_saved(
    client: Client, world: World, archive: bytes, message: str
) -> None:
    login(client, world, "city_supervisor")
    good = SimpleUploadedFile("good.txt", text_of("青山市人民政府"))
    response = upload(client, world.city.pk, good, SimpleUploadedFile("bad.zip", archive))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PublishedReport.objects.exists()
    assert uploaded_events() == 0


@pytest.mark.django_db
def test_a_zip_bomb_is_refused(world: World) -> None:
    archive = zip_of({"big.txt": b"0" * (5 * 1024 * 1024)})
    with pytest.raises(ValidationFailed, match="压缩比异常"):
        report_upload(actor=world.users["supervisor"], agency=world.city, files=[SimpleUploadedFile("a.zip", archive)])
    assert not PublishedReport.objects.exists()


@pytest.mark.django_db
def test_gbk_member_names_from_chinese_windows_are_decoded(world: World) -> None:
    name = "报告.txt".encode("gbk")
    placeholder = b"abcd.txt"  # as long as the GBK name; zipfile would write a UTF-8 name with its flag
    assert len(name) == len(placeholder)
    raw = zip_of({placeholder.decode(): text_of("青山市人民政府")}).replace(placeholder, name)
    saved = report_upload(actor=None, agency=world.city, files=[SimpleUploadedFile("a.zip", raw)], via="test")
    assert saved[0].file_name == "报告.txt"


@pytest.mark.django_db
def test_scoping(client: Client, world: World) -> None:
    saved = report_upload(
        actor=None, agency=world.city, files=[SimpleUploadedFile("c.txt", text_of("青山市人民政府"))], via="test"
    )
    detail = reverse("reports:detail", args=[saved[0].pk])
    # a handler of another city sees nothing of it
    login(client, world, "other_handler")
    assert client.get(detail).status_code == 404
    assert client.get(reverse("reports:file", args=[saved[0].pk])).status_code == 404
    assert "c.txt" not in client.get(reverse("reports:list")).content.decode()
    # handlers may read their own agency's audits but not upload or import
    login(client, world, "handler")
    assert client.get(detail).status_code == 200
    assert client.get(reverse("reports:upload")).status_code == 403
    assert client.get(reverse("reports:history")).status_code == 403
    # a city supervisor cannot upload for a sibling city
    login(client, world, "city_supervisor")
    response = upload(client, world.other_city.pk, SimpleUploadedFile("o.txt", text_of("白云市人民政府")))
    assert response.status_code == 400
    assert PublishedReport.objects.count() == 1
    form = client.get(reverse("reports:upload")).content.decode()
    assert "青山市人民政府" in form
    assert "白云市人民政府" not in form


@pytest.mark.django_db
def test_services_refuse_actors_out_of_reach(world: World) -> None:
    file = SimpleUploadedFile("c.txt", text_of("青山市人民政府"))
    with pytest.raises(PermissionDenied):
        report_upload(actor=world.users["handler"], agency=world.city, files=[file])
    with pytest.raises(PermissionDenied):
        report_import_history(actor=world.users["city_supervisor"], agency=world.city, year=2022, file=file)
    assert not PublishedReport.objects.exists()


@pytest.mark.django_db
def test_the_workspace_links_to_the_reports(client: Client, world: World) -> None:
    login(client, world, "handler")
    assert reverse("reports:list") in client.get(reverse("workspace:dashboard")).content.decode()


@pytest.mark.django_db
def test_an_audit_is_checked_again_when_last_years_report_arrives(client: Client, world: World) -> None:
    login(client, world, "admin")
    upload(client, world.province.pk, SimpleUploadedFile("2023.txt", text_of("青山市人民政府", carried_over=7)))
    row = PublishedReport.objects.get(kind=ReportKind.AUDIT)
    assert not [f for f in row.result["findings"] if f["rule"] == "R5"]  # nothing to compare with yet

    history = zhaoyuan_2022()
    history.agency = "青山市人民政府"
    import_history(client, world.city.pk, 2022, SimpleUploadedFile("2022.txt", report_text(history).encode()))
    row.refresh_from_db()
    r5 = [f["where"] for f in row.result["findings"] if f["rule"] == "R5"]
    assert r5 == ["t3.carried_over.natural_person", "t3.carried_over.total"]
    assert row.warning_count == 2
    event = AuditEvent.objects.get(action="report.rechecked")
    assert event.object_id == str(row.pk)
    assert event.details["against_year"] == 2022


@pytest.mark.django_db
def test_agency_index_matches_names_and_short_names_in_the_subtree(world: World, django_assert_num_queries) -> None:
    from gongkai.agencies import services as agency_services
    from gongkai.reports.services import AgencyIndex

    agency_services.agency_update(actor=world.users["admin"], agency=world.county, short_name="绿水县政府")
    with django_assert_num_queries(1):  # the subtree is read once, however many reports are matched
        index = AgencyIndex(world.city)
        assert index.match("青山市 教育局") == world.city_dept
        assert index.match("绿水县政府") == world.county
        assert index.match("白云市人民政府") == world.city  # outside the subtree: the chosen agency
        assert index.match(None) == world.city
