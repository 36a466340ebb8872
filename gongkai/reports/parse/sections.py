"""The six sections of an annual report, found by their numbered titles (with the known variants).

A title is a short paragraph "一、总体情况" … "六、其他需要报告的事项"; published reports vary the
wording (行政机关主动公开政府信息情况; 因政府信息公开工作被申请行政复议、提起行政诉讼情况), so each
section is recognised by its numeral and a few words of its title. Sections are taken in order: a
later numbered paragraph is a title only if its number is greater than the last title found, so
"二、上年结转…" inside a table or an "二、" list inside section 一 is not mistaken for a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.files import Block, BlockKind, SourceDocument

from .cells import Row

_NUMERALS = "一二三四五六"
_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、,，.．\s]+\s*(\S.{1,45})$")
_TITLE_WORDS: dict[str, re.Pattern[str]] = {
    "1": re.compile(r"总体情况|概述|基本情况|总体概况|总体工作情况|基本概况|工作概况"),
    "2": re.compile(r"主动公开.*情况"),
    "3": re.compile(r"(收到|受理).*(处理|办理).*申请|申请.*情况"),
    "4": re.compile(r"复议|诉讼"),
    "5": re.compile(r"问题.*改进|主要问题|存在.*问题"),
    "6": re.compile(r"其他.*事项|需要报告"),
}


@dataclass
class Section:
    number: str  # "1" … "6"
    title: str
    line: int | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(block.as_text() for block in self.blocks)

    @property
    def rows(self) -> list[Row]:
        """Every table row in the section, in order, each with its source line where known."""
        return table_rows(self.blocks)


@dataclass
class Layout:
    """A document cut at its section titles: the part before section 一, then the sections found."""

    preamble: list[Block]
    sections: dict[str, Section]


def table_rows(blocks: list[Block]) -> list[Row]:
    rows: list[Row] = []
    for block in blocks:
        if block.kind is not BlockKind.TABLE:
            continue
        for offset, cells in enumerate(block.rows):
            line = block.line + offset if block.line is not None else None
            rows.append(Row(tuple(cells), line))
    return rows


def heading_number(text: str, after: int) -> str | None:
    """The section number ("1"–"6") if ``text`` is a section title numbered above ``after``."""
    match = _HEADING.match(text)
    if match is None:
        return None
    number = str(_NUMERALS.index(match.group(1)) + 1)
    if int(number) <= after or not _TITLE_WORDS[number].search(match.group(2)):
        return None
    return number


def split_sections(doc: SourceDocument) -> Layout:
    preamble: list[Block] = []
    sections: dict[str, Section] = {}
    current: Section | None = None
    last = 0
    for block in doc.blocks:
        if block.kind is BlockKind.PARAGRAPH and len(block.text) <= 50:
            number = heading_number(block.text, last)
            if number is not None:
                current = Section(number, block.text.strip(), block.line)
                sections[number] = current
                last = int(number)
                continue
        if current is None:
            preamble.append(block)
        else:
            current.blocks.append(block)
    return Layout(preamble, sections)
