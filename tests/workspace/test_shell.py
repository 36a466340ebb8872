"""The staff shell: breadcrumbs, tables that scroll on a phone, the audit log in Chinese."""

from __future__ import annotations

from typing import Any

from django.test import Client

from gongkai.agencies import services
from gongkai.core.audit import actor_display


def test_staff_pages_have_breadcrumbs_ending_at_the_current_page(client: Client, world: Any) -> None:
    client.force_login(world.users["city_supervisor"])
    pages = {
        "/staff/agencies/": "机关",
        "/staff/agencies/county/": "绿水县人民政府",
        "/staff/audit/": "审计日志",
        "/staff/reports/": "年度报告",
    }
    for url, current in pages.items():
        body = client.get(url).content.decode()
        start = body.index('<nav aria-label="当前位置" class="breadcrumb">')
        crumbs = body[start : body.index("</nav>", start)]
        assert '<a href="/staff/">工作台</a>' in crumbs, url
        assert f'<li aria-current="page">{current}</li>' in crumbs, url


def test_tables_scroll_in_their_own_focusable_region(client: Client, world: Any) -> None:
    client.force_login(world.users["city_supervisor"])
    for url in ("/staff/", "/staff/agencies/", "/staff/audit/", "/staff/agencies/city/"):
        body = client.get(url).content.decode()
        assert body.count('<table class="data">') == body.count('class="table-scroll" role="region"'), url
        assert 'style="' not in body, url  # no inline styles (the CSP)


def test_audit_log_names_actors_and_actions_in_chinese(client: Client, world: Any) -> None:
    services.agency_update(actor=None, agency=world.city, short_name="青山市", via="demo")
    client.force_login(world.users["city_supervisor"])
    body = client.get("/staff/audit/").content.decode()
    assert "系统（演示数据）" in body
    assert "system:demo" not in body
    assert "membership.granted" not in body
    assert "agency.updated" not in body
    assert "修改机关" in body


def test_actor_display() -> None:
    assert actor_display("system") == "系统"
    assert actor_display("system:cli") == "系统（命令行）"
    assert actor_display("system:somewhere") == "系统（somewhere）"
    assert actor_display("city_handler") == "city_handler"
