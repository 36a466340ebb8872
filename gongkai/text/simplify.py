"""Traditional → simplified characters with the official OpenCC binding, configuration ``t2s``.

``t2s`` only converts characters and fixed phrases; it does not rewrite mainland vocabulary
(``tw2sp`` would turn 文件 into 文档). One converter is made per process, on first use.
"""

from __future__ import annotations

import difflib
from functools import cache

import opencc

from .changes import Change, RepairKind, RepairResult


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> RepairResult:
    """Return ``text`` in simplified characters; one change per run of converted characters."""
    if text.isascii():
        return RepairResult(text)
    converted: str = _converter().convert(text)
    if converted == text:
        return RepairResult(text)
    changes: list[Change] = []
    if len(converted) == len(text):
        start = -1
        for index, (old, new) in enumerate(zip(text, converted, strict=True)):
            if old != new:
                if start < 0:
                    start = index
            elif start >= 0:
                changes.append(Change(RepairKind.TRADITIONAL, text[start:index], converted[start:index]))
                start = -1
        if start >= 0:
            changes.append(Change(RepairKind.TRADITIONAL, text[start:], converted[start:]))
    else:  # a phrase conversion changed the length: align the two texts
        matcher = difflib.SequenceMatcher(None, text, converted, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                changes.append(Change(RepairKind.TRADITIONAL, text[i1:i2], converted[j1:j2]))
    return RepairResult(converted, tuple(changes))
