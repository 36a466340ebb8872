"""The text pipeline as search uses it (gongkai.text: fold, segment, pinyin keys, synonyms,
correction, snippets) — one import point, so that the engine side has one place to look.

Temporary: until the pipeline modules land on main, each name falls back to a small stand-in.
"""

from __future__ import annotations

import html
import importlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gongkai.text.fold_search import fold
from gongkai.text.segment import gov_terms, segmenter


def _real(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


__all__ = [
    "Corrector",
    "Synonyms",
    "fold",
    "gov_terms",
    "looks_like_pinyin",
    "segmenter",
    "snippet",
    "split_syllables",
    "starter_pairs",
]


def _full_fallback(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="ignore")).lower()


def _initials_fallback(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(p[:1] for p in lazy_pinyin(text, style=Style.NORMAL, errors="ignore")).lower()


_PINYIN_ONLY = re.compile(r"^[a-z ]{2,40}$")


def _looks_like_pinyin_fallback(query: str) -> bool:
    return bool(_PINYIN_ONLY.match(query.strip().lower()))


def _split_syllables_fallback(text: str) -> list[str] | None:
    return None


split_syllables: Any = _real("gongkai.text.pinyin_keys", "split_syllables") or _split_syllables_fallback
pinyin_full: Any = _real("gongkai.text.pinyin_keys", "full") or _full_fallback
pinyin_initials: Any = _real("gongkai.text.pinyin_keys", "initials") or _initials_fallback
looks_like_pinyin: Any = _real("gongkai.text.pinyin_keys", "looks_like_pinyin") or _looks_like_pinyin_fallback


@dataclass(frozen=True)
class _Expansion:
    plain: str
    official: tuple[str, ...]


class _FallbackSynonyms:
    def __init__(self, pairs: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        self.pairs = sorted(pairs, key=lambda pair: -len(pair[0]))

    def expansions(self, folded_query: str) -> list[_Expansion]:
        return [_Expansion(plain, official) for plain, official in self.pairs if plain in folded_query]


def _starter_pairs_fallback() -> list[tuple[str, tuple[str, ...]]]:
    return [("生孩子", ("生育",)), ("退休金", ("养老金",)), ("开饭店", ("餐饮服务许可",)), ("摆地摊", ("流动摊贩",))]


Synonyms: Any = _real("gongkai.text.synonyms", "Synonyms") or _FallbackSynonyms
starter_pairs: Any = _real("gongkai.text.synonyms", "starter_pairs") or _starter_pairs_fallback


class _FallbackCorrector:
    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self.vocabulary = vocabulary

    def propose(self, query: str) -> Any:
        return None


Corrector: Any = _real("gongkai.text.correct", "Corrector") or _FallbackCorrector


def _snippet_fallback(text: str, terms: Sequence[str], width: int = 120) -> str:
    folded = text
    best = -1
    for term in terms:
        at = folded.find(term)
        if at >= 0 and (best < 0 or at < best):
            best = at
    start = max(best - width // 3, 0) if best >= 0 else 0
    part = html.escape(text[start : start + width])
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        escaped = html.escape(term)
        part = part.replace(escaped, f"<em>{escaped}</em>")
    return part


snippet: Any = _real("gongkai.text.snippet", "snippet") or _snippet_fallback
