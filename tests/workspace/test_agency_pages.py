"""Administrators add and change agencies and disclosure offices in the staff workspace.

Through the agencies services: scoped (an administrator only below his agency), audited, and bad
input answered in Chinese with nothing changed.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.agencies.models import Agency, DisclosureOffice
from gongkai.core.models import AuditEvent


def _login(client: Client, world: Any, role: str) -> None:
    client.force_login(world.users[role])


def test_administrator_adds_a_subordinate_agency(client: Client, world: Any) -> None:
    _login(client, world, "admin")
    form = client.get("/staff/agencies/city/add/")
    assert form.status_code == 200
    assert "在青山市人民政府下新增机关" in form.content.decode()
    response = client.post(
        "/staff/agencies/city/add/",
        {
            "code": "city-fin",
            "name": "青山市财政局",
            "short_name": "市财政局",
            "level": "department",
            "sort_order": "3",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/agencies/city-fin/"
    agency = Agency.objects.get(code="city-fin")
    assert (agency.parent, agency.level, agency.short_name, agency.sort_order) == (
        world.city,
        "department",
        "市财政局",
        3,
    )
    assert agency.path == f"{world.city.path}{agency.pk}/"
    event = AuditEvent.objects.get(action="agency.created", object_id=str(agency.pk))
    assert event.actor == world.users["admin"]
    assert event.actor_label == "prov_admin"
    assert event.agency == agency
    detail = client.get(response["Location"]).content.decode()
    assert "已新增机关：青山市财政局。" in detail


def test_bad_agency_input_is_refused_in_chinese_and_changes_nothing(client: Client, world: Any) -> None:
    _login(client, world, "admin")
    before = Agency.objects.count()
    events = AuditEvent.objects.count()
    # A city cannot sit under a county, and the code is taken.
    response = client.post(
        "/staff/agencies/county/add/", {"code": "city", "name": "某市人民政府", "level": "city", "sort_order": "0"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "上级机关必须是更高一级的人民政府。" in body
    assert "机关代码“city”已存在" in body
    assert 'role="alert"' in body
    bad_code = client.post(
        "/staff/agencies/county/add/", {"code": "有 空格", "name": "某镇", "level": "township", "sort_order": "0"}
    )
    assert bad_code.status_code == 400
    assert "机关代码“有 空格”无效" in bad_code.content.decode()
    assert Agency.objects.count() == before
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("role", ["registrar", "handler", "head", "city_supervisor", "supervisor"])
def test_other_roles_may_not_add_or_change(client: Client, world: Any, role: str) -> None:
    _login(client, world, role)
    for url in ("/staff/agencies/city/add/", "/staff/agencies/city/change/", "/staff/agencies/city/office/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "只有青山市人民政府或其上级机关的管理员可以修改该机关" in response.content.decode()
    response = client.post("/staff/agencies/city/add/", {"code": "x1", "name": "某局", "level": "department"})
    assert response.status_code == 403
    assert not Agency.objects.filter(code="x1").exists()
    assert "新增下级机关" not in client.get("/staff/agencies/city/").content.decode()


def test_an_administrator_cannot_reach_agencies_outside_his_subtree(client: Client, world: Any) -> None:
    from tests.factories import UserFactory, grant

    city_admin = UserFactory(username="city_admin")
    grant(city_admin, world.city, "administrator")
    client.force_login(city_admin)
    assert client.get("/staff/agencies/county/change/").status_code == 200  # below his agency
    assert client.get("/staff/agencies/other-city/add/").status_code == 404  # not even visible
    assert client.get("/staff/agencies/prov/change/").status_code == 404
    assert client.get("/staff/new-agency/").status_code == 403  # top level: superusers only
    listing = client.get("/staff/agencies/").content.decode()
    assert 'href="/staff/agencies/city/add/"' in listing
    assert "新增顶级机关" not in listing


def test_superuser_adds_a_top_level_agency(client: Client, world: Any) -> None:
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True)
    client.force_login(root)
    assert "新增顶级机关" in client.get("/staff/agencies/").content.decode()
    response = client.post(
        "/staff/new-agency/", {"code": "prov2", "name": "第二省人民政府", "level": "province", "sort_order": "0"}
    )
    assert response.status_code == 302
    assert Agency.objects.get(code="prov2").parent is None


def test_administrator_changes_an_agency_and_deactivates_it(client: Client, world: Any) -> None:
    _login(client, world, "admin")
    form = client.get("/staff/agencies/county/change/").content.decode()
    assert 'value="绿水县人民政府"' in form
    response = client.post(
        "/staff/agencies/county/change/", {"name": "绿水县人民政府（新）", "short_name": "绿水县", "sort_order": "2"}
    )
    assert response.status_code == 302
    county = Agency.objects.get(code="county")
    assert (county.name, county.short_name, county.sort_order, county.is_active) == (
        "绿水县人民政府（新）",
        "绿水县",
        2,
        False,
    )
    event = AuditEvent.objects.get(action="agency.updated", object_id=str(county.pk))
    assert event.details["is_active"] == [True, False]
    assert client.get("/agencies/county/").status_code == 404  # gone from the public portal
    empty = client.post("/staff/agencies/county/change/", {"name": "  ", "sort_order": "1", "is_active": "on"})
    assert empty.status_code == 400
    assert "这个字段是必填项。" in empty.content.decode()  # a name of blanks is no name
    assert Agency.objects.get(code="county").name == "绿水县人民政府（新）"


def test_administrator_enters_and_changes_the_disclosure_office(client: Client, world: Any) -> None:
    _login(client, world, "admin")
    assert "填写政府信息公开工作机构" in client.get("/staff/agencies/county/").content.decode()
    data = {
        "name": "绿水县人民政府办公室",
        "address": "绿水县府前路1号",
        "postcode": "123456",
        "phone": "0000-7654321",
        "email": "gk@lvshui.example.cn",
        "hours": "工作日 9:00–17:00",
    }
    response = client.post("/staff/agencies/county/office/", data)
    assert response.status_code == 302
    office = DisclosureOffice.objects.get(agency=world.county)
    assert (office.name, office.postcode, office.email) == ("绿水县人民政府办公室", "123456", "gk@lvshui.example.cn")
    assert AuditEvent.objects.filter(action="office.created", agency=world.county).count() == 1
    assert "绿水县府前路1号" in client.get("/agencies/county/").content.decode()  # the public page prints it

    form = client.get("/staff/agencies/county/office/").content.decode()
    assert 'value="绿水县人民政府办公室"' in form
    bad = client.post("/staff/agencies/county/office/", {**data, "postcode": "12345", "email": "not-an-address"})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "邮政编码是6位数字。" in body
    assert "请输入有效的电子邮箱地址，例如 gkb@example.gov.cn。" in body
    assert DisclosureOffice.objects.get(agency=world.county).postcode == "123456"
    client.post("/staff/agencies/county/office/", {**data, "phone": "0000-1111111"})
    assert AuditEvent.objects.get(action="office.updated").details == {"phone": ["0000-7654321", "0000-1111111"]}


def test_agency_admin_page_points_to_the_workspace(client: Client, world: Any) -> None:
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    body = client.get("/admin/agencies/agency/").content.decode()
    assert "新增机关请到工作台办理" in body
    assert 'href="/staff/agencies/"' in body
