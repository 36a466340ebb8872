"""The calendar pages link to the staff entry page ("录入2027年安排") only for those who may use it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

MISSING_YEAR = 2035  # no notice loaded


def page(client: Client, user: Any, year: int) -> str:
    client.force_login(user)
    return client.get(reverse("calendars:calendar_year", args=[year])).content.decode()


def test_a_platform_administrator_gets_the_links(client: Client, platform_admin: Any) -> None:
    add = f'href="{reverse("calendar_staff:edit", args=[MISSING_YEAR])}"'
    html = page(client, platform_admin, MISSING_YEAR)
    assert add in html
    assert "录入2035年安排" in html
    html = page(client, platform_admin, 2024)
    assert f'href="{reverse("calendar_staff:edit", args=[2024])}"' in html
    assert "修改本年安排" in html
    # The link leads to a page he may use.
    assert client.get(reverse("calendar_staff:edit", args=[MISSING_YEAR])).status_code == 200


@pytest.mark.parametrize("who", ["county_admin", "handler", "supervisor"])
def test_no_link_for_those_who_may_not(client: Client, world: Any, county_admin: Any, who: str) -> None:
    user = county_admin if who == "county_admin" else world.users[who]
    html = page(client, user, MISSING_YEAR)
    assert "2035年节假日安排尚未录入" in html
    assert "录入2035年安排" not in html
    assert "修改本年安排" not in page(client, user, 2024)
    assert client.get(reverse("calendar_staff:edit", args=[MISSING_YEAR])).status_code == 403


def test_the_staff_navigation_has_system_administration(client: Client, platform_admin: Any) -> None:
    client.force_login(platform_admin)
    html = client.get(reverse("workspace:dashboard")).content.decode()
    assert f'<a href="{reverse("calendar_staff:index")}">系统管理</a>' in html
