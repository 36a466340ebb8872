"""The upload page preselects the user's own agency and says how reports are matched to agencies;
roles without uploads are told why they see no upload button."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client


def _selected(body: str) -> list[str]:
    return re.findall(r'<option value="(\d+)"[^>]*selected', body)


def test_upload_preselects_the_users_own_agency(client: Client, world: Any) -> None:
    client.force_login(world.users["city_supervisor"])
    body = client.get("/staff/reports/upload/").content.decode()
    assert _selected(body) == [str(world.city.pk)]  # not the first option of a long list left to chance
    assert "每份报告按其首页写明的机关归档" in body
    assert "归入这里所选的机关" in body


def test_a_province_administrator_gets_his_province(client: Client, world: Any) -> None:
    client.force_login(world.users["admin"])
    assert _selected(client.get("/staff/reports/upload/").content.decode()) == [str(world.province.pk)]


@pytest.mark.parametrize("role", ["registrar", "handler", "head"])
def test_roles_without_upload_are_told_why(client: Client, world: Any, role: str) -> None:
    client.force_login(world.users[role])
    body = client.get("/staff/reports/").content.decode()
    assert 'href="/staff/reports/upload/"' not in body
    assert "只有本机关或上级机关的上级监督和管理员可以上传报告进行审核" in body


def test_uploaders_see_the_button_and_no_excuse(client: Client, world: Any) -> None:
    client.force_login(world.users["city_supervisor"])
    body = client.get("/staff/reports/").content.decode()
    assert 'href="/staff/reports/upload/"' in body
    assert "只有本机关或上级机关的上级监督和管理员" not in body
