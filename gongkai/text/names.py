"""Finding an agency by what a citizen types: its name, its short name, or their pinyin.

``name_keys(name, short_name)`` computes once per agency what the query is matched against (the
names folded, their full pinyin and their initials, e.g. 山东省人民政府 → ``shandongshengrenminzhengfu``
and ``sdsrmzf``); ``match_rank(query, keys)`` says how well a query matches — lower is better,
``None`` for no match — so that an exact short name or a name prefix comes before pinyin initials,
and those before a name that merely contains the query. Pure: no Django.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from pypinyin import Style, lazy_pinyin

_NOT_LETTERS = re.compile(r"[\s\W_]+")


@cache
def _load_phrase_data() -> None:
    # Better readings of place names (单县 shànxiàn) than pypinyin's own phrase table.
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    cc_cedict.load()


def fold_query(text: str) -> str:
    """Width (NFKC), case and punctuation folded away: ``ＳＤ 省`` → ``sd省``."""
    return _NOT_LETTERS.sub("", unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True)
class NameKeys:
    names: tuple[str, ...]  # the name and the short name, folded
    full: tuple[str, ...]  # their full pinyin, no spaces or tones
    initials: tuple[str, ...]  # their pinyin initials


@cache
def name_keys(name: str, short_name: str = "") -> NameKeys:
    _load_phrase_data()
    names = tuple(dict.fromkeys(fold_query(text) for text in (name, short_name) if text.strip()))
    full = tuple("".join(lazy_pinyin(text, errors="ignore")) for text in names)
    initials = tuple("".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")) for text in names)
    return NameKeys(names, full, initials)


# Ranks, best first.
EXACT, NAME_PREFIX, INITIALS, PINYIN_PREFIX, CONTAINS = range(5)


def match_rank(query: str, keys: NameKeys) -> int | None:
    """How ``query`` matches an agency's keys (``EXACT`` … ``CONTAINS``), or ``None``."""
    folded = fold_query(query)
    if not folded:
        return None
    if folded in keys.names:
        return EXACT
    if any(name.startswith(folded) for name in keys.names):
        return NAME_PREFIX
    if folded.isascii():
        if any(initials.startswith(folded) for initials in keys.initials):
            return INITIALS
        if any(full.startswith(folded) for full in keys.full):
            return PINYIN_PREFIX
        if len(folded) >= 3 and any(folded in full for full in keys.full):
            return CONTAINS
        return None
    if any(folded in name for name in keys.names):
        return CONTAINS
    return None
