"""The Django admin is scoped like every staff page; administrators get the back office."""

from __future__ import annotations

from django.test import Client

from gongkai.agencies import services
from gongkai.agencies.models import Role
from tests.factories import UserFactory, grant


def test_granting_administrator_opens_the_back_office_and_revoking_closes_it(world) -> None:
    user = UserFactory(username="county_admin")
    membership = grant(user, world.county, Role.ADMINISTRATOR)
    user.refresh_from_db()
    assert user.is_staff
    services.membership_revoke(actor=world.users["admin"], membership=membership)
    user.refresh_from_db()
    assert not user.is_staff


def test_other_roles_do_not_get_the_back_office(world) -> None:
    for name in ("registrar", "handler", "head", "supervisor"):
        world.users[name].refresh_from_db()
        assert not world.users[name].is_staff, name


def test_admin_lists_only_agencies_and_memberships_in_reach(client: Client, world) -> None:
    city_admin = UserFactory(username="city_admin")
    grant(city_admin, world.city, Role.ADMINISTRATOR)
    client.force_login(city_admin)

    agencies = client.get("/admin/agencies/agency/").content.decode()
    assert "青山市人民政府" in agencies
    assert "绿水县人民政府" in agencies
    assert "白云市人民政府" not in agencies
    assert "示范省司法厅" not in agencies
    assert client.get(f"/admin/agencies/agency/{world.other_city.pk}/change/").status_code == 302  # not found

    memberships = client.get("/admin/agencies/membership/").content.decode()
    assert "city_handler" in memberships
    assert "other_handler" not in memberships


def test_audit_events_are_read_in_the_workspace_not_the_admin(client: Client, world) -> None:
    client.force_login(world.users["admin"])
    assert client.get("/admin/core/auditevent/").status_code == 403
    assert client.get("/staff/audit/").status_code == 200
