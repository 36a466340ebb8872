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

Every step leaves digits as they are (full-width digits become the same ASCII digits) and never
touches ordinary parenthesised text such as ``(一)`` or ``(单位:万元)``.
"""

from .changes import Change, RepairKind, RepairResult
from .markup import strip_markup
from .mojibake import find_mojibake
from .pinyin import is_reading_of, remove_pinyin_annotations
from .punctuation import repair_punctuation
from .repair import repair_text
from .simplify import to_simplified
from .width import normalise_width

__all__ = [
    "Change",
    "RepairKind",
    "RepairResult",
    "find_mojibake",
    "is_reading_of",
    "normalise_width",
    "remove_pinyin_annotations",
    "repair_punctuation",
    "repair_text",
    "strip_markup",
    "to_simplified",
]
