import pytest

from gongkai.agencies.models import Agency, DisclosureOffice, Membership, Role
from gongkai.agencies.services import (
    agency_create,
    agency_update,
    membership_grant,
    membership_revoke,
    office_save,
    staff_create,
)
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_create_sets_tree_path_and_writes_audit_event(world) -> None:
    town = agency_create(actor=None, code="town", name="清泉镇人民政府", level="乡镇", parent=world.county, via="cli")
    assert town.path == f"{world.county.path}{town.pk}/"
    assert town.depth == world.county.depth + 1 == 3
    event = AuditEvent.objects.get(action="agency.created", object_id=str(town.pk))
    assert event.actor is None
    assert event.actor_label == "system:cli"
    assert event.agency == town
    assert event.details["parent"] == "county"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"code": "bad code!", "name": "某局", "level": "department"}, "机关代码"),
        ({"code": "x1", "name": "  ", "level": "department"}, "名称为空"),
        ({"code": "x2", "name": "某局", "level": "bureau"}, "未知层级"),
        ({"code": "city", "name": "重复", "level": "department"}, "已存在"),
    ],
)
def test_create_rejects_bad_input_and_changes_nothing(world, kwargs, fragment) -> None:
    before = (Agency.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationFailed) as raised:
        agency_create(actor=None, parent=world.city, **kwargs)
    assert fragment in raised.value.message
    assert (Agency.objects.count(), AuditEvent.objects.count()) == before


def test_a_city_cannot_sit_under_a_county(world) -> None:
    with pytest.raises(ValidationFailed, match="更高一级"):
        agency_create(actor=None, code="c2", name="某市", level="city", parent=world.county)


def test_staff_may_create_only_under_agencies_they_manage(world) -> None:
    admin, handler = world.users["admin"], world.users["handler"]
    created = agency_create(actor=admin, code="c-new", name="新设局", level="department", parent=world.city)
    assert AuditEvent.objects.get(object_id=str(created.pk), action="agency.created").actor == admin
    with pytest.raises(PermissionDenied):
        agency_create(actor=handler, code="c-new2", name="新设局2", level="department", parent=world.city)
    with pytest.raises(PermissionDenied):
        agency_create(actor=admin, code="root2", name="另一省", level="province", parent=None)


def test_update_records_old_and_new_values(world) -> None:
    agency_update(actor=None, agency=world.city, short_name="青山市")
    event = AuditEvent.objects.get(action="agency.updated")
    assert event.details == {"short_name": ["", "青山市"]}
    # No change, no event.
    agency_update(actor=None, agency=world.city, short_name="青山市")
    assert AuditEvent.objects.filter(action="agency.updated").count() == 1


def test_office_save_creates_then_updates(world) -> None:
    office_save(actor=None, agency=world.city, name="青山市政务公开科", phone="0535-1")
    office_save(actor=None, agency=world.city, phone="0535-2")
    office = DisclosureOffice.objects.get(agency=world.city)
    assert (office.name, office.phone) == ("青山市政务公开科", "0535-2")
    actions = list(AuditEvent.objects.filter(object_type="agencies.disclosureoffice").values_list("action", flat=True))
    assert sorted(actions) == ["office.created", "office.updated"]


def test_office_needs_a_name_and_valid_email(world) -> None:
    with pytest.raises(ValidationFailed, match="名称"):
        office_save(actor=None, agency=world.city, phone="1")
    with pytest.raises(ValidationFailed):
        office_save(actor=None, agency=world.city, name="办公室", email="not-an-email")
    assert not DisclosureOffice.objects.filter(agency=world.city).exists()


def test_roles_are_django_groups(world) -> None:
    user = staff_create(
        actor=None,
        username="newbie",
        full_name="新人",
        password="x" * 12,
        agency=world.city,
        roles=[Role.HANDLER],
    )
    # Each role's group is named in Chinese, as the back office lists it.
    assert list(user.groups.values_list("name", flat=True)) == ["承办人"]
    assert user.has_perm("agencies.view_agency")
    membership_grant(actor=None, user=user, agency=world.city, role=Role.REGISTRAR)
    assert set(user.groups.values_list("name", flat=True)) == {"承办人", "登记员"}
    membership_revoke(actor=None, membership=Membership.objects.get(user=user, role=Role.HANDLER))
    assert list(user.groups.values_list("name", flat=True)) == ["登记员"]
    assert AuditEvent.objects.filter(action="membership.revoked").count() == 1


def test_staff_create_rejects_taken_username(world) -> None:
    with pytest.raises(ValidationFailed, match="已被占用"):
        staff_create(
            actor=None,
            username="city_handler",
            full_name="重名",
            password="x" * 12,
            agency=world.city,
            roles=["handler"],
        )


def test_an_agency_too_deep_for_the_tree_path_is_refused_before_saving(db: None) -> None:
    top = agency_create(actor=None, code="deep0", name="深层测试省人民政府", level="province", via="test")
    parent = agency_create(actor=None, code="deep1", name="深层测试厅", level="department", parent=top, via="test")
    Agency.objects.filter(pk=parent.pk).update(path="/" + "9" * 252 + "/")  # 254 of the column's 255 characters used
    parent.refresh_from_db()
    with pytest.raises(ValidationFailed) as refused:
        agency_create(actor=None, code="deep2", name="深层测试处", level="department", parent=parent, via="test")
    assert "太深" in " ".join(str(d) for d in (refused.value.details or [])) + refused.value.message
    assert not Agency.objects.filter(code="deep2").exists()
