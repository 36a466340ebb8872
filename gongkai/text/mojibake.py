"""Detection of garbled text (乱码) that cannot be repaired: reported, never changed.

Counted: the Unicode replacement character ``�`` (bytes that could not be decoded), and a
``?`` standing between a Han character and a pinyin letter or ``!`` (``請?zhí)``, ``三?!``): the
trace of a character lost when a page was converted between encodings. A ``?`` that ends a
question (``是否公开?``) is not counted.
"""

from __future__ import annotations

import re

from .changes import Change, RepairKind, RepairResult

_GARBLED = re.compile(r"\ufffd+|(?<=[\u3400-\u9fff\uf900-\ufaff])\?+(?=[a-zāáǎàēéěèīíǐìōóǒòūúǔù!])")
_CONTEXT = 4


def find_mojibake(text: str) -> RepairResult:
    """Return ``text`` unchanged, with one MOJIBAKE change (before == after: the place with context) per find."""
    if "?" not in text and "\ufffd" not in text:
        return RepairResult(text)
    changes: list[Change] = []
    for match in _GARBLED.finditer(text):
        start, end = max(0, match.start() - _CONTEXT), min(len(text), match.end() + _CONTEXT)
        context = text[start:end]
        changes.append(Change(RepairKind.MOJIBAKE, context, context))
    return RepairResult(text, tuple(changes))
