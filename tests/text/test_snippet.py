"""Snippets: escaped excerpts with <em> hits, found on the folded text, marked in the original."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.text.snippet import highlight, snippet

BODY = (
    "第一条 为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，制定本条例。"
    "第二条 本条例所称政府信息，是指行政机关在履行行政管理职能过程中制作或者获取的信息。"
    "第三条 各级人民政府应当加强对政府信息公开工作的组织领导。"
    "第二十七条 除行政机关主动公开的政府信息外，公民、法人或者其他组织可以向行政机关申请获取相关政府信息。"
)


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        ("住房公积金提取办法", ["公积金"], "住房<em>公积金</em>提取办法"),
        ("住房公積金提取", ["公积金"], "住房<em>公積金</em>提取"),  # found folded, shown as written
        ("国办发［2019］23号", ["国办发〔2019〕23号"], "<em>国办发［2019］23号</em>"),
        ("下载ＰＤＦ版", ["pdf"], "下载<em>ＰＤＦ</em>版"),
        ("<script>公开</script>", ["公开"], "&lt;script&gt;<em>公开</em>&lt;/script&gt;"),
        ("A & B 公开", ["公开"], "A &amp; B <em>公开</em>"),
        ("政府信息公开", ["信息", "政府信息公开"], "<em>政府信息公开</em>"),  # the longer term wins
        ("没有命中", ["公积金"], "没有命中"),
        ("公开\n\n\t公开", ["公开"], "<em>公开</em> <em>公开</em>"),
        ("", ["公开"], ""),
        ("公开", [], "公开"),
    ],
)
def test_short_texts(text: str, terms: list[str], expected: str) -> None:
    assert snippet(text, terms) == expected


def test_window_around_the_densest_hits() -> None:
    found = snippet(BODY, ["申请", "获取"], width=40)
    # 获取 is also in the first article, but both terms together only in the last one.
    assert (
        found == "…主动公开的政府信息外，公民、法人或者其他组织可以向行政机关<em>申请</em><em>获取</em>相关政府信息。"
    )
    found = snippet(BODY, ["政府信息", "组织"], width=40)
    assert found.startswith("…")
    assert found.endswith("…")
    assert "<em>政府信息</em>" in found
    assert "<em>组织</em>" in found
    plain = re.sub("</?em>", "", found).strip("…")
    assert plain in BODY
    assert len(plain) <= 60


def test_no_hits_gives_the_beginning() -> None:
    found = snippet(BODY, ["养老保险"], width=20)
    assert found == BODY[:20] + "…"


def test_highlight_a_title() -> None:
    assert highlight("關於做好政府信息公開工作的通知", ["政府信息公开", "通知"]) == (
        "關於做好<em>政府信息公開</em>工作的<em>通知</em>"
    )


@settings(max_examples=300)
@given(
    st.text(alphabet="政府信息公开公積金<>&\"' 　\n２0号〔〕[]", max_size=200),
    st.lists(st.sampled_from(["政府", "信息公开", "公积金", "<", "&", "20"]), max_size=3),
)
def test_always_escaped_and_from_the_text(text: str, terms: list[str]) -> None:
    found = snippet(text, terms, width=30)
    without_marks = found.replace("<em>", "").replace("</em>", "")
    assert "<" not in without_marks
    assert ">" not in without_marks
    assert found.count("<em>") == found.count("</em>")
