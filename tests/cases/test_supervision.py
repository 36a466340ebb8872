"""督办: who may press whom, presses about a case, acknowledgement, the dashboard, its pages and API."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.cases import selectors, services
from gongkai.cases.models import Case, CasePress, CaseStatus
from gongkai.core.errors import Conflict, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from tests.conftest import World

from .builders import assigned

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "target", "allowed"),
    [
        ("supervisor", "city", True),  # province supervisor presses a city below
        ("supervisor", "county", True),
        ("admin", "city", True),
        ("city_supervisor", "county", True),
        ("city_supervisor", "city", False),  # a supervisor of the agency itself is not above it
        ("head", "city", False),  # the agency's own staff
        ("handler", "city", False),
        ("city_supervisor", "other_city", False),  # another branch
        ("county_handler", "city", False),
        ("nobody", "city", False),
    ],
)
def test_who_may_press(world: World, who: str, target: str, allowed: bool) -> None:
    agency = {"city": world.city, "county": world.county, "other_city": world.other_city}[target]
    if allowed:
        press = services.case_press(actor=world.users[who], agency=agency, instruction="请加快办理")
        assert press.agency == agency
        assert AuditEvent.objects.filter(action="case.pressed", agency=agency).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            services.case_press(actor=world.users[who], agency=agency, instruction="请加快办理")
        assert not CasePress.objects.exists()


def test_press_about_a_case_shows_in_its_timeline(world: World) -> None:
    case = assigned(world)
    press = services.case_press(
        actor=world.users["supervisor"], agency=world.city, instruction="逾期，请说明", case=case
    )
    assert press.case == case
    event = case.events.get(action="pressed")
    assert event.clock_event == ""
    assert event.note == "逾期，请说明"
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS


def test_the_case_must_be_of_the_agency_and_open(world: World) -> None:
    case = assigned(world)
    with pytest.raises(ValidationFailed, match="不是"):
        services.case_press(actor=world.users["supervisor"], agency=world.county, instruction="x", case=case)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    with pytest.raises(ValidationFailed):
        services.case_press(actor=world.users["supervisor"], agency=world.city, instruction="x", case=case)
    with pytest.raises(ValidationFailed):
        services.case_press(actor=world.users["supervisor"], agency=world.city, instruction="  ")
    with pytest.raises(ValidationFailed):
        services.case_press(actor=world.users["supervisor"], agency=world.city, instruction="长" * 2001)
    assert not CasePress.objects.exists()


def test_acknowledge_once_by_the_agency_staff(world: World) -> None:
    press = services.case_press(actor=world.users["supervisor"], agency=world.city, instruction="请报告进展")
    with pytest.raises(PermissionDenied):
        services.press_acknowledge(actor=world.users["county_handler"], press=press)
    with pytest.raises(PermissionDenied):
        services.press_acknowledge(actor=world.users["supervisor"], press=press)
    done = services.press_acknowledge(actor=world.users["handler"], press=press)
    assert done.acknowledged_by == world.users["handler"]
    assert AuditEvent.objects.filter(action="case.press_acknowledged").count() == 1
    with pytest.raises(Conflict, match="已"):
        services.press_acknowledge(actor=world.users["head"], press=press)
    assert selectors.open_presses_for(world.city).count() == 0


def test_dashboard_counts(world: World) -> None:
    due = assigned(world)  # due 29 September 2026
    paused = assigned(world)
    Case.objects.filter(pk=paused.pk).update(status=CaseStatus.CONSULTING, clock_state="paused")
    closed = assigned(world)
    Case.objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED)
    services.case_press(actor=world.users["supervisor"], agency=world.city, instruction="一")
    services.case_press(actor=world.users["supervisor"], agency=world.county, instruction="二")

    rows = {r["code"]: r for r in selectors.supervision_rows(world.users["supervisor"], today=date(2026, 9, 22))}
    assert set(rows) == {"prov", "prov-dept", "city", "city-dept", "county", "other-city"}
    assert (rows["city"]["open"], rows["city"]["due_soon"], rows["city"]["overdue"], rows["city"]["paused"]) == (
        2,
        1,
        0,
        1,
    )
    assert rows["city"]["open_presses"] == 1
    assert rows["prov"]["open"] == 2  # with the agencies under it, as the workspace list counts
    assert rows["county"]["open"] == 0
    assert rows["county"]["open_presses"] == 1
    later = {r["code"]: r for r in selectors.supervision_rows(world.users["supervisor"], today=date(2026, 9, 30))}
    assert (later["city"]["due_soon"], later["city"]["overdue"]) == (0, 1)
    assert due.pk in selectors.in_view(selectors.staff_cases(world.users["supervisor"]), "open", None).values_list(
        "pk", flat=True
    )
    assert selectors.supervision_rows(world.users["handler"]) == []


def test_dashboard_uses_a_fixed_number_of_queries(world: World, django_assert_max_num_queries: object) -> None:
    assigned(world)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        selectors.supervision_rows(world.users["supervisor"])


def test_pages(client: Client, world: World) -> None:
    case = assigned(world)
    client.force_login(world.users["supervisor"])
    page = client.get(reverse("cases:supervision"))
    assert page.status_code == 200
    assert "青山市人民政府" in page.content.decode()
    nav_link = f'<a href="{reverse("cases:supervision")}">督办看板</a>'
    assert nav_link in client.get(reverse("workspace:dashboard")).content.decode()
    response = client.post(reverse("cases:press", args=["city"]), {"instruction": "请加快", "case": case.number})
    assert response.status_code == 302
    assert CasePress.objects.get().case == case
    assert "请加快" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()

    for who in ("handler", "head"):
        client.force_login(world.users[who])
        assert client.get(reverse("cases:supervision")).status_code == 404
    assert client.post(reverse("cases:press", args=["city"]), {"instruction": "x"}).status_code == 404

    client.force_login(world.users["handler"])
    listing = client.get(reverse("cases:list")).content.decode()
    assert "请加快" in listing
    assert nav_link not in listing
    press = CasePress.objects.get()
    client.post(reverse("cases:press_acknowledge", args=[press.pk]))
    press.refresh_from_db()
    assert press.acknowledged_by == world.users["handler"]
    client.force_login(world.users["other_handler"])
    assert client.post(reverse("cases:press_acknowledge", args=[press.pk])).status_code == 404


def test_api(client: Client, world: World) -> None:
    case = assigned(world)
    client.force_login(world.users["supervisor"])
    rows = client.get("/api/v1/staff/supervision").json()
    assert {r["code"] for r in rows} >= {"city", "county"}
    url = "/api/v1/staff/agencies/city/presses"
    created = client.post(url, {"instruction": "请加快", "case": case.number}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["case"] == case.number
    bad = client.post(url, {"instruction": ""}, content_type="application/json")
    assert bad.status_code == 422
    assert "写明" in bad.json()["error"]["message"]
    wrong = client.post(url, {"instruction": "x", "case": "没有的编号"}, content_type="application/json")
    assert wrong.status_code == 422

    client.force_login(world.users["city_supervisor"])
    assert client.post(url, {"instruction": "x"}, content_type="application/json").status_code == 403
    other = client.post(
        "/api/v1/staff/agencies/other-city/presses", {"instruction": "x"}, content_type="application/json"
    )
    assert other.status_code == 404
    client.force_login(world.users["handler"])
    assert client.get("/api/v1/staff/supervision").json() == []
