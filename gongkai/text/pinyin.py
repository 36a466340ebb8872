"""Removal of pinyin ruby annotations leaked into copied text: ``發(fā)`` → ``發``.

Web pages that show pinyin above characters (ruby) often lose the layout when copied, leaving
each annotated character followed by its reading in brackets. A bracket after a Han character
is removed only when its whole content is a reading of that very character, tone-marked
(``fā``) or plain (``fa``), according to pypinyin's character data completed with the
CC-CEDICT and 现代汉语常用字 readings from pypinyin-dict. Real parentheses stay: ``(一)``,
``(国务院令第711号)``, ``(单位:万元)``, ``手机(app)``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .changes import Change, RepairKind, RepairResult

_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
_PINYIN_LETTERS = "a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜńňǹḿêɡ"
_ANNOTATION = re.compile(
    "(" + _HAN + r")[(（]\s*([" + _PINYIN_LETTERS + r"]{1,7})\s*[)）]",
    re.IGNORECASE,
)


@cache
def _sources() -> tuple[dict[int, str], ...]:
    """The reading tables, imported on first use: importing pypinyin costs ~0.2 s, which every web
    worker and every ``gongkai`` command would otherwise pay at start-up."""
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin_dict.pinyin_data import cc_cedict, kmandarin_8105

    return (pinyin_dict, cc_cedict.pinyin_dict, kmandarin_8105.pinyin_dict)


def _plain(reading: str) -> str:
    """``lǜ`` → ``lv``; ``fā`` → ``fa``."""
    reading = reading.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v").replace("ǚ", "v").replace("ǜ", "v")
    decomposed = unicodedata.normalize("NFD", reading)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def readings(char: str) -> frozenset[str]:
    """Every accepted spelling of ``char``'s readings, lower-case: tone-marked, plain, ü as v/u/ü."""
    found: set[str] = set()
    for source in _sources():
        entry = source.get(ord(char))
        if entry:
            found.update(part.strip().lower() for part in entry.split(",") if part.strip())
    spellings: set[str] = set()
    for reading in found:
        reading = unicodedata.normalize("NFC", reading)
        spellings.add(reading)
        plain = _plain(reading)
        spellings.update({plain, plain.replace("v", "u"), plain.replace("v", "ü")})
    return frozenset(spellings)


def is_reading_of(char: str, text: str) -> bool:
    """Whether ``text`` (tone-marked or plain pinyin) is a reading of the Han character ``char``."""
    candidate = unicodedata.normalize("NFC", text.strip()).lower().replace("ɡ", "g")
    return candidate in readings(char)


def remove_pinyin_annotations(text: str) -> RepairResult:
    """Return ``text`` without pinyin annotations; one change per annotation (``發(fā)`` → ``發``)."""
    if "(" not in text and "（" not in text:
        return RepairResult(text)
    changes: list[Change] = []

    def replace(match: re.Match[str]) -> str:
        char, content = match.group(1), match.group(2)
        if not is_reading_of(char, content):
            return match.group(0)
        changes.append(Change(RepairKind.PINYIN, match.group(0), char))
        return char

    repaired = _ANNOTATION.sub(replace, text)
    return RepairResult(repaired, tuple(changes))
