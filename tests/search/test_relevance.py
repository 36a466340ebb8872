"""The relevance gate of issue 15 item 6: the real fixture corpus (tests/fixtures/search/corpus.jsonl,
sources in SOURCES.md beside it) imported into the demo tree, indexed, and every query of
queries.jsonl run through the search service as a citizen would type it.

A query is a hit when every document it expects is among the first three results (an expected
entry is a title or a 文号, compared in its normal form); its reciprocal rank is 1/rank of the first
expected document found in the first ten. The test prints hit@3 and MRR per category and fails
below 90% overall or in any category, listing each query it missed with what came first instead.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test.utils import override_settings

from gongkai.agencies.demo import load_demo
from gongkai.documents import bulk
from gongkai.search import indexing, service
from gongkai.text.docnumber import normalise_doc_number

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "search"
CORPUS = FIXTURES / "corpus.jsonl"
QUERIES = FIXTURES / "queries.jsonl"
GATE = 0.9
CATEGORIES = (
    "plain",
    "multi",
    "docnumber",
    "pinyin",
    "homophone",
    "shape",
    "synonym",
    "traditional",
    "quoted",
    "issuer",
)


@dataclass(frozen=True)
class Query:
    q: str
    category: str
    expect: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Outcome:
    query: Query
    hit: bool
    reciprocal_rank: float
    top: tuple[str, ...]


def load_queries() -> list[Query]:
    with QUERIES.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [Query(row["q"], row["category"], tuple(row["expect"]), row.get("note", "")) for row in rows]


def matches(expected: str, title: str, doc_number: str) -> bool:
    if expected == title:
        return True
    return bool(doc_number) and normalise_doc_number(expected) == normalise_doc_number(doc_number)


def judge(query: Query, results: list[tuple[str, str]]) -> Outcome:
    """``results``: (title, 文号) of the first ten results, best first."""
    ranks = [
        next((rank for rank, (title, number) in enumerate(results, 1) if matches(expected, title, number)), None)
        for expected in query.expect
    ]
    found = [rank for rank in ranks if rank is not None]
    hit = len(found) == len(ranks) and all(rank <= 3 for rank in found)
    reciprocal = 1 / min(found) if found else 0.0
    return Outcome(query, hit, reciprocal, tuple(title for title, _number in results[:3]))


def report(outcomes: list[Outcome]) -> tuple[str, dict[str, float]]:
    """The table of hit@3 and MRR per category (and overall), and hit@3 by category."""
    by_category: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_category[outcome.query.category].append(outcome)
    lines = [f"{'category':<12} {'queries':>7} {'hit@3':>7} {'MRR':>7}"]
    rates: dict[str, float] = {}
    for category in [*CATEGORIES, *sorted(set(by_category) - set(CATEGORIES))]:
        rows = by_category.get(category, [])
        if not rows:
            continue
        rates[category] = sum(row.hit for row in rows) / len(rows)
        mrr = sum(row.reciprocal_rank for row in rows) / len(rows)
        lines.append(f"{category:<12} {len(rows):>7} {rates[category]:>7.1%} {mrr:>7.3f}")
    overall = sum(row.hit for row in outcomes) / len(outcomes)
    mrr_all = sum(row.reciprocal_rank for row in outcomes) / len(outcomes)
    lines.append(f"{'overall':<12} {len(outcomes):>7} {overall:>7.1%} {mrr_all:>7.3f}")
    rates["overall"] = overall
    return "\n".join(lines), rates


@pytest.fixture
def relevance_index(tmp_path: Path) -> Iterator[Any]:
    """The corpus in the demo tree and a fresh index of it in its own directory; yields the service."""
    with override_settings(GONGKAI_SEARCH_DIR=str(tmp_path / "relevance-index")):
        service.reset_engine()
        load_demo()
        outcome = bulk.import_file(CORPUS, actor=None, via="test")
        assert not outcome.problems, outcome.problems[:5]
        indexing.reindex()
        yield service
    service.reset_engine()


def test_the_fixture_files_are_whole() -> None:
    """At least 2,000 real documents each with its source, at least 150 queries, 12 in each category,
    and every expected document in the corpus."""
    with CORPUS.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    assert len(rows) >= 2000
    assert all(row["title"] and row["source"] for row in rows)
    queries = load_queries()
    assert len(queries) >= 150
    counts = defaultdict(int)
    for query in queries:
        counts[query.category] += 1
    assert set(counts) == set(CATEGORIES)
    assert min(counts.values()) >= 12
    for query in queries:
        for expected in query.expect:
            assert any(matches(expected, row["title"], row["doc_number"]) for row in rows), (query.q, expected)


def test_hit_at_3_is_90_percent_overall_and_in_every_category(relevance_index: Any) -> None:
    service = relevance_index
    outcomes = []
    for query in load_queries():
        response = service.search(service.SearchRequest(q=query.q, per_page=10))
        outcomes.append(judge(query, [(row.title, row.doc_number) for row in response.results]))
    table, rates = report(outcomes)
    print("\n" + table)
    missed = [
        f"  [{row.query.category}] {row.query.q!r} ({row.query.note}) expects {list(row.query.expect)}; "
        f"first three: {list(row.top)}"
        for row in outcomes
        if not row.hit
    ]
    if missed:
        print("missed:\n" + "\n".join(missed))
    below = {category: rate for category, rate in rates.items() if rate < GATE}
    assert not below, f"hit@3 below {GATE:.0%}: {below}\n{table}\nmissed:\n" + "\n".join(missed)
