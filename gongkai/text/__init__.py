"""Chinese text utilities shared by search and reports (pure Python, no Django).

Public API (stable names):

- :func:`repair_text` ``(text) -> RepairResult`` — the whole repair pipeline for text copied
  from published documents: markup and entities removed, full-width digits/letters/space made
  ASCII, pinyin annotations removed (``發(fā)`` → ``發``, checked with pypinyin's readings),
  traditional → simplified (OpenCC t2s), doubled/stray punctuation repaired, garbled text found.
- :class:`RepairResult` ``(text, changes)`` — the text and a tuple of :class:`Change`
  ``(kind, before, after)``; ``counts()`` gives the number of changes per :class:`RepairKind`.
- The single steps, each ``(text) -> RepairResult``: :func:`strip_markup`,
  :func:`normalise_width`, :func:`remove_pinyin_annotations`, :func:`to_simplified`,
  :func:`repair_punctuation`, :func:`find_mojibake`; and :func:`is_reading_of` ``(char, text)``.

Search (the pipeline shared by the index and the query; see docs/search-segmentation.md):

- :func:`fold` ``(text) -> str`` — width, traditional → simplified, variant characters, 文号
  brackets → 〔〕, Latin lower-cased, whitespace collapsed; idempotent. :func:`fold_map` keeps
  the way back to the original positions (a :class:`Folded`).
- :func:`segmenter` ``() -> Segmenter`` — one per process (rjieba with the government terms of
  ``data/gov_terms.txt``); ``index_tokens`` (search mode), ``query_tokens`` (precise mode; always
  among the index tokens of the same text), ``title_unigrams``, ``add_words``.
- :mod:`~gongkai.text.pinyin_keys`: ``full`` (社会保险 → shehuibaoxian), ``initials`` (shbx),
  ``split_syllables`` (shebaobuzhu → she bao bu zhu), ``looks_like_pinyin``, ``looks_like_initials``.
- :class:`Synonyms` ``(pairs)`` with ``expansions(folded_query) -> list[Expansion]`` (plain →
  official, 生孩子 → 生育); :func:`starter_pairs` — the list of ``data/synonyms.tsv``.
- :class:`Corrector` ``(vocabulary)`` with ``propose(query) -> Correction | None`` (kinds
  pinyin, homophone, shape, edit); :func:`build_vocabulary` makes the vocabulary from texts.
- :func:`snippet` ``(text, terms, width=120)`` and :func:`highlight` ``(text, terms)`` — escaped
  HTML with ``<em>`` hits, found folded, marked in the original.

Every step leaves digits as they are (full-width digits become the same ASCII digits) and never
touches ordinary parenthesised text such as ``(一)`` or ``(单位:万元)``.
"""

from .changes import Change, RepairKind, RepairResult
from .correct import Correction, Corrector, build_vocabulary
from .fold_search import Folded, fold, fold_map
from .markup import strip_markup
from .mojibake import find_mojibake
from .pinyin import is_reading_of, remove_pinyin_annotations
from .punctuation import repair_punctuation
from .repair import repair_text
from .segment import Segmenter, segmenter
from .simplify import to_simplified
from .snippet import highlight, snippet
from .synonyms import Expansion, Synonyms, starter_pairs
from .width import normalise_width

__all__ = [
    "Change",
    "Correction",
    "Corrector",
    "Expansion",
    "Folded",
    "RepairKind",
    "RepairResult",
    "Segmenter",
    "Synonyms",
    "build_vocabulary",
    "find_mojibake",
    "fold",
    "fold_map",
    "highlight",
    "is_reading_of",
    "normalise_width",
    "remove_pinyin_annotations",
    "repair_punctuation",
    "repair_text",
    "segmenter",
    "snippet",
    "starter_pairs",
    "strip_markup",
    "to_simplified",
]
