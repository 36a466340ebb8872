"""What a citizen types, taken apart: words, "quoted phrases", -excluded words, ``title:`` (or
``标题:``), and a 文号 in any bracket variant or as its parts (鲁政办发 2024 2). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.text.docnumber import normalise_doc_number, parse_doc_number

from .pipeline import fold

_QUOTES = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’", "《": "》"}
_TITLE = re.compile(r"(?:^|\s)(?:title|标题|題目|题目)\s*[:：]\s*", re.IGNORECASE)
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_PARTS = re.compile(
    rf"^(?P<prefix>[{_HAN}]{{2,12}}?)\s*[〔\[(（【［]?\s*(?P<year>(?:19|20)\d{{2}})\s*[〕\])）】］]?\s*年?\s*"
    r"(?:第?\s*(?P<serial>\d{1,5})\s*号?)?$"
)


_NUMBERED = re.compile(rf"^[{_HAN}]{{2,30}}\s*第?\s*\d{{1,6}}\s*号$")


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # the query as typed, stripped
    words: str = ""  # the free words (folded), phrases and exclusions taken out
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    title_only: bool = False
    doc_number: str = ""  # normal form when the whole query is a 文号
    doc_parts: tuple[str, ...] = ()  # prefix, year (, serial) when typed as parts

    @property
    def blank(self) -> bool:
        return not (self.words or self.phrases or self.doc_number or self.doc_parts)


def _doc_number(folded: str) -> tuple[str, tuple[str, ...]]:
    parsed = parse_doc_number(folded)
    if parsed is not None:
        return parsed.normalised, (parsed.prefix, str(parsed.year), str(parsed.serial))
    if _NUMBERED.search(folded):  # 山东省人民政府令第337号: no year, matched as written
        return fold(normalise_doc_number(folded)), ()
    match = _PARTS.match(folded)
    if match is None or not re.search(r"\s|[〔\[(（【［年第号]", folded):
        return "", ()
    prefix, year, serial = match.group("prefix"), match.group("year"), match.group("serial")
    if serial is None:
        return "", (prefix, year)
    number = f"{prefix}〔{int(year)}〕{int(serial)}号"
    return number, (prefix, year, str(int(serial)))


def parse_query(raw: str) -> ParsedQuery:
    text = raw.strip()
    folded = fold(text)
    title_only = False
    if _TITLE.search(folded):
        title_only = True
        folded = _TITLE.sub(" ", folded).strip()
    number, parts = _doc_number(folded)
    phrases: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(folded):
        char = folded[i]
        closing = _QUOTES.get(char)
        if closing is not None:
            end = folded.find(closing, i + 1)
            if end < 0:  # an unclosed quote: the rest is one phrase
                end = len(folded)
            phrase = folded[i + 1 : end].strip()
            if phrase:
                phrases.append(phrase)
            rest.append(" ")
            i = end + 1
            continue
        rest.append(char)
        i += 1
    words: list[str] = []
    excluded: list[str] = []
    for chunk in "".join(rest).split():
        if chunk.startswith("-") and len(chunk) > 1:
            excluded.append(chunk[1:])
        elif chunk.strip("-"):
            words.append(chunk)
    return ParsedQuery(
        text=text,
        words=" ".join(words),
        phrases=tuple(phrases),
        excluded=tuple(excluded),
        title_only=title_only,
        doc_number=number,
        doc_parts=parts,
    )
