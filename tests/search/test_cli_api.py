"""The CLI and API contract: ``gongkai search --json`` and ``GET /api/v1/search`` give the same shape."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from gongkai.search import service
from tests.conftest import World

from .helpers import FUND, LIBRARY, OLD_FUND, PENSION, publish

pytestmark = pytest.mark.django_db

ROW_KEYS = ["title", "doc_number", "index_number", "issuer", "status", "published_on", "score", "snippet", "url"]


@pytest.fixture
def library(world: World, django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for data in LIBRARY:
            publish(world.province if data is not PENSION else world.city, data)


def cli(*args: str) -> str:
    out = io.StringIO()
    call_command("search", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def check_shape(answer: dict[str, Any]) -> None:
    assert list(answer) == ["query", "used_query", "correction", "total", "results", "facets"]
    assert isinstance(answer["total"], int)
    for row in answer["results"]:
        assert list(row) == ROW_KEYS
        assert isinstance(row["score"], float)
    assert sorted(answer["facets"]) == ["issuer", "kind", "status", "year"]


def test_cli_json(library: None, world: World) -> None:
    answer = json.loads(cli("住房公积金", "--json"))
    check_shape(answer)
    assert answer["query"] == "住房公积金"
    assert [r["title"] for r in answer["results"]][:2] == [FUND.title, OLD_FUND.title]
    assert answer["results"][0]["published_on"] == "2024-01-15"
    city = json.loads(cli("办法", "--agency", world.city.code, "--json"))
    assert [r["title"] for r in city["results"]] == [PENSION.title]
    rules = json.loads(cli("山东省", "--kind", "rule", "--json"))
    assert [r["title"] for r in rules["results"]] == [FUND.title]


def test_cli_text(library: None) -> None:
    out = cli("住房公积金")
    assert "共 2 条结果" in out
    assert f"1. {FUND.title}  鲁政办发〔2024〕2号" in out


def test_cli_reindex(library: None, world: World) -> None:
    before = service.get_engine().count()
    out = io.StringIO()
    err = io.StringIO()
    call_command("search", "reindex", stdout=out, stderr=err)
    assert "已索引 6 件文件" in out.getvalue()
    assert "6/6" in err.getvalue()
    assert before == service.get_engine().count() == 6
    assert json.loads(cli("住房公积金", "--json"))["total"] == 2


def test_cli_bad_input_is_chinese() -> None:
    from django.core.management.base import CommandError

    with pytest.raises((CommandError, SystemExit)):
        call_command("search", "公积金", "--from", "2024-13-01", stdout=io.StringIO(), stderr=io.StringIO())


def test_api_search_has_the_cli_shape(library: None, client: Client) -> None:
    response = client.get("/api/v1/search", {"q": "住房公积金"})
    assert response.status_code == 200
    answer = response.json()
    check_shape(answer)
    assert answer == json.loads(cli("住房公积金", "--json"))
    filtered = client.get("/api/v1/search", {"q": "山东省", "status": "repealed", "sort": "date"}).json()
    assert [r["title"] for r in filtered["results"]] == [OLD_FUND.title]
    assert "住房公积金" in response.content.decode()  # Chinese as it is, not \\u escapes


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "公积金", "page": "0"},
        {"q": "公积金", "sort": "hot"},
        {"q": "公积金", "year": "abc"},
        {"q": "x" * 300},
        {"q": "公积金", "date_from": "2263-01-01"},
        {"q": "公积金", "year": "99999999999999999999"},
    ],
)
def test_api_bad_input_is_422_in_chinese(client: Client, params: dict[str, str]) -> None:
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert any("\u4e00" <= c <= "\u9fff" for c in message)


def test_api_suggest(library: None, client: Client) -> None:
    response = client.get("/api/v1/search/suggest", {"q": "住房"})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "住房"
    assert any(s.startswith("住房") for s in body["suggestions"])
    assert client.get("/api/v1/search/suggest", {"q": "x" * 300}).status_code == 422
    assert client.get("/api/v1/search/suggest", {"q": ""}).json()["suggestions"] == []
