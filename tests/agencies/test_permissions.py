"""The yes/no permission functions: each role against each agency of the test world."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import (
    can_act_for,
    can_approve_for,
    can_manage_agency,
    can_supervise,
    is_platform_admin,
)
from gongkai.core.errors import PermissionDenied
from gongkai.core.permissions import require
from gongkai.reports.permissions import can_import_history, can_upload_reports
from tests.factories import AgencyFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

USERS = [
    "admin",
    "supervisor",
    "city_supervisor",
    "registrar",
    "handler",
    "head",
    "county_handler",
    "other_handler",
    "nobody",
]

# Who may, in the city (青山市人民政府), with each function.
EXPECTED_IN_CITY: dict[str, set[str]] = {
    "act": {"registrar", "handler", "head"},
    "approve": {"head"},
    "supervise": {"admin", "supervisor", "city_supervisor"},
    "manage": {"admin"},
}
CHECKS = {
    "act": can_act_for,
    "approve": can_approve_for,
    "supervise": can_supervise,
    "manage": can_manage_agency,
}


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_who_may_in_the_city(world: Any, check: str) -> None:
    allowed = {name for name in USERS if CHECKS[check](world.users[name], world.city)}
    assert allowed == EXPECTED_IN_CITY[check]


def test_the_office_heads_approval_is_for_their_own_agency_only(world: Any) -> None:
    head = world.users["head"]
    assert can_approve_for(head, world.city)
    assert not can_approve_for(head, world.county)  # below: the county's own head approves
    assert not can_approve_for(head, world.other_city)
    assert not can_approve_for(world.users["admin"], world.city)  # administrators set up, heads sign off


def test_supervision_reaches_down_the_subtree_but_not_across(world: Any) -> None:
    supervisor = world.users["city_supervisor"]
    assert can_supervise(supervisor, world.county)
    assert can_supervise(supervisor, world.city_dept)
    assert not can_supervise(supervisor, world.other_city)
    assert not can_supervise(supervisor, world.province)


def test_platform_administrators_are_superusers_and_root_agency_administrators(world: Any) -> None:
    assert is_platform_admin(world.users["admin"])  # administrator of the province, the root
    city_admin = UserFactory(username="city_admin")
    grant(city_admin, world.city, Role.ADMINISTRATOR)
    assert not is_platform_admin(city_admin)
    assert not is_platform_admin(world.users["supervisor"])
    superuser = UserFactory(username="root", is_superuser=True)
    assert is_platform_admin(superuser)
    superuser.is_active = False
    assert not is_platform_admin(superuser)


def test_only_superusers_may_add_a_top_level_agency(world: Any) -> None:
    assert not can_manage_agency(world.users["admin"], None)
    assert can_manage_agency(UserFactory(username="root2", is_superuser=True), None)


def test_inactive_agencies_take_no_report_uploads(world: Any) -> None:
    admin = world.users["admin"]
    assert can_upload_reports(admin, world.county)
    assert can_import_history(admin, world.county)
    world.county.is_active = False
    assert not can_upload_reports(admin, world.county)
    assert not can_import_history(admin, world.county)
    assert not can_import_history(world.users["supervisor"], world.city)  # import is the administrators'


def test_a_second_root_agency_makes_its_administrators_platform_administrators_too(world: Any) -> None:
    other_root = AgencyFactory(code="other-prov", name="另一省人民政府", level="province")
    admin = UserFactory(username="other_root_admin")
    grant(admin, other_root, Role.ADMINISTRATOR)
    assert is_platform_admin(admin)


def test_require_raises_permission_denied_with_the_message() -> None:
    require(True, "不会出现")
    with pytest.raises(PermissionDenied, match="只有管理员"):
        require(False, "只有管理员可以这样做。")
