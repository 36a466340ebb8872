"""Text positions of an HTML body and marks put back into it (gongkai.text.htmlmarks)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.text.htmlmarks import Mark, excerpt, html_text, mark_html


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        ("甲&amp;乙", "甲&乙"),
        ("\n甲\n", "甲"),  # leading and trailing line breaks trimmed
        ("<p>甲&amp;乙</p><p>丙</p>", "甲&乙\n丙"),
        ("<p>甲<br>乙</p>", "甲\n乙"),
        ("<p>甲<br/>乙</p>", "甲\n乙"),
        ("<p>&#x4E2D;&#22269;&nbsp;x&lt;y</p>", "中国\xa0x<y"),
        ("<div><p><strong>加<em>粗</em></strong>字</p></div>", "加粗字"),
        ("<ul><li>一</li><li>二</li></ul>", "一\n二"),
        ("<p>甲<!-- 注释 -->乙</p>", "甲乙"),
        ("<p>a &amp b</p>", "a & b"),  # a reference without its semicolon
        ("<p>甲</p>\n<p>乙</p>", "甲\n\n乙"),  # the source's own line break stays
        ('<p><a href="/x?a=1&amp;b=2" title="a>b">链接</a></p>', "链接"),
    ],
)
def test_the_text_is_what_the_checks_read(html: str, text: str) -> None:
    assert html_text(html).text == text


def _mark(start: int, end: int, ident: str = "m", label: str = "") -> Mark:
    return Mark(start, end, ident=ident, classes="finding error", title="提示", label=label)


@pytest.mark.parametrize(
    ("html", "span", "expected"),
    [
        # plain
        ("<p>依照条列办理</p>", (2, 4), '<p>依照<mark id="m" class="finding error" title="提示">条列</mark>办理</p>'),
        # after entities: positions count decoded characters, the source keeps its references
        (
            "<p>A&amp;B&lt;条列</p>",
            (4, 6),
            '<p>A&amp;B&lt;<mark id="m" class="finding error" title="提示">条列</mark></p>',
        ),
        # a span beginning inside a reference takes the whole reference
        (
            "<p>a&amp;b</p>",
            (1, 3),
            '<p>a<mark id="m" class="finding error" title="提示">&amp;b</mark></p>',
        ),
        # across nested elements: one mark per run of text, the id on the first
        (
            "<p>政府信息<strong>公<em>开</em></strong>条列</p>",
            (2, 8),
            '<p>政府<mark id="m" class="finding error" title="提示">信息</mark><strong>'
            '<mark class="finding error" title="提示">公</mark><em><mark class="finding error" title="提示">开</mark>'
            '</em></strong><mark class="finding error" title="提示">条列</mark></p>',
        ),
        # across paragraphs: the inserted line break is not marked, nor markup between them
        (
            "<p>张</p><p>三</p>",
            (0, 3),
            '<p><mark id="m" class="finding error" title="提示">张</mark></p>'
            '<p><mark class="finding error" title="提示">三</mark></p>',
        ),
        # after a leading block whose line break the text trims
        ("<p></p><p>条列</p>", (0, 2), '<p></p><p><mark id="m" class="finding error" title="提示">条列</mark></p>'),
        # a span past the end is cut at the end; an empty one is left out
        ("<p>条列</p>", (1, 99), '<p>条<mark id="m" class="finding error" title="提示">列</mark></p>'),
        ("<p>条列</p>", (1, 1), "<p>条列</p>"),
        # a tag's attribute holding ">" is no text
        (
            '<p><a href="/x" title="a>b">条列</a></p>',
            (0, 2),
            '<p><a href="/x" title="a>b"><mark id="m" class="finding error" title="提示">条列</mark></a></p>',
        ),
    ],
)
def test_marks_sit_at_their_place(html: str, span: tuple[int, int], expected: str) -> None:
    assert mark_html(html, [_mark(*span)]) == expected


def test_the_label_goes_in_the_last_piece_and_everything_is_escaped() -> None:
    mark = Mark(0, 2, ident='a"b', classes="x<y", title='"><img>', label="<b>建议</b>")
    html = mark_html("<p>甲<b>乙</b></p>", [mark])
    assert html == (
        '<p><mark id="a&quot;b" class="x&lt;y" title="&quot;&gt;&lt;img&gt;">甲</mark>'
        '<b><mark class="x&lt;y" title="&quot;&gt;&lt;img&gt;">乙'
        '<span class="visually-hidden">（&lt;b&gt;建议&lt;/b&gt;）</span></mark></b></p>'
    )


def test_overlapping_marks_the_first_wins_and_neighbours_touch() -> None:
    marks = [_mark(4, 6, "c"), _mark(0, 2, "a"), _mark(1, 3, "b"), _mark(2, 4, "d")]
    html = mark_html("<p>一二三四五六</p>", marks)
    assert re.findall(r'id="(\w)"', html) == ["a", "d", "c"]
    assert "</mark><mark" in html  # a closes before d opens at the same place
    assert _strip(html) == "<p>一二三四五六</p>"


def _strip(html: str) -> str:
    html = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
    return re.sub(r"</?mark[^>]*>", "", html)


PIECES = st.sampled_from(
    ["甲", "乙", "a", " ", "\n", "&amp;", "&lt;", "&#x4E2D;", "&nbsp;", "<p>", "</p>", "<b>", "</b>", "<br>",
     "<li>", "</li>", "<em>", "</em>", "<!-- c -->", "&amp"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join), st.integers(0, 30), st.integers(0, 30))
def test_marking_only_adds_marks_and_they_cover_the_span(html: str, start: int, length: int) -> None:
    text = html_text(html).text
    marked = mark_html(html, [Mark(start, start + length, ident="m")])
    assert _strip(marked) == html
    assert html_text(marked).text == text  # marks are inline: the text is the same
    inside = re.findall(r"<mark[^>]*>(.*?)</mark>", marked, re.DOTALL)
    covered = "".join(html_text(fragment).text for fragment in inside)
    wanted = text[start : start + length]
    # all of the span's words (and more only where a reference decoding to several characters is cut)
    assert "".join(wanted.split()) in "".join(covered.split())
    assert len(covered) <= len(wanted) + 32


@pytest.mark.parametrize(
    ("text", "span", "width", "expected"),
    [
        ("甲乙丙丁戊", (2, 3), 1, ("…乙", "丙", "丁…")),
        ("甲乙丙", (0, 3), 5, ("", "甲乙丙", "")),
        ("第一行\n第二行", (3, 4), 3, ("第一行", " ", "第二行")),
        ("甲 乙\n\n 丙 丁", (3, 7), 2, ("… 乙", " 丙", " 丁")),
        ("短", (5, 9), 2, ("短", "", "")),
    ],
)
def test_excerpt(text: str, span: tuple[int, int], width: int, expected: tuple[str, str, str]) -> None:
    assert excerpt(text, *span, width=width) == expected
