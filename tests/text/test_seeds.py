"""The repair on the five seed documents (shared/seeds), damage as published."""

from __future__ import annotations

import re

import pytest

from gongkai.text import RepairKind, repair_punctuation, repair_text, to_simplified
from tests.seed_documents import seed_path

_LEFTOVER_PINYIN = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_PARENTHESISED = re.compile(r"\(([^()]*)\)")
_LATIN_BRACKETS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def seed(number: str) -> str:
    return seed_path(number).read_text(encoding="utf-8")


@pytest.mark.parametrize(("number", "annotations"), [("000", 0), ("001", 140), ("002", 0), ("003", 236), ("004", 0)])
def test_every_pinyin_annotation_and_nothing_else_is_removed(number: str, annotations: int) -> None:
    text = seed(number)
    result = repair_text(text)
    assert result.counts()[RepairKind.PINYIN] == annotations
    assert not _LEFTOVER_PINYIN.search(result.text)
    # the seeds hold no latin words in brackets, so here a naive removal of every latin "(…)" is
    # right, and every other parenthesised text must survive the repair
    naive = _LATIN_BRACKETS.sub("", text)
    assert len(_LATIN_BRACKETS.findall(text)) == annotations
    expected = repair_punctuation(to_simplified(naive).text).text
    assert _PARENTHESISED.findall(result.text) == _PARENTHESISED.findall(expected)


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_digits_are_unchanged(number: str) -> None:
    text = seed(number)
    assert re.findall(r"\d", repair_text(text).text) == re.findall(r"\d", text)


def test_seed_001_becomes_simplified_with_real_parentheses() -> None:
    result = repair_text(seed("001"))
    assert "关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知" in result.text
    assert "(国务院令第711号,以下简称《条例》)" in result.text
    assert "本年收费金额(单位:万元)" in result.text
    assert "(二)部分公开(区分处理的,只计这一情形,不计其他情形)" in result.text
    assert "統" not in result.text
    assert "發" not in result.text
    assert result.counts()[RepairKind.TRADITIONAL] > 1000


def test_seed_003_punctuation_markup_and_mojibake() -> None:
    result = repair_text(seed("003"))
    assert "一、总体情况" in result.text
    assert ",," not in result.text
    assert ",、" not in result.text
    assert ",。" not in result.text
    assert "/span>" not in result.text
    assert result.counts()[RepairKind.PUNCTUATION] == 132
    assert result.counts()[RepairKind.MARKUP] == 1
    assert result.counts()[RepairKind.MOJIBAKE] == 1


@pytest.mark.parametrize("number", ["000", "004"])
def test_clean_simplified_seeds_are_untouched(number: str) -> None:
    text = seed(number)
    result = repair_text(text)
    assert result.text == text
    assert result.changes == ()
