"""The Django admin shows the holiday calendars read-only, to platform administrators only, and
points to the staff page; nobody can add, change or delete a year there (issue 9 item 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.calendars.models import HolidaySchedule

pytestmark = pytest.mark.django_db

ADD = "/admin/calendars/holidayschedule/add/"


def logged_in(client: Client, user: Any) -> Client:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    return client


def test_a_superuser_sees_the_years_read_only_with_a_pointer_to_the_staff_page(client: Client, superuser: Any) -> None:
    logged_in(client, superuser)
    page = client.get("/admin/calendars/holidayschedule/")
    assert page.status_code == 200
    assert "/staff/calendar/" in page.content.decode()
    schedule = HolidaySchedule.objects.get(year=2026)
    change = client.get(f"/admin/calendars/holidayschedule/{schedule.pk}/change/")
    assert change.status_code == 200  # the view page
    html = change.content.decode()
    assert "2026-02-14" in html or "2026年2月14日" in html
    assert 'name="_save"' not in html
    assert client.get(ADD).status_code == 403
    data = {"year": "2027", "notice": "", "notes": ""}
    assert client.post(ADD, data).status_code == 403
    assert not HolidaySchedule.objects.filter(year=2027).exists()
    delete = client.post(f"/admin/calendars/holidayschedule/{schedule.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assert HolidaySchedule.objects.filter(year=2026).exists()


@pytest.mark.parametrize("who", ["county_admin", "city_admin"])
def test_other_administrators_do_not_see_the_calendar_in_the_admin(
    client: Client, world: Any, county_admin: Any, who: str
) -> None:
    from gongkai.agencies.models import Role
    from tests.factories import UserFactory, grant

    user = county_admin
    if who == "city_admin":
        user = UserFactory(username="city_admin")
        grant(user, world.city, Role.ADMINISTRATOR)
    logged_in(client, user)
    assert client.get("/admin/calendars/holidayschedule/").status_code == 403
    schedule = HolidaySchedule.objects.get(year=2026)
    assert client.post(f"/admin/calendars/holidayschedule/{schedule.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(ADD, {"year": "2027"}).status_code == 403
    assert HolidaySchedule.objects.filter(year=2026).exists()
