"""The 主动公开事项目录 and the 指南 (Art. 12): services (roles, checks, audit), staff pages, public pages."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.management import call_command
from django.test import Client

from gongkai.agencies.models import DisclosureOffice, Role
from gongkai.core.audit import AuditEvent
from gongkai.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.documents import catalogue, services
from gongkai.documents.catalogue import ItemInput
from gongkai.documents.models import CatalogueCategory, CatalogueItem, DisclosureGuide
from tests.conftest import World
from tests.factories import UserFactory, grant

from .test_public_pages import NEW, OLD, published

pytestmark = pytest.mark.django_db

BASIS = "《中华人民共和国政府信息公开条例》第二十条第（一）项"


@pytest.fixture
def editor(world: World) -> object:
    user = UserFactory(username="city_editor")
    grant(user, world.city, Role.EDITOR)
    return user


def _item(category: CatalogueCategory, **changes: object) -> ItemInput:
    data = ItemInput(
        category=category.pk,
        subject="行政规范性文件",
        content="本机关制发的行政规范性文件",
        legal_basis=BASIS,
        time_limit="20个工作日内",
        responsible_unit="市政府办公室",
        channel="门户网站",
        method="主动公开",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def test_an_editor_keeps_the_catalogue_audited(world: World, editor: object) -> None:
    category = catalogue.category_save(actor=editor, agency=world.city, name="政策文件")  # type: ignore[arg-type]
    assert category.position == 1
    second = catalogue.category_save(actor=editor, agency=world.city, name="财政信息")  # type: ignore[arg-type]
    assert second.position == 2
    doc = published(world, OLD)
    item = catalogue.item_create(
        actor=editor,  # type: ignore[arg-type]
        agency=world.city,
        data=_item(category, documents=("鲁政办字[2020]25号",)),
    )
    assert list(item.documents.all()) == [doc]
    assert item.position == 1
    item = catalogue.item_update(
        actor=editor,  # type: ignore[arg-type]
        item=item,
        data=_item(second, subject="部门预算", documents=(doc.index_number,)),
    )
    assert item.category == second
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"catalogue.category_saved", "catalogue.item_created", "catalogue.item_changed"} <= actions
    with pytest.raises(InvalidTransition):
        catalogue.category_delete(actor=editor, category=second)  # type: ignore[arg-type]
    catalogue.item_delete(actor=editor, item=item)  # type: ignore[arg-type]
    catalogue.category_delete(actor=editor, category=second)  # type: ignore[arg-type]
    assert not CatalogueItem.objects.exists()
    assert list(CatalogueCategory.objects.values_list("name", flat=True)) == ["政策文件"]


def test_only_editors_and_the_head_of_the_agency(world: World, editor: object) -> None:
    category = catalogue.category_save(actor=world.users["head"], agency=world.city, name="政策文件")
    for user in (world.users["handler"], world.users["other_handler"], world.users["admin"]):
        with pytest.raises(PermissionDenied):
            catalogue.category_save(actor=user, agency=world.city, name="人事信息")
        with pytest.raises(PermissionDenied):
            catalogue.item_create(actor=user, agency=world.city, data=_item(category))
        with pytest.raises(PermissionDenied):
            catalogue.guide_save(actor=user, agency=world.city, body="<p>指南</p>")
    with pytest.raises(PermissionDenied):  # the city's editor, not the county's
        catalogue.category_save(actor=editor, agency=world.county, name="政策文件")  # type: ignore[arg-type]
    assert CatalogueCategory.objects.count() == 1


def test_bad_input_is_refused_in_chinese_and_changes_nothing(world: World, editor: object) -> None:
    category = catalogue.category_save(actor=editor, agency=world.city, name="政策文件")  # type: ignore[arg-type]
    county_category = catalogue.category_save(actor=None, agency=world.county, name="政策文件")
    with pytest.raises(Conflict, match="已有"):
        catalogue.category_save(actor=editor, agency=world.city, name=" 政策文件 ")  # type: ignore[arg-type]
    with pytest.raises(ValidationFailed, match="名称"):
        catalogue.category_save(actor=editor, agency=world.city, name="  ")  # type: ignore[arg-type]
    county_doc = published(world, replace(NEW, title="县里的文件"), agency=world.county)
    cases = [
        (_item(category, subject=""), "subject"),
        (_item(county_category), "category"),
        (_item(category, documents=("不存在〔2020〕1号",)), "documents"),
        (_item(category, documents=(county_doc.index_number,)), "documents"),  # another agency's document
        (_item(category, time_limit="长" * 201), "time_limit"),
        (_item(category, position=-1), "position"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationFailed) as raised:
            catalogue.item_create(actor=editor, agency=world.city, data=data)  # type: ignore[arg-type]
        assert field in raised.value.details
        assert any("\u4e00" <= ch <= "\u9fff" for ch in raised.value.details[field])
    assert not CatalogueItem.objects.exists()
    with pytest.raises(ValidationFailed):
        catalogue.guide_save(actor=editor, agency=world.city, body="   ")  # type: ignore[arg-type]
    assert not DisclosureGuide.objects.exists()


def test_the_public_catalogue_by_category_shows_published_documents_only(world: World, client: Client) -> None:
    policy = catalogue.category_save(actor=None, agency=world.city, name="政策文件")
    money = catalogue.category_save(actor=None, agency=world.city, name="财政信息")
    shown = published(world, OLD)
    draft = services.document_create(actor=None, agency=world.city, data=replace(NEW, title="尚未发布的文件"))
    catalogue.item_create(
        actor=None, agency=world.city, data=_item(policy, documents=(shown.index_number, draft.index_number))
    )
    catalogue.item_create(actor=None, agency=world.city, data=_item(money, subject="部门预算", documents=()))
    page = client.get(f"/gk/{world.city.code}/catalogue/").content.decode()
    assert "政策文件" in page
    assert "财政信息" in page
    assert shown.title in page
    assert f"/gk/document/{shown.pk}/" in page
    assert "尚未发布的文件" not in page
    assert BASIS in page
    one = client.get(f"/gk/{world.city.code}/catalogue/", {"category": money.pk}).content.decode()
    assert "部门预算" in one
    assert shown.title not in one
    for bad in ("abc", "99999", str(policy.pk) + "x", "²", "9" * 40, "1\x00"):
        response = client.get(f"/gk/{world.city.code}/catalogue/", {"category": bad})
        assert response.status_code == 200
    other = client.get(f"/gk/{world.other_city.code}/catalogue/", {"category": policy.pk}).content.decode()
    assert shown.title not in other  # another agency's category is not shown under this one
    assert client.get("/gk/no-such-agency/catalogue/").status_code == 404
    column = client.get(f"/gk/{world.city.code}/").content.decode()
    assert f"/gk/{world.city.code}/catalogue/" in column
    assert f"/gk/{world.city.code}/guide/" in column


def test_the_guide_sanitised_with_the_office_and_its_date(world: World, editor: object, client: Client) -> None:
    DisclosureOffice.objects.create(
        agency=world.city, name="青山市人民政府办公室政务公开科", address="青山市政务服务中心3楼", phone="0535-1234567"
    )
    before = client.get(f"/gk/{world.city.code}/guide/").content.decode()
    assert "0535-1234567" in before  # the office's contact data even before a guide is written
    guide = catalogue.guide_save(
        actor=editor,  # type: ignore[arg-type]
        agency=world.city,
        body="<h2>一、主动公开</h2><p onclick='x()'>公开范围</p><script>alert(1)</script>",
    )
    page = client.get(f"/gk/{world.city.code}/guide/").content.decode()
    assert "<h2>一、主动公开</h2>" in page
    assert "alert(1)" not in page
    assert "onclick" not in page
    assert "0535-1234567" in page
    assert guide.revised_on.strftime("%Y-%m-%d") in page
    assert AuditEvent.objects.filter(action="catalogue.guide_saved").count() == 1


def test_staff_pages(world: World, editor: object) -> None:
    staff = Client()
    staff.force_login(editor)  # type: ignore[arg-type]
    assert staff.get("/staff/documents/catalogue/").status_code == 200
    assert staff.get("/staff/documents/catalogue/new/", follow=True).status_code == 200  # no category yet: told so
    staff.post("/staff/documents/catalogue/categories/", {"agency": "city", "name": "政策文件"})
    category = CatalogueCategory.objects.get()
    doc = published(world, OLD)
    form = {
        "category": category.pk,
        "subject": "行政规范性文件",
        "legal_basis": BASIS,
        "documents": "鲁政办字(2020)25号\n",
    }
    response = staff.post("/staff/documents/catalogue/new/?agency=city", form)
    assert response.status_code == 302
    item = CatalogueItem.objects.get()
    assert list(item.documents.all()) == [doc]
    edit = staff.get(f"/staff/documents/catalogue/{item.pk}/edit/").content.decode()
    assert doc.index_number in edit
    wrong = staff.post(f"/staff/documents/catalogue/{item.pk}/edit/", {**form, "documents": "没有这个文号"})
    assert wrong.status_code == 200
    assert "没有这个文号" in wrong.content.decode()
    staff.post(f"/staff/documents/catalogue/categories/{category.pk}/", {"name": "政策法规", "position": "3"})
    category.refresh_from_db()
    assert (category.name, category.position) == ("政策法规", 3)
    dup = staff.post("/staff/documents/catalogue/categories/", {"agency": "city", "name": "政策法规"}, follow=True)
    assert "已有" in dup.content.decode()
    bad = staff.post("/staff/documents/catalogue/categories/", {"agency": "city", "position": "x"}, follow=True)
    assert bad.status_code == 200
    assert staff.get("/staff/documents/guide/").status_code == 200
    staff.post("/staff/documents/guide/?agency=city", {"body": "<p>本指南依据条例编制。</p>"})
    assert DisclosureGuide.objects.get(agency=world.city).body == "<p>本指南依据条例编制。</p>"
    empty = staff.post("/staff/documents/guide/?agency=city", {"body": ""})
    assert empty.status_code == 200
    staff.post(f"/staff/documents/catalogue/{item.pk}/delete/")
    assert not CatalogueItem.objects.exists()


def test_others_reach_no_staff_page(world: World) -> None:
    category = catalogue.category_save(actor=None, agency=world.city, name="政策文件")
    item = catalogue.item_create(actor=None, agency=world.city, data=_item(category))
    county_editor = UserFactory(username="county_editor")
    grant(county_editor, world.county, Role.EDITOR)
    for user in (world.users["handler"], county_editor):
        other = Client()
        other.force_login(user)
        assert other.get(f"/staff/documents/catalogue/{item.pk}/edit/").status_code == 404
        assert other.post(f"/staff/documents/catalogue/{item.pk}/delete/").status_code == 404
        assert other.post(f"/staff/documents/catalogue/categories/{category.pk}/delete/").status_code == 404
    handler = Client()
    handler.force_login(world.users["handler"])
    assert handler.get("/staff/documents/catalogue/").status_code == 404
    assert handler.get("/staff/documents/guide/").status_code == 404
    county = Client()
    county.force_login(county_editor)
    page = county.get("/staff/documents/catalogue/?agency=city").content.decode()
    assert "政策文件" not in page  # the county's own (empty) catalogue, not the city's
    assert CatalogueItem.objects.count() == 1


def test_the_demo_catalogue_and_guides_once() -> None:
    call_command("demo", verbosity=0)
    items = CatalogueItem.objects.filter(agency__code="sf-gov")
    assert items.count() >= 15
    names = list(CatalogueCategory.objects.filter(agency__code="sf-gov").values_list("name", flat=True))
    assert names[:3] == ["机构职能", "政策文件", "规划计划"]
    assert items.get(subject="行政规范性文件").documents.exists()
    assert DisclosureGuide.objects.count() == 7
    count = CatalogueItem.objects.count()
    call_command("demo", verbosity=0)
    assert CatalogueItem.objects.count() == count
