"""Public portal: Chinese pages, only active agencies, friendly errors."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.agencies import services


def test_home_lists_active_agencies_in_chinese(client: Client, world) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
    body = response.content.decode()
    assert '<html lang="zh-Hans">' in body
    for name in ("示范省人民政府", "青山市人民政府", "绿水县人民政府"):
        assert name in body
    assert "<main" in body  # landmark for screen readers


def test_inactive_agency_is_hidden(client: Client, world) -> None:
    services.agency_update(actor=world.users["admin"], agency=world.county, is_active=False)
    assert "绿水县人民政府" not in client.get("/").content.decode()
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
