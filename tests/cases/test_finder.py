"""Province-wide intake: the applicant finds the agency by name, short name or pinyin."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.agencies.selectors import find_public_agencies
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    province = AgencyFactory(code="370000", name="山东省人民政府", short_name="山东省政府", level="province")
    jinan = AgencyFactory(code="370100", name="济南市人民政府", short_name="济南市", level="city", parent=province)
    AgencyFactory(code="371722", name="单县人民政府", short_name="单县", level="county", parent=province)
    AgencyFactory(code="370100-czj", name="济南市财政局", level="department", parent=jinan)
    return province


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("济南市人民政府", ["370100"]),
        ("济南", ["370100", "370100-czj"]),  # both start with it: tree order
        ("jnsrmzf", ["370100"]),
        ("jn", ["370100", "370100-czj"]),
        ("shanxian", ["371722"]),
        ("财政", ["370100-czj"]),
        ("人民政府", ["370000", "370100", "371722"]),
        ("不存在的机关", []),
    ],
)
def test_find_public_agencies(tree, query, codes):
    assert [agency.code for agency in find_public_agencies(query)] == codes


def test_inactive_agencies_are_not_found(tree):
    from gongkai.agencies.models import Agency

    Agency.objects.filter(code="371722").update(is_active=False)
    assert find_public_agencies("单县") == []


def test_the_page_lists_matches_linking_to_the_form(tree):
    response = Client().get("/apply/", {"q": "jnsrmzf"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "济南市人民政府" in page
    assert 'href="/apply/370100/"' in page
    assert "济南市财政局" not in page


def test_the_page_without_a_query_shows_the_form_and_a_long_query_is_cut(tree):
    assert 'name="q"' in Client().get("/apply/").content.decode()
    assert Client().get("/apply/", {"q": "济" * 500}).status_code == 200


def test_the_api_filters_by_query_and_keeps_its_pagination(tree):
    response = Client().get("/api/v1/agencies", {"q": "人民政府", "limit": 2})
    assert response.status_code == 200
    assert [row["code"] for row in response.json()] == ["370000", "370100"]
    assert response["X-Total-Count"] == "3"
    assert "q=%E4%BA%BA" in response["Link"]
    assert Client().get("/api/v1/agencies", {"q": "x" * 51}).status_code == 422
    assert len(Client().get("/api/v1/agencies").json()) == 4
