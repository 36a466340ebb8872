"""The calendar page links to the back office only for users who can open it (Django admin needs is_staff)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.calendars.models import HolidaySchedule

pytestmark = pytest.mark.django_db

MISSING_YEAR = 2035  # no notice loaded


def page(client: Client, user: Any, year: int) -> str:
    client.force_login(user)
    return client.get(reverse("calendars:calendar_year", args=[year])).content.decode()


def test_an_administrator_gets_the_links(client: Client, world: Any) -> None:
    admin = world.users["admin"]  # the administrator role opens the back office (gongkai.agencies.services)
    assert admin.is_staff
    add = f'href="{reverse("admin:calendars_holidayschedule_add")}?year={MISSING_YEAR}"'
    assert add in page(client, admin, MISSING_YEAR)
    change = reverse("admin:calendars_holidayschedule_change", args=[HolidaySchedule.objects.get(year=2024).pk])
    assert f'href="{change}"' in page(client, admin, 2024)
    # The link leads to a form he may use.
    assert client.get(f"{reverse('admin:calendars_holidayschedule_add')}?year={MISSING_YEAR}").status_code == 200


def test_no_link_to_a_back_office_the_user_cannot_open(client: Client, world: Any) -> None:
    admin = world.users["admin"]  # holds the permissions through his role ...
    admin.is_staff = False  # ... but his back-office access was withdrawn by hand
    admin.save(update_fields=["is_staff"])
    assert admin.has_perm("calendars.add_holidayschedule")
    html = page(client, admin, MISSING_YEAR)
    assert "2035年节假日安排尚未录入" in html
    assert "录入本年安排" not in html
    assert "修改本年安排" not in page(client, admin, 2024)


def test_staff_without_the_permission_get_no_link(client: Client, world: Any) -> None:
    handler = world.users["handler"]
    handler.is_staff = True
    handler.save(update_fields=["is_staff"])
    assert "录入本年安排" not in page(client, handler, MISSING_YEAR)
