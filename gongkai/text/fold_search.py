"""The one normalisation that the search index and the search query share.

:func:`fold` makes two spellings of the same thing one string, so that a query typed one way
finds a title written the other way:

- full-width letters, digits and ASCII punctuation → half-width (``２０２４`` → ``2024``,
  ``（`` → ``(``), the ideographic and no-break spaces → a space (the ``width`` step's idea,
  widened to the whole full-width block: search drops punctuation anyway);
- invisible characters (zero-width space and joiner, BOM, soft hyphen) dropped;
- traditional → simplified with OpenCC ``t2s`` (the converter of the ``simplify`` step; its
  phrase table keeps 乾隆 and turns 乾燥 into 干燥);
- variant characters (异体字) that ``t2s`` leaves alone, from a small table (峯 → 峰, 羣 → 群,
  囯 → 国, CJK compatibility ideographs → their unified form, ``○`` → ``〇``);
- the brackets of a 文号 year in any variant → 〔〕, as :mod:`gongkai.text.docnumber` writes it
  (``鲁政办字［2024］52号``, ``鲁政办字[2024]第052号`` → ``鲁政办字〔2024〕52号``);
- Latin letters lower-cased; runs of whitespace collapsed to one space, none at the ends.

Every folded character comes from one original character (characters are replaced or dropped,
never inserted), and :func:`fold_map` keeps that way back: a hit found in the folded text is
marked at its place in the original (snippets). ``fold(fold(t)) == fold(t)``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .checks.fold import Folded
from .simplify import _converter

__all__ = ["VARIANTS", "Folded", "fold", "fold_map"]

#: Variant characters (异体字) seen in copied government text that OpenCC ``t2s`` keeps as they
#: are, each with the standard form of 《通用规范汉字表》 (2013). Targets are simplified characters
#: that ``t2s`` and this table leave unchanged, so folding twice changes nothing.
VARIANTS: dict[str, str] = {
    "菓": "果",
    "峯": "峰",
    "羣": "群",
    "敍": "叙",
    "衞": "卫",
    "囯": "国",
    "囬": "回",
    "廻": "回",
    "壻": "婿",
    "踨": "踪",
    "堦": "阶",
    "鍳": "鉴",
    "衹": "只",
    "凖": "准",
    "玅": "妙",
    "凢": "凡",
    "亊": "事",
    "亱": "夜",
    "冐": "冒",
    "冦": "寇",
    "凃": "涂",
    "剏": "创",
    "劒": "剑",
    "劔": "剑",
    "剱": "剑",
    "幚": "帮",
    "廐": "厩",
    "悮": "误",
    "慙": "惭",
    "戱": "戏",
    "戯": "戏",
    "搥": "捶",
    "攷": "考",
    "暱": "昵",
    "朞": "期",
    "栢": "柏",
    "椶": "棕",
    "槪": "概",
    "槩": "概",
    "氷": "冰",
    "渉": "涉",
    "燄": "焰",
    "牋": "笺",
    "犂": "犁",
    "猨": "猿",
    "珎": "珍",
    "畧": "略",
    "畱": "留",
    "疎": "疏",
    "竝": "并",
    "粧": "妆",
    "紥": "扎",
    "緜": "绵",
    "蔴": "麻",
    "覩": "睹",
    "躭": "耽",
    "隄": "堤",
    "銲": "焊",
    "○": "〇",  # white circle typed for the zero of 二〇二四年
    "◯": "〇",
}

_DROP = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = "\u3000\u00a0\u2002\u2003\u2009\u202f\u205f\u1680"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# A 文号 year in brackets followed by its serial: ［2024］52号, (2024) 第 052 号, 〔 2024 〕5号.
# The bracket characters are the folded forms of docnumber's variants (full-width ones are
# already half-width here).
_OPEN = "〔[(【﹝〖『「<《{"
_CLOSE = "〕])】﹞〗』」>》}"
_DOC_NUMBER = re.compile(
    rf"[{re.escape(_OPEN)}]\s*(?P<year>(?:19|20)\d\d)\s*[{re.escape(_CLOSE)}]"
    r"\s*(?P<di>第?)\s*(?P<zeros>0*)(?P<serial>\d{1,6})\s*号"
)
# Spaces between a 机关代字 and the bracket go: 鲁政发 〔2024〕5号 → 鲁政发〔2024〕5号.
_LEAD = re.compile(rf"(?<=[{_HAN}])\s+(?=〔\d{{4}}〕\d+号)")
_WHITESPACE = re.compile(r"\s+")
# Whitespace that folding changes: a run, any whitespace but a plain space, or one at an end.
_NEEDS_COLLAPSE = re.compile(r"\s\s|[^\S ]|^\s|\s$")


@cache
def _table() -> dict[int, str]:
    """Character by character: width, ASCII case, spaces, invisible characters, variants."""
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # the full-width forms of ASCII ! … ~
        table[code] = chr(code - 0xFEE0).lower()
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    for char in _SPACES:
        table[ord(char)] = " "
    for char in _DROP:
        table[ord(char)] = ""
    for code in range(0xF900, 0xFB00):  # CJK compatibility ideographs → the unified character
        char = chr(code)
        unified = unicodedata.normalize("NFKC", char)
        if len(unified) == 1 and unified != char and "\u3400" <= unified <= "\u9fff":
            table[code] = unified
    for before, after in VARIANTS.items():
        table[ord(before)] = after
    return table


@cache
def _t2s_chars() -> dict[int, str]:
    """Single-character t2s, for a text whose phrase conversion changed its length (rare)."""
    from .checks.fold import _table as check_table

    return {code: after for code, after in check_table().items() if ord(after) > 0x2E80}


@cache
def _sequence_table() -> list[int | None]:
    """:func:`_table` as a list indexed by code point: ``str.translate`` walks it several times
    faster than a dict. Code points past the list (outside the BMP) are kept."""
    table: list[int | None] = list(range(0x10000))
    for code, after in _table().items():
        table[code] = ord(after) if after else None
    return table


def _simplified(text: str) -> str:
    if text.isascii():
        return text
    converted: str = _converter().convert(text)
    if len(converted) != len(text):  # keep one character for one: convert by character
        converted = text.translate(_t2s_chars())
    return converted


def _doc_number(match: re.Match[str]) -> str:
    return f"〔{match.group('year')}〕{match.group('serial')}号"


def _after_characters(folded: str) -> str:
    """The steps after the character table: 文号 brackets, then whitespace."""
    if "号" in folded:
        folded, count = _DOC_NUMBER.subn(_doc_number, folded)
        if count:
            folded = _LEAD.sub("", folded)
    return _WHITESPACE.sub(" ", folded).strip()


def fold(text: str) -> str:
    """The folded ``text`` (see the module doc): what the index stores and the query looks up."""
    return _after_characters(_simplified(text).translate(_sequence_table()))


def fold_map(text: str) -> Folded:
    """:func:`fold` with the way back: ``result.span(i, j)`` is the original span of folded
    ``[i, j)``. ``fold_map(t).text == fold(t)``. Each step keeps a list of the indices it kept
    (built with ``range`` runs, not per character, so a 5 KB body maps in well under a
    millisecond); a step that kept everything keeps no list."""
    simplified = _simplified(text)
    translated = simplified.translate(_sequence_table())
    origin: list[int] | None = None
    if len(translated) != len(simplified):  # invisible characters were dropped
        table = _table()
        origin = [index for index, char in enumerate(simplified) if table.get(ord(char), char)]
    result = _after_characters(translated)
    if len(result) == len(translated):  # every later step replaced one character by one
        return Folded(result, text, tuple(origin) if origin is not None else None)
    folded = translated
    if "号" in folded:
        pieces: list[str] = []
        kept: list[int] = []
        last = 0
        for match in _DOC_NUMBER.finditer(folded):
            start = match.start()
            lead = start
            while lead > last and folded[lead - 1].isspace():
                lead -= 1
            if lead < start and lead > 0 and _HAN_CHAR.match(folded[lead - 1]):
                start = lead  # the spaces between a 机关代字 and the bracket go (as _LEAD does)
            pieces.append(folded[last:start])
            kept.extend(range(last, start))
            year_start, year_end = match.span("year")
            serial_start, serial_end = match.span("serial")
            pieces.append(f"〔{match.group('year')}〕{match.group('serial')}号")
            kept.append(_bracket(folded, match, opening=True))
            kept.extend(range(year_start, year_end))
            kept.append(_bracket(folded, match, opening=False))
            kept.extend(range(serial_start, serial_end))
            kept.append(match.end() - 1)
            last = match.end()
        if pieces:
            pieces.append(folded[last:])
            kept.extend(range(last, len(folded)))
            folded = "".join(pieces)
            origin = _compose(origin, kept)
    if _NEEDS_COLLAPSE.search(folded):
        pieces = []
        kept = []
        last = 0
        for match in _WHITESPACE.finditer(folded):
            start, end = match.span()
            pieces.append(folded[last:start])
            kept.extend(range(last, start))
            pieces.append(" ")
            kept.append(start)
            last = end
        pieces.append(folded[last:])
        kept.extend(range(last, len(folded)))
        joined = "".join(pieces)
        head = 1 if joined.startswith(" ") else 0
        tail = 1 if joined.endswith(" ") and len(joined) > head else 0
        folded = joined[head : len(joined) - tail]
        origin = _compose(origin, kept[head : len(kept) - tail])
    return Folded(folded, text, tuple(origin) if origin is not None else None)


def _compose(first: list[int] | None, then: list[int]) -> list[int]:
    """The original indices of ``then`` (indices into a text whose own origin is ``first``)."""
    return then if first is None else [first[index] for index in then]


_HAN_CHAR = re.compile(f"[{_HAN}]")


def _bracket(folded: str, match: re.Match[str], *, opening: bool) -> int:
    """The index in ``folded`` of the bracket before (``opening``) or after the year."""
    if opening:
        index = match.start("year") - 1
        while folded[index].isspace():
            index -= 1
        return index
    index = match.end("year")
    while folded[index].isspace():
        index += 1
    return index
