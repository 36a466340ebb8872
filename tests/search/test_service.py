"""The search service over the database: what a citizen types, what comes back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.documents import services as doc_services
from gongkai.search import service
from gongkai.search.models import SynonymEntry
from gongkai.search.service import SearchRequest
from tests.conftest import World

from .helpers import BIRTH, EXAM, FUND, LIBRARY, OLD_FUND, PENSION, REPEAL, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(world: World, django_capture_on_commit_callbacks: Callable[..., Any]) -> dict[str, Any]:
    with django_capture_on_commit_callbacks(execute=True):
        docs = {data.title: publish(world.province if data is not PENSION else world.city, data) for data in LIBRARY}
    return docs


@pytest.fixture
def desk_user(world: World) -> Any:
    from gongkai.agencies.models import Role
    from tests.factories import UserFactory, grant

    user = UserFactory(username="prov_reviewer")
    grant(user, world.province, Role.REVIEWER)
    return user


def titles(q: str, **kw: Any) -> list[str]:
    return [row.title for row in service.search(SearchRequest(q=q, **kw)).results]


def test_words_are_all_required_and_the_title_counts_most(library: dict[str, Any]) -> None:
    found = titles("住房公积金")
    assert found[:2] == [FUND.title, OLD_FUND.title]  # both in the title; in force first
    assert titles("住房公积金 提取") == [OLD_FUND.title, FUND.title] or set(titles("住房公积金 提取")) == {
        FUND.title,
        OLD_FUND.title,
    }
    assert titles("公积金 生育") == []


def test_a_quoted_phrase_and_an_exclusion(library: dict[str, Any]) -> None:
    assert titles("“政府信息公开工作考核办法”") == [EXAM.title]
    assert titles('"公积金提取管理"') == [OLD_FUND.title]
    assert titles("住房公积金 -提取") == []  # both mention 提取 in the body
    assert titles("住房公积金 -暂行") == [FUND.title]


def test_title_only(library: dict[str, Any]) -> None:
    assert titles("标题:养老金") == []  # only in the body
    assert titles("养老金", as_typed=True) == [PENSION.title]
    assert titles("title:养老保险") == [PENSION.title]


@pytest.mark.parametrize(
    "typed",
    [
        "鲁政办发〔2024〕2号",
        "鲁政办发[2024]2号",
        "鲁政办发（2024）2号",
        "鲁政办发【2024】第2号",
        "鲁政办发 2024 2",
        "鲁政办发2024年2号",
    ],
)
def test_a_doc_number_in_any_variant_finds_the_document_first(library: dict[str, Any], typed: str) -> None:
    assert titles(typed)[0] == FUND.title


def test_doc_number_prefix_and_year(library: dict[str, Any]) -> None:
    assert titles("鲁政办发 2023")[0] == BIRTH.title


def test_filters_facets_sort_pages(library: dict[str, Any], world: World) -> None:
    everything = service.search(SearchRequest(q="山东省"))
    assert everything.total == 5
    assert everything.facets["kind"] == {"normative": 3, "rule": 1, "other": 1}
    assert everything.facets["status"]["repealed"] == 1
    assert everything.facets["year"]["2024"] == 2
    assert everything.facets["issuer"]["山东省人民政府办公厅"] == 4
    assert titles("山东省", kind="rule") == [FUND.title]
    assert titles("山东省", status="repealed") == [OLD_FUND.title]
    assert titles("山东省", year=2020) == [EXAM.title]
    assert titles("山东省", issuer="山东省人民政府") == [REPEAL.title]
    assert set(titles("办法", agency=world.city.code)) == {PENSION.title}
    assert len(titles("办法", agency=world.province.code)) == 3  # the province's tree holds the city
    by_date = titles("山东省", sort="date")
    assert by_date[0] == REPEAL.title
    assert by_date[-1] == OLD_FUND.title
    assert titles("山东省", sort="date", page=2, per_page=2) == by_date[2:4]
    empty_query = service.search(SearchRequest(q="", topic="住房保障"))
    assert [r.title for r in empty_query.results] == [FUND.title]


def test_synonyms_find_the_official_term(library: dict[str, Any]) -> None:
    SynonymEntry.objects.update_or_create(plain="生孩子", defaults={"official": "生育", "is_active": True})
    service.forget_synonyms()
    assert titles("生孩子") == [BIRTH.title]
    SynonymEntry.objects.filter(plain="生孩子").update(is_active=False)
    service.forget_synonyms()
    assert titles("生孩子") == []


def test_drafts_and_on_request_documents_are_never_found(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        doc_services.document_create(actor=None, agency=world.city, data=FUND)  # a draft
        publish(world.city, FUND, title="依申请公开的住房公积金文件", disclosure="on_request", index_number="x-1")
    assert service.search(SearchRequest(q="住房公积金")).total == 0


def test_withdrawal_removes_at_once(
    library: dict[str, Any], desk_user: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from gongkai.publishing.services import withdraw

    document = library[FUND.title]
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(actor=desk_user, document=document, reason="内容有误")
    assert FUND.title not in titles("住房公积金")


def test_a_repeal_moves_the_status_in_the_index(
    library: dict[str, Any], world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    target = library[EXAM.title]
    with django_capture_on_commit_callbacks(execute=True):
        doc_services.document_relate(actor=None, source=library[REPEAL.title], target=target, kind="repeals")
    assert titles("考核办法", status="repealed") == [EXAM.title]


def test_the_json_shape(library: dict[str, Any]) -> None:
    answer = service.search(SearchRequest(q="住房公积金")).as_json()
    assert list(answer) == ["query", "used_query", "correction", "total", "results", "facets"]
    assert answer["query"] == answer["used_query"] == "住房公积金"
    assert answer["correction"] is None
    row = answer["results"][0]
    assert list(row) == [
        "title",
        "doc_number",
        "index_number",
        "issuer",
        "status",
        "published_on",
        "score",
        "snippet",
        "url",
    ]
    assert row["doc_number"] == "鲁政办发〔2024〕2号"
    assert row["published_on"] == "2024-01-15"
    assert row["status"] == "in_force"
    assert "<em>" in row["snippet"]
    assert row["url"].startswith("/gk/document/")
    assert set(answer["facets"]) == {"kind", "status", "issuer", "year"}


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (SearchRequest(q=""), "q"),
        (SearchRequest(q="x" * 201), "q"),
        (SearchRequest(q="公积金", sort="hot"), "sort"),
        (SearchRequest(q="公积金", page=0), "page"),
        (SearchRequest(q="公积金", per_page=500), "per_page"),
        (SearchRequest(q="公积金", status="valid"), "status"),
    ],
)
def test_bad_input_is_one_chinese_message(request_: SearchRequest, field: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        service.search(request_)
    assert raised.value.status == 422
    assert field in raised.value.details
    assert any("\u4e00" <= c <= "\u9fff" for c in raised.value.message)


def test_only_punctuation_finds_nothing(library: dict[str, Any]) -> None:
    assert service.search(SearchRequest(q="，。")).total == 0


def test_suggestions(library: dict[str, Any], world: World) -> None:
    found = service.suggest("住房")
    assert any(s.startswith("住房") for s in found)
    assert "青山市人民政府" in service.suggest("青山")


class FakeCorrector:
    """Proposes 公积金 for 公基金 (the pipeline's Corrector does this from the vocabulary)."""

    def __init__(self, vocabulary: Any, **options: Any) -> None:
        self.vocabulary = vocabulary

    def propose(self, query: str) -> Any:
        from types import SimpleNamespace

        if "公基金" not in query:
            return None
        return SimpleNamespace(
            text=query.replace("公基金", "公积金"), kind="homophone", changes=(("公基金", "公积金"),)
        )


def test_a_correction_is_applied_when_the_words_as_typed_find_nothing(
    library: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "Corrector", FakeCorrector)
    service.reset_engine()
    corrected = service.search(SearchRequest(q="住房公基金"))
    assert corrected.query == "住房公基金"
    assert corrected.used_query == corrected.correction == "住房公积金"
    assert [r.title for r in corrected.results][:2] == [FUND.title, OLD_FUND.title]
    typed = service.search(SearchRequest(q="住房公基金", as_typed=True))
    assert typed.total == 0
    assert typed.correction is None
    assert typed.used_query == "住房公基金"
    assert service.search(SearchRequest(q="住房公积金")).correction is None  # found: nothing to correct


def test_a_correction_that_finds_no_more_is_not_applied(
    library: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "Corrector", FakeCorrector)
    service.reset_engine()
    answer = service.search(SearchRequest(q="公基金 航天"))
    assert answer.correction is None
    assert answer.total == 0


def test_a_numbered_order_without_a_year(world: World, django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        publish(
            world.province,
            EXAM,
            title="山东省政府信息公开办法",
            doc_number="山东省人民政府令第337号",
            index_number="o-1",
        )
    assert titles("山东省人民政府令第337号")[0] == "山东省政府信息公开办法"
    assert titles("山东省人民政府令 第 337 号")[0] == "山东省政府信息公开办法"


def test_popular_searches_become_suggestions(library: dict[str, Any]) -> None:
    from gongkai.search.models import PopularQuery

    for _ in range(3):
        service.search(SearchRequest(q="住房公积金 提取"))
    service.search(SearchRequest(q="航天发射"))  # found nothing: not counted
    service.flush_query_counts()
    assert PopularQuery.objects.get(text="住房公积金 提取").count == 3
    assert not PopularQuery.objects.filter(text="航天发射").exists()
    assert service.suggest("住房")[0] == "住房公积金 提取"
    PopularQuery.objects.filter(text="住房公积金 提取").update(hidden=True)
    service.reset_engine()
    assert "住房公积金 提取" not in service.suggest("住房")
    PopularQuery.objects.create(text="住房补贴", pinned=True)
    service.reset_engine()
    assert service.suggest("住房")[0] == "住房补贴"


def test_pinyin_queries(library: dict[str, Any]) -> None:
    assert FUND.title in titles("zhufang gongjijin")
    assert FUND.title in titles("gjj")
    answer = service.search(SearchRequest(q="gongjijin"))
    assert answer.results
