"""Fold a text for matching, keeping the way back to the original positions.

Checks match dictionaries against a folded copy of the text: full-width letters and digits made
ASCII, ASCII letters lower-cased, traditional characters simplified (character by character, with
the table of OpenCC's ``t2s`` for single characters) and invisible characters (zero-width space,
joiner, BOM, soft hyphen) dropped. Every folded character comes from exactly one original
character, so ``Folded.span`` maps a match back to the original text: a finding shows at its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import opencc

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE}]")
# CJK Unified Ideographs, Extension A and the compatibility block: where traditional forms live.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@cache
def _table() -> dict[int, str]:
    """One translation table: width, ASCII case, single-character traditional → simplified."""
    table: dict[int, str] = {}
    # Full-width digits and letters only: full-width punctuation (，。（）) is correct Chinese and
    # dictionary terms are written with it.
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        for code in range(start, end + 1):
            table[code] = chr(code - 0xFEE0).lower()
    table[0x3000] = " "
    table[0x00A0] = " "
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    converter = opencc.OpenCC("t2s.json")
    chars = "".join(chr(code) for start, end in _CJK_RANGES for code in range(start, end + 1))
    converted = converter.convert(chars)
    if len(converted) == len(chars):  # t2s maps single characters one to one
        for before, after in zip(chars, converted, strict=True):
            if before != after:
                table[ord(before)] = after
    else:  # never seen; fall back to converting character by character
        for before in chars:
            after = converter.convert(before)
            if after != before and len(after) == 1:
                table[ord(before)] = after
    return table


@dataclass(frozen=True)
class Folded:
    """The folded text; ``origin[i]`` is the original index of folded character ``i`` (``None``:
    the same index, nothing was dropped)."""

    text: str
    original: str
    origin: tuple[int, ...] | None = None

    def start(self, index: int) -> int:
        return index if self.origin is None else self.origin[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of the folded ``[start, end)`` (``end`` > ``start``)."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


@cache
def _sequence_table() -> list[int]:
    # str.translate walks a list indexed by code point several times faster than a dict; code
    # points past the list (outside the BMP) raise IndexError, which translate takes as "keep".
    table = list(range(0x10000))
    for code, after in _table().items():
        table[code] = ord(after)
    return table


def fold(text: str) -> Folded:
    """Fold ``text`` (see the module doc); a text with no invisible characters keeps its length."""
    folded = text.translate(_sequence_table())
    if not _INVISIBLE_RUN.search(folded):
        return Folded(folded, text)
    kept = [index for index, char in enumerate(folded) if char not in _INVISIBLE]
    return Folded("".join(folded[index] for index in kept), text, tuple(kept))
