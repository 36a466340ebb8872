"""Pinyin keys: full pinyin and initials of titles, splitting typed pinyin into syllables."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.text.pinyin_keys import SYLLABLES, full, initials, looks_like_initials, looks_like_pinyin, split_syllables


@pytest.mark.parametrize(
    ("text", "full_key", "initials_key"),
    [
        ("社会保险", "shehuibaoxian", "shbx"),
        ("住房公积金", "zhufanggongjijin", "zfgjj"),
        ("政府信息公开", "zhengfuxinxigongkai", "zfxxgk"),
        ("銀行", "yinhang", "yh"),  # folded first: traditional characters
        ("重庆", "chongqing", "cq"),
        ("会计", "kuaiji", "kj"),
        ("单县", "shanxian", "sx"),  # pypinyin-dict's phrase data
        ("调休", "tiaoxiu", "tx"),
        ("绿色", "lvse", "ls"),  # ü typed as v
        ("12345热线", "12345rexian", "12345rx"),
        ("ＡＰＰ下载", "appxiazai", "appxz"),
        ("社保，卡（新）", "shebaokaxin", "sbkx"),
        ("", "", ""),
    ],
)
def test_full_and_initials(text: str, full_key: str, initials_key: str) -> None:
    assert full(text) == full_key
    assert initials(text) == initials_key


@pytest.mark.parametrize(
    ("typed", "syllables"),
    [
        ("shebaobuzhu", ["she", "bao", "bu", "zhu"]),
        ("gongjijin", ["gong", "ji", "jin"]),
        ("fangan", ["fang", "an"]),  # backtracking: "fa" + "ngan" fails
        ("xian", ["xian"]),  # longest first
        ("xi'an", ["xi", "an"]),  # an apostrophe breaks
        ("gong ji jin", ["gong", "ji", "jin"]),
        ("ShеBao", None),  # a Cyrillic е is not pinyin
        ("SheBao", ["she", "bao"]),
        ("zhuangshuang", ["zhuang", "shuang"]),
        ("nvxing", ["nv", "xing"]),
        ("lve", ["lve"]),
        ("pdf", None),
        ("app", None),
        ("hello", None),
        ("she2bao", None),
        ("", None),
    ],
)
def test_split_syllables(typed: str, syllables: list[str] | None) -> None:
    assert split_syllables(typed) == syllables


@pytest.mark.parametrize(
    ("query", "pinyin", "initials_like"),
    [
        ("shebao", True, False),
        ("gongjijin", True, False),
        ("gong ji jin", True, False),
        ("yanglaobaoxian", True, False),
        ("gjj", False, True),
        ("sb", False, True),
        ("zfxxgk", False, True),
        ("pdf", False, True),  # could be initials; the corrector asks the vocabulary
        ("app", False, False),
        ("ofd", False, False),
        ("a", False, False),
        ("社保", False, False),
        ("2024", False, False),
    ],
)
def test_looks_like(query: str, pinyin: bool, initials_like: bool) -> None:
    assert looks_like_pinyin(query) is pinyin
    assert looks_like_initials(query) is initials_like


def test_syllable_table() -> None:
    assert len(SYLLABLES) >= 400
    assert {"zhuang", "lve", "nv", "er", "a", "yo"} <= SYLLABLES
    assert not {"m", "n", "ng", "hm", "i", "u", "v"} & SYLLABLES


@given(st.lists(st.sampled_from(sorted(SYLLABLES)), min_size=1, max_size=6))
def test_joined_syllables_always_split_back_to_syllables(syllables: list[str]) -> None:
    split = split_syllables("".join(syllables))
    assert split is not None
    assert "".join(split) == "".join(syllables)
    assert all(part in SYLLABLES for part in split)
