"""The public search page: the box on every portal page, results with facets and the correction
line, an agency's own search, and bad input answered in Chinese without a 500."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.conftest import World

from .helpers import FUND, LIBRARY, OLD_FUND, PENSION, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(world: World, django_capture_on_commit_callbacks: Callable[..., Any]) -> dict[str, Any]:
    with django_capture_on_commit_callbacks(execute=True):
        return {data.title: publish(world.province if data is not PENSION else world.city, data) for data in LIBRARY}


def hit_titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


def test_every_portal_page_has_the_search_box(client: Client, world: World) -> None:
    for url in ("/", f"/gk/{world.city.code}/"):
        html = client.get(url).content.decode()
        assert 'role="search"' in html
        assert 'action="/search/"' in html
        assert 'data-suggest-url="/api/v1/search/suggest"' in html


def test_the_column_searches_its_own_agency(client: Client, world: World) -> None:
    html = client.get(f"/gk/{world.city.code}/").content.decode()
    assert f'<input type="hidden" name="agency" value="{world.city.code}">' in html


def test_results_facets_and_sorting(client: Client, library: dict[str, Any]) -> None:
    response = client.get("/search/", {"q": "住房公积金"})
    assert response.status_code == 200
    html = response.content.decode()
    assert hit_titles(html)[:2] == [FUND.title, OLD_FUND.title]
    assert "2 个结果" in html or "2 results" in html
    assert "<em>" in html  # highlighted snippet
    # facets: the status facet narrows to the repealed one and can be cleared again
    assert "已废止" in html
    repealed = re.search(r'<a href="(\?[^"]*status=repealed[^"]*)">', html)
    assert repealed
    narrowed = client.get("/search/" + repealed.group(1).replace("&amp;", "&")).content.decode()
    assert hit_titles(narrowed) == [OLD_FUND.title]
    assert 'aria-current="true"' in narrowed
    by_date = client.get("/search/", {"q": "住房公积金", "sort": "date"}).content.decode()
    assert hit_titles(by_date)[:2] == [FUND.title, OLD_FUND.title]  # 2024 before 2015


def test_an_agency_search_keeps_to_its_subtree(client: Client, world: World, library: dict[str, Any]) -> None:
    everywhere = hit_titles(client.get("/search/", {"q": "养老保险"}).content.decode())
    assert PENSION.title in everywhere
    city = hit_titles(client.get("/search/", {"q": "养老保险", "agency": world.city.code}).content.decode())
    assert city == [PENSION.title]
    elsewhere = client.get("/search/", {"q": "养老保险", "agency": world.county.code}).content.decode()
    assert hit_titles(elsewhere) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "公积金", "year": "12345"}, "2100"),
        ({"q": "公积金", "page": "0"}, "1"),
        ({"q": "公积金", "date_from": "2024-05-01", "date_to": "2024-01-01"}, "早于"),
        ({"q": "公积金", "date_from": "不是日期"}, "日期"),
        ({"q": "公积金", "agency": "nowhere"}, "没有"),
        ({"q": "字" * 150}, "100"),
        ({"q": "公积金", "status": "gone"}, "gone"),
    ],
)
def test_bad_input_is_a_chinese_message_not_a_500(
    client: Client, world: World, params: dict[str, str], message: str
) -> None:
    response = client.get("/search/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error"' in html
    assert message in html


def test_an_empty_query_shows_the_form(client: Client) -> None:
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'id="page-q"' in response.content.decode()


def test_related_searches_offer_the_official_term_and_popular_searches(client: Client, library: dict[str, Any]) -> None:
    from gongkai.search import service
    from gongkai.search.models import PopularQuery

    PopularQuery.objects.create(text="住房公积金提取", count=1, pinned=True)
    PopularQuery.objects.create(text="公积金贷款", count=1, pinned=True)
    PopularQuery.objects.create(text="养老保险", count=1, pinned=True)
    PopularQuery.objects.create(text="公积金", count=1, pinned=True, hidden=True)
    service.forget_synonyms()
    assert service.related("住房公积金") == ["住房公积金提取"]  # shares 住房/公积金; never itself
    assert "生育" in service.related("生孩子")  # the plain words' official term
    assert service.related("") == []
    html = client.get("/search/", {"q": "住房公积金"}).content.decode()
    assert "相关搜索" in html
    link = "?" + urlencode({"q": "住房公积金提取"})
    assert f'<a href="{link}">住房公积金提取</a>' in html
