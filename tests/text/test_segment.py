"""Segmentation for search: government terms kept whole, query tokens among index tokens."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.text.segment import Segmenter, gov_terms, segmenter

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "real-shandong-state-council.csv"
SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def test_one_segmenter_per_process() -> None:
    assert segmenter() is segmenter()


def test_gov_terms_are_a_few_hundred_and_folded() -> None:
    terms = gov_terms()
    assert len(terms) >= 300
    assert len(set(terms)) == len(terms)
    for term in (
        "政府信息公开",
        "依申请公开",
        "行政规范性文件",
        "公积金",
        "养老保险",
        "营商环境",
        "放管服",
        "一网通办",
        "12345",
    ):
        assert term in terms


def test_every_gov_term_is_one_query_token() -> None:
    cut = segmenter()
    assert [term for term in gov_terms() if cut.query_tokens(term) != [term]] == []


@pytest.mark.parametrize(
    ("text", "query", "index_has"),
    [
        ("依申请公开", ["依申请公开"], ["申请", "公开", "依申请公开"]),
        ("中华人民共和国政府信息公开条例", ["中华人民共和国政府信息公开条例"], ["信息公开", "政府信息公开", "条例"]),
        ("拨打12345热线反映欠薪", ["拨打", "12345热线", "反映", "欠薪"], ["12345", "热线", "12345热线"]),
        ("公积金贷款怎么办？", ["公积金贷款", "怎么办"], ["公积金", "贷款"]),
        ("社保卡丢了", ["社保卡", "丢", "了"], ["社保", "社保卡"]),
        ("放管服改革", ["放管服改革"], ["放管服", "改革"]),
        ("養老保險", ["养老保险"], ["养老", "保险"]),  # folded first
        ("ＡＰＰ下载", ["app", "下载"], ["app"]),
        ("，。、！ 　", [], []),
    ],
)
def test_query_and_index_tokens(text: str, query: list[str], index_has: list[str]) -> None:
    cut = segmenter()
    assert cut.query_tokens(text) == query
    tokens = cut.index_tokens(text)
    for token in [*query, *index_has]:
        assert token in tokens
    assert not any(token.isspace() or token in "，。、！,.!" for token in tokens)


def test_title_unigrams_once_each_in_order() -> None:
    assert segmenter().title_unigrams("關於公開公积金2024年") == ["关", "于", "公", "开", "积", "金", "年"]


def test_add_words_once_and_folded() -> None:
    cut = Segmenter()  # the process's rjieba dictionary, with its own record of what it added
    assert cut.add_words(["测试用临时词甲乙", "測試用臨時詞甲乙", "", "  ", "，，"]) == 1
    assert cut.add_words(["测试用临时词甲乙"]) == 0
    assert cut.has_word("测试用临时词甲乙")
    assert cut.query_tokens("测试用临时词甲乙的通知")[0] == "测试用临时词甲乙"


def _real_texts() -> list[str]:
    with DOCUMENTS.open(encoding="utf-8") as handle:
        titles = [row["title"] for row in csv.DictReader(handle)]
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    return titles + [line for line in lines if line.strip()]


def test_query_tokens_are_index_tokens_on_real_text() -> None:
    cut = segmenter()
    texts = _real_texts()
    assert len(texts) > 100
    for text in texts:
        assert set(cut.query_tokens(text)) <= set(cut.index_tokens(text)), text


CHINESE = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            "政府信息公开依申请行政规范性文件公积金养老保险营商环境放管服一网通办热线山东省人民办公厅关于印发通知的了"
        ),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from("0123456789abcXYZ１２ＡＢ，。、 （）〔〕[]号第"),
    ),
    max_size=40,
)


@settings(max_examples=500, deadline=None)
@given(CHINESE)
def test_query_tokens_are_index_tokens(text: str) -> None:
    cut = segmenter()
    assert set(cut.query_tokens(text)) <= set(cut.index_tokens(text))
