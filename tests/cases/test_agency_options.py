"""The workspace's agency filter: the agencies in the user's reach, in tree order, the chosen one
selected, names escaped (the options are rendered by the view, not by a template loop)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gongkai.agencies.models import Agency
from tests.conftest import World

pytestmark = pytest.mark.django_db


def options(world: World, who: str, query: str = "") -> list[tuple[str, bool, str]]:
    client = Client()
    client.force_login(world.users[who])
    body = client.get(f"/staff/cases/{query}").content.decode()
    select = body[body.index('id="case-agency"') :]
    select = select[: select.index("</select>")]
    return [
        (value, bool(selected), name)
        for value, selected, name in re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
        if value
    ]


def test_a_handler_sees_only_their_agency(world: World) -> None:
    assert options(world, "handler") == [("city", False, "青山市人民政府")]


def test_a_city_supervisor_sees_the_subtree_in_tree_order_with_the_chosen_one_selected(world: World) -> None:
    found = options(world, "city_supervisor", "?agency=county")
    expected_order = list(
        Agency.objects.filter(path__startswith=world.city.path).order_by("path").values_list("code", flat=True)
    )
    assert [code for code, _selected, _name in found] == expected_order
    assert {code for code, selected, _name in found if selected} == {"county"}
    assert "other-city" not in {code for code, _selected, _name in found}


def test_agency_names_are_escaped(world: World) -> None:
    world.county.name = '绿水县<script>"x"</script>'
    world.county.save(update_fields=["name"])
    client = Client()
    client.force_login(world.users["city_supervisor"])
    body = client.get("/staff/cases/").content.decode()
    assert "<script>&quot;" not in body
    assert "绿水县&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in body
