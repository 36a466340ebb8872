"""The public search in a real browser (issue 15 item 4): type and see suggestions, search with a
typo and see the correction, narrow by a facet, and search the words as typed after all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.search.helpers import FUND, LIBRARY, OLD_FUND, PENSION, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def index_dir(tmp_path: Path, settings: Any) -> Any:
    from gongkai.search import service

    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    service.reset_engine()
    yield tmp_path
    service.reset_engine()


def hit_titles(page: Any) -> list[str]:
    return [title.strip() for title in page.locator("ol.hits h3 a").all_inner_texts()]


def test_a_citizen_searches_the_library(live_server: Any, page: Any, world: Any, index_dir: Path) -> None:
    for data in LIBRARY:  # each published in its own transaction: indexed after its commit
        publish(world.province if data is not PENSION else world.city, data)
    base = live_server.url
    page.goto(f"{base}/gk/{world.province.code}/")

    # suggestions as the user types, in the header's box
    box = page.locator("header input[type=search]")
    box.click()
    box.press_sequentially("山东省住房", delay=40)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#site-q-suggestions option'))"
        ".some(o => o.value.includes('公积金'))",
        timeout=5000,
    )

    # a homophone typo is corrected, and said so
    box.fill("住房公基金")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    correction = page.locator("p.correction")
    assert "已为您显示" in correction.inner_text()
    assert "住房公积金" in correction.inner_text()
    assert hit_titles(page)[:2] == [FUND.title, OLD_FUND.title]

    # a facet narrows the results, and the chosen facet clears them again
    page.locator("aside.facets a", has_text="已废止").click()
    page.wait_for_load_state()
    assert hit_titles(page) == [OLD_FUND.title]
    page.locator("aside.facets a.chosen").click()
    page.wait_for_load_state()
    assert len(hit_titles(page)) >= 2

    # "仍然搜索" searches the words as typed: nothing by that spelling
    page.locator("p.correction a").click()
    page.wait_for_load_state()
    assert page.locator("p.correction").count() == 0
    assert hit_titles(page) == []
    assert "没有找到文件" in page.get_by_role("main").inner_text()

    # the document page opens from a result
    page.goto(f"{base}/search/?q=住房公积金")
    page.locator("ol.hits h3 a").first.click()
    page.wait_for_load_state()
    assert FUND.title in page.locator("h1").inner_text()
