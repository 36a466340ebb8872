"""The text pipeline as search uses it (gongkai.text: fold, segment, pinyin keys, synonyms,
correction, snippets): one import point for the search app."""

from __future__ import annotations

from gongkai.text.correct import Correction, Corrector
from gongkai.text.fold_search import fold
from gongkai.text.pinyin_keys import looks_like_pinyin, split_syllables
from gongkai.text.segment import gov_terms, segmenter
from gongkai.text.snippet import snippet
from gongkai.text.synonyms import Expansion, Synonyms, starter_pairs

__all__ = [
    "Correction",
    "Corrector",
    "Expansion",
    "Synonyms",
    "fold",
    "gov_terms",
    "looks_like_pinyin",
    "segmenter",
    "snippet",
    "split_syllables",
    "starter_pairs",
]
