"""Staff never see another agency's data unless they supervise it — on every interface."""

import pytest

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Access
from gongkai.agencies.scoping import agencies_for, get_in_scope
from gongkai.core.errors import NotFound
from gongkai.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def codes(user, access=Access.VIEW) -> set[str]:
    return set(agencies_for(user, access).values_list("code", flat=True))


def test_operational_roles_see_their_own_agency_only(world) -> None:
    for role in ("registrar", "handler", "head"):
        assert codes(world.users[role]) == {"city"}
        assert codes(world.users[role], Access.ACT) == {"city"}
        assert codes(world.users[role], Access.MANAGE) == set()


def test_supervisors_see_the_subtree_but_cannot_act(world) -> None:
    assert codes(world.users["city_supervisor"]) == {"city", "city-dept", "county"}
    assert codes(world.users["supervisor"]) == {
        "prov",
        "prov-dept",
        "city",
        "city-dept",
        "county",
        "other-city",
    }
    assert codes(world.users["supervisor"], Access.ACT) == set()


def test_administrators_manage_their_subtree(world) -> None:
    assert codes(world.users["admin"], Access.MANAGE) == codes(world.users["supervisor"])


def test_users_without_roles_and_anonymous_see_nothing(world) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert codes(world.users["nobody"]) == set()
    assert codes(AnonymousUser()) == set()


def test_inactive_user_sees_nothing(world) -> None:
    user = world.users["handler"]
    user.is_active = False
    user.save()
    assert codes(user) == set()


def test_get_in_scope_raises_not_found_outside(world) -> None:
    handler = world.users["handler"]
    assert get_in_scope(Agency.objects.all(), handler, via="", code="city") == world.city
    with pytest.raises(NotFound):
        get_in_scope(Agency.objects.all(), handler, via="", code="other-city")


def test_scope_through_a_relation(world) -> None:
    """Objects that belong to an agency (here: audit events) are scoped through ``via``."""
    from gongkai.agencies.scoping import scope

    visible = scope(AuditEvent.objects.all(), world.users["county_handler"], via="agency")
    assert visible.exists()
    assert set(visible.values_list("agency__code", flat=True)) == {"county"}


@pytest.mark.parametrize(
    ("user", "code", "status"),
    [
        ("handler", "city", 200),
        ("handler", "other-city", 404),
        ("handler", "county", 404),
        ("county_handler", "city", 404),
        ("other_handler", "city", 404),
        ("city_supervisor", "county", 200),
        ("city_supervisor", "other-city", 404),
        ("supervisor", "other-city", 200),
        ("nobody", "city", 404),
    ],
)
def test_web_and_api_hide_other_agencies(client, world, user, code, status) -> None:
    client.force_login(world.users[user])
    page = client.get(f"/staff/agencies/{code}/")
    assert page.status_code == status
    api = client.get(f"/api/v1/staff/agencies/{code}")
    assert api.status_code == status
    if status == 404:
        assert "不在您所属机关的范围内" in page.content.decode()
        assert api.json()["error"]["code"] == "not_found"
