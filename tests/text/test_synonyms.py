"""Plain-language synonyms: the starter list and the expansion of folded queries."""

from __future__ import annotations

import pytest

from gongkai.text.fold_search import fold
from gongkai.text.synonyms import Expansion, Synonyms, parse_pairs, starter_pairs


def test_starter_list_has_at_least_200_distinct_pairs() -> None:
    pairs = starter_pairs()
    plains = [plain for plain, _ in pairs]
    assert len(pairs) >= 200
    assert len(set(plains)) == len(plains)  # each plain phrase once
    for plain, official in pairs:
        assert plain == fold(plain)
        assert official
        assert plain not in official


@pytest.mark.parametrize(
    ("plain", "official"),
    [
        ("生孩子", "生育"),
        ("退休金", "养老金"),
        ("开饭店", "餐饮服务许可"),
        ("摆地摊", "流动摊贩"),
        ("五险一金", "住房公积金"),
        ("医保", "医疗保障"),
        ("社保", "社会保险"),
        ("低保", "最低生活保障"),
        ("落户", "户籍迁入"),
        ("买房补贴", "购房补贴"),
    ],
)
def test_the_pairs_the_issue_names(plain: str, official: str) -> None:
    assert official in Synonyms(starter_pairs()).official(plain)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("退休金怎么领", [Expansion("退休金", ("养老金", "基本养老金"))]),
        ("生孩子报销", [Expansion("生孩子报销", ("生育保险",))]),  # the longer phrase wins
        ("社保卡丢了", [Expansion("社保卡丢了", ("社会保障卡挂失",))]),
        ("开饭店要办什么证", [Expansion("开饭店", ("餐饮服务许可", "食品经营许可"))]),
        ("低保和医保", [Expansion("低保", ("最低生活保障",)), Expansion("医保", ("医疗保障", "医疗保险"))]),
        ("社保 社会保险", []),  # already written officially
        ("政府信息公开", []),
        ("", []),
    ],
)
def test_expansions(query: str, expected: list[Expansion]) -> None:
    assert Synonyms(starter_pairs()).expansions(fold(query)) == expected


def test_pairs_from_administrators_merge_and_fold() -> None:
    synonyms = Synonyms([("退休金", ["养老金"]), ("退休金", ["養老金", "基本养老金"]), ("xx", ["xx"]), ("", ["a"])])
    assert len(synonyms) == 1
    assert synonyms.official("退休金") == ("养老金", "基本养老金")


def test_parse_pairs_rejects_a_broken_line() -> None:
    assert parse_pairs("# comment\n\n生孩子\t生育, 生育保险\n") == [("生孩子", ("生育", "生育保险"))]
    with pytest.raises(ValueError, match="第2行"):
        parse_pairs("生孩子\t生育\n退休金 养老金\n")
    with pytest.raises(ValueError, match="第1行"):
        parse_pairs("生孩子\t\n")
