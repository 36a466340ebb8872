"""Public portal: Chinese pages, only active agencies, friendly errors."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.agencies import services
from tests.factories import AgencyFactory


def test_home_lists_active_agencies_in_chinese(client: Client, world) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
    body = response.content.decode()
    assert '<html lang="zh-Hans">' in body
    for name in ("示范省人民政府", "青山市人民政府", "示范省司法厅"):
        assert name in body
    assert "<main" in body  # landmark for screen readers
    # The home shows two levels; the county is one click further, and the city says how many it has.
    assert "绿水县人民政府" not in body
    assert "2个下级机关" in body


def test_inactive_agency_is_hidden(client: Client, world) -> None:
    services.agency_update(actor=world.users["admin"], agency=world.county, is_active=False)
    assert "绿水县人民政府" not in client.get("/agencies/city/").content.decode()
    assert "绿水县人民政府" not in client.get("/?q=绿水").content.decode()
    assert client.get("/agencies/county/").status_code == 404


def test_agency_page_shows_its_children(client: Client, world) -> None:
    response = client.get("/agencies/city/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "青山市人民政府" in body
    assert "绿水县人民政府" in body


@pytest.mark.django_db
def test_unknown_page_is_a_chinese_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_agency_page_breadcrumb_names_every_ancestor_and_marks_the_current_page(client: Client, world) -> None:
    body = client.get("/agencies/county/").content.decode()
    crumbs = body[body.index('class="breadcrumb"') : body.index("</nav>", body.index('class="breadcrumb"'))]
    assert crumbs.index("首页") < crumbs.index("示范省人民政府") < crumbs.index("青山市人民政府")
    assert '<li aria-current="page">绿水县人民政府</li>' in crumbs


@pytest.mark.django_db
def test_home_pages_the_top_level_and_caps_the_children_shown(client: Client) -> None:
    from gongkai.agencies.selectors import PUBLIC_CHILDREN_SHOWN, PUBLIC_PAGE_SIZE

    for i in range(PUBLIC_PAGE_SIZE + 3):
        AgencyFactory(code=f"prov{i:02d}", name=f"第{i:02d}省人民政府", level="province")
    first = AgencyFactory._meta.model.objects.get(code="prov00")
    for i in range(PUBLIC_CHILDREN_SHOWN + 5):
        AgencyFactory(code=f"dept{i:02d}", name=f"第{i:02d}厅", level="department", parent=first)

    page1 = client.get("/").content.decode()
    assert "第00省人民政府" in page1
    assert f"第{PUBLIC_PAGE_SIZE - 1:02d}省人民政府" in page1
    assert f"第{PUBLIC_PAGE_SIZE:02d}省人民政府" not in page1
    assert f"第{PUBLIC_CHILDREN_SHOWN - 1:02d}厅" in page1
    assert f"第{PUBLIC_CHILDREN_SHOWN:02d}厅" not in page1
    assert f"第00省人民政府的全部{PUBLIC_CHILDREN_SHOWN + 5}个下级机关" in page1
    assert "第1页，共2页" in page1
    assert 'href="?page=2"' in page1

    page2 = client.get("/?page=2").content.decode()
    assert f"第{PUBLIC_PAGE_SIZE:02d}省人民政府" in page2
    assert "第00省人民政府" not in page2
    assert client.get("/?page=zzz").status_code == 200  # a bad page number shows the first page

    province = client.get("/agencies/prov00/").content.decode()
    assert f"第{PUBLIC_CHILDREN_SHOWN + 4:02d}厅" in province  # the agency's own page lists them all


def test_search_finds_agencies_at_any_depth(client: Client, world) -> None:
    body = client.get("/", {"q": "绿水"}).content.decode()
    assert "找到1个名称含“绿水”的机关。" in body
    assert 'href="/agencies/county/"' in body
    assert "青山市人民政府" in body  # its parent, to tell namesakes apart
    assert "找到0个" in client.get("/", {"q": "没有这个机关"}).content.decode()


def test_footer_shows_sponsor_contact_and_icp_from_settings(client: Client, world, settings) -> None:
    assert "主办单位" not in client.get("/").content.decode()  # nothing configured: nothing shown
    settings.GONGKAI_SITE_SPONSOR = "示范省人民政府办公厅"
    settings.GONGKAI_SITE_CONTACT = "电话 0000-12345678"
    settings.GONGKAI_SITE_ICP = "示ICP备00000000号"
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert "主办单位：示范省人民政府办公厅" in footer
    assert "联系方式：电话 0000-12345678" in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">示ICP备00000000号</a>' in footer


def test_logged_in_staff_keep_their_navigation_on_public_pages(client: Client, world) -> None:
    anonymous = client.get("/agencies/city/").content.decode()
    assert 'href="/staff/login/"' in anonymous
    assert "退出登录" not in anonymous
    client.force_login(world.users["handler"])
    for url in ("/", "/agencies/city/"):
        body = client.get(url).content.decode()
        nav = body[body.index('aria-label="主导航"') : body.index("</nav>")]
        for link in ('href="/staff/"', 'href="/staff/agencies/"', 'href="/staff/reports/"', 'href="/staff/audit/"'):
            assert link in nav, (url, link)
        assert "退出登录" in nav
