"""Who may change the national calendar (issue 9 item 4): platform administrators only — superusers and
the administrators of a root agency; the others get 403 on every page and from every service, and
nothing changes. Every calendar event is visible in the audit log to platform administrators."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.calendars import permissions, services
from gongkai.calendars.models import HolidaySchedule
from gongkai.core.errors import PermissionDenied
from gongkai.core.models import AuditEvent
from tests.factories import UserFactory, grant

from .conftest import days_2027

pytestmark = pytest.mark.django_db


def test_the_yes_no_functions(world: Any, county_admin: Any, superuser: Any, platform_admin: Any) -> None:
    for user in (platform_admin, superuser):
        assert permissions.can_edit_national_calendar(user)
        assert permissions.can_view_drafts(user)
    for user in (county_admin, world.users["supervisor"], world.users["handler"], world.users["nobody"]):
        assert not permissions.can_edit_national_calendar(user)
        assert not permissions.can_view_drafts(user)
    assert permissions.can_edit_regional_calendar(county_admin, world.county)
    assert not permissions.can_edit_regional_calendar(county_admin, world.city)
    assert permissions.can_edit_regional_calendar(platform_admin, world.county)  # from above
    assert not permissions.can_edit_regional_calendar(world.users["supervisor"], world.county)
    inactive = UserFactory(username="gone")
    grant(inactive, world.province, Role.ADMINISTRATOR)
    inactive.is_active = False
    inactive.save()
    assert not permissions.can_edit_national_calendar(inactive)


def test_a_county_administrator_is_refused_by_every_service(county_admin: Any) -> None:
    schedule = HolidaySchedule.objects.get(year=2026)
    with pytest.raises(PermissionDenied, match="平台管理员"):
        services.schedule_save(actor=county_admin, year=2027, days=days_2027())
    with pytest.raises(PermissionDenied):
        services.schedule_save(actor=county_admin, year=2026, days=[])
    with pytest.raises(PermissionDenied):
        services.schedule_delete(actor=county_admin, schedule=schedule)
    with pytest.raises(PermissionDenied):
        services.schedule_preview(actor=county_admin, year=2026, days=[])
    services.schedule_save(actor=None, year=2027, days=days_2027(), via="test")
    with pytest.raises(PermissionDenied):
        services.schedule_confirm(actor=county_admin, year=2027)
    assert HolidaySchedule.objects.get(year=2026).days.count() == schedule.days.count()
    assert HolidaySchedule.objects.get(year=2027).status == "draft"


def post_year(client: Client, year: int, action: str = "save", **extra: str) -> Any:
    data = {"version": "0", "notice": "国办发明电〔2026〕X号", "action": action, **extra}
    for i, (name, start, end) in enumerate([("元旦", "2027-01-01", "2027-01-03")]):
        data.update({f"periods-{i}-name": name, f"periods-{i}-start": start, f"periods-{i}-end": end})
    return client.post(reverse("calendar_staff:edit", args=[year]), data)


@pytest.mark.parametrize("who", ["county_admin", "city_admin", "supervisor", "handler"])
def test_other_staff_get_403_on_create_change_confirm_delete(
    client: Client, world: Any, county_admin: Any, who: str
) -> None:
    users = {"county_admin": county_admin, "supervisor": world.users["supervisor"], "handler": world.users["handler"]}
    if who == "city_admin":
        users[who] = UserFactory(username="city_admin")
        grant(users[who], world.city, Role.ADMINISTRATOR)
    client.force_login(users[who])
    services.schedule_save(actor=None, year=2028, days=[], via="test")
    before = AuditEvent.objects.count()
    assert client.get(reverse("calendar_staff:edit", args=[2027])).status_code == 403
    assert post_year(client, 2027).status_code == 403
    assert post_year(client, 2026, version="1").status_code == 403
    assert client.post(reverse("calendar_staff:confirm", args=[2028]), {"version": "1"}).status_code == 403
    assert client.post(reverse("calendar_staff:delete", args=[2026]), {"version": "1"}).status_code == 403
    assert not HolidaySchedule.objects.filter(year=2027).exists()
    assert HolidaySchedule.objects.filter(year=2026).exists()
    assert HolidaySchedule.objects.get(year=2028).status == "draft"
    assert AuditEvent.objects.count() == before
    # the index is open to staff, read-only: no entry link and no draft
    html = client.get(reverse("calendar_staff:index")).content.decode()
    assert reverse("calendar_staff:edit", args=[2027]) not in html
    assert "2028" not in html


def test_a_platform_administrator_deletes_a_year_from_the_page(client: Client, platform_admin: Any) -> None:
    client.force_login(platform_admin)
    schedule = HolidaySchedule.objects.get(year=2026)
    page = client.get(reverse("calendar_staff:delete", args=[2026]))
    assert "删除后，凡涉及2026年的期限在重新录入前都无法计算" in page.content.decode()
    stale = client.post(reverse("calendar_staff:delete", args=[2026]), {"version": str(schedule.version + 1)})
    assert stale.status_code == 302
    assert HolidaySchedule.objects.filter(year=2026).exists()  # a stale confirmation deletes nothing
    response = client.post(reverse("calendar_staff:delete", args=[2026]), {"version": str(schedule.version)})
    assert response.status_code == 302
    assert not HolidaySchedule.objects.filter(year=2026).exists()
    assert AuditEvent.objects.filter(action="calendar.schedule_deleted", actor=platform_admin).count() == 1


def test_calendar_events_are_in_the_audit_log_of_platform_administrators(
    client: Client, world: Any, platform_admin: Any, superuser: Any, county_admin: Any
) -> None:
    services.schedule_save(actor=platform_admin, year=2027, days=days_2027(), via="web")
    services.schedule_confirm(actor=platform_admin, year=2027, via="web")
    services.schedule_delete(actor=superuser, schedule=HolidaySchedule.objects.get(year=2027), via="web")
    actions = ["calendar.schedule_created", "calendar.schedule_confirmed", "calendar.schedule_deleted"]
    for user in (platform_admin, superuser):
        client.force_login(user)
        events = client.get(reverse("workspace:audit")).context["events"]
        assert [e.action for e in events if e.action.startswith("calendar.")] == actions[::-1], user
    client.force_login(county_admin)
    events = client.get(reverse("workspace:audit")).context["events"]
    assert not [e for e in events if e.action.startswith("calendar.")]
    html = client.get(reverse("workspace:audit")).content.decode()
    assert "确认年度节假日安排" not in html
