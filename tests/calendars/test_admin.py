"""Entering a year's notice in the back office (Django admin) goes through the audited service."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from gongkai.calendars.models import HolidaySchedule
from gongkai.calendars.selectors import get_calendar
from gongkai.core.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    user = UserFactory(username="root")
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def inline(rows: list[tuple[str, str, str]], total_initial: int = 0, ids: list[int] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "days-TOTAL_FORMS": str(len(rows)),
        "days-INITIAL_FORMS": str(total_initial),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, (day, kind, name) in enumerate(rows):
        data.update({f"days-{i}-date": day, f"days-{i}-kind": kind, f"days-{i}-name": name})
        if ids:
            data[f"days-{i}-id"] = str(ids[i])
            data[f"days-{i}-schedule"] = ""
    return data


def test_add_a_year_in_the_admin(admin_client: Client) -> None:
    data = {"year": "2027", "notice": "国办发明电〔2026〕X号", "notes": ""}
    data.update(inline([("2027-01-01", "holiday", "元旦"), ("2027-02-20", "workday", "春节")]))
    response = admin_client.post("/admin/calendars/holidayschedule/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    schedule = HolidaySchedule.objects.get(year=2027)
    assert schedule.days.count() == 2
    assert AuditEvent.objects.filter(action="calendar.schedule_created", actor_label="root").count() == 1
    assert get_calendar().is_working_day(date(2027, 2, 20))


def test_a_weekday_make_up_day_is_refused_in_the_form(admin_client: Client) -> None:
    data = {"year": "2027", "notice": "", "notes": ""}
    data.update(inline([("2027-02-22", "workday", "")]))
    response = admin_client.post("/admin/calendars/holidayschedule/add/", data)
    assert response.status_code == 200
    assert "调休上班日应为星期六或星期日" in response.content.decode()
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_change_list_and_change_page_render(admin_client: Client) -> None:
    assert admin_client.get("/admin/calendars/holidayschedule/").status_code == 200
    schedule = HolidaySchedule.objects.get(year=2026)
    page = admin_client.get(f"/admin/calendars/holidayschedule/{schedule.pk}/change/")
    assert page.status_code == 200
    assert "2026-02-14" in page.content.decode()
