"""The role groups hold exactly the permissions listed in roles.ROLE_PERMISSIONS, and each one exists."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation

from gongkai.agencies.groups import (
    GROUP_NAMES,
    ensure_role_groups,
    group_name,
    translate_permission_names,
    wanted_permissions,
)
from gongkai.agencies.models import Role
from gongkai.calendars.models import HolidaySchedule, ScheduleDay
from gongkai.calendars.services import DayInput, schedule_delete, schedule_save
from gongkai.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db

CALENDAR_EDIT = ["calendars.add_holidayschedule", "calendars.change_holidayschedule"]


def test_every_listed_permission_exists_and_is_in_its_group() -> None:
    # ensure_role_groups skips names it cannot find; a misspelt permission would silently grant nothing.
    for role, perms in wanted_permissions().items():
        group = Group.objects.get(name=group_name(role))
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == set(perms), role


@pytest.mark.parametrize("user", ["supervisor", "city_supervisor", "registrar", "handler", "head", "nobody"])
def test_other_roles_may_not_change_the_schedule(world: Any, user: str) -> None:
    staff = world.users[user]
    assert not any(staff.has_perm(permission) for permission in CALENDAR_EDIT)
    with pytest.raises(PermissionDenied):
        schedule_save(actor=staff, year=2027, days=[DayInput(date(2027, 1, 1), ScheduleDay.Kind.HOLIDAY, "元旦")])
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_the_national_calendar_is_kept_by_platform_administrators_only(world: Any) -> None:
    # gongkai.calendars.permissions: the root agency's administrators and superusers, not the Django permissions
    admin = world.users["admin"]  # 示范省人民政府 has no parent: its administrator is a platform administrator
    result = schedule_save(
        actor=admin, year=2027, days=[DayInput(date(2027, 1, 1), ScheduleDay.Kind.HOLIDAY, "元旦")], via="test"
    )
    assert list(result.schedule.days.values_list("date", flat=True)) == [date(2027, 1, 1)]
    schedule_delete(actor=admin, schedule=result.schedule)
    assert not HolidaySchedule.objects.filter(year=2027).exists()
    assert group_name(Role.ADMINISTRATOR) in admin.groups.values_list("name", flat=True)


def test_group_names_are_the_roles_chinese_labels() -> None:
    with translation.override("zh-hans"):
        assert {role: str(label) for role, label in Role.choices} == GROUP_NAMES
    assert set(Group.objects.values_list("name", flat=True)) >= set(GROUP_NAMES.values())
    assert not Group.objects.filter(name__in=Role.values).exists()  # no English group left


def test_a_group_under_its_old_english_name_is_renamed_and_keeps_its_members(world: Any) -> None:
    handler = world.users["handler"]
    Group.objects.filter(name="承办人").update(name="handler")  # as a database from before the rename
    ensure_role_groups()
    group = Group.objects.get(name="承办人")
    assert handler in group.user_set.all()
    assert not Group.objects.filter(name="handler").exists()


def test_permission_names_are_chinese() -> None:
    Permission.objects.filter(codename="view_agency").update(name="Can view agency")
    translate_permission_names()
    assert Permission.objects.get(codename="view_agency").name == "可以查看机关"
    assert Permission.objects.get(codename="add_disclosureoffice").name == "可以添加政府信息公开工作机构"
    english = Permission.objects.filter(name__startswith="Can ")
    assert not english.exists(), list(english.values_list("codename", flat=True))
