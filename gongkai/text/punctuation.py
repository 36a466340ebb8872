"""Repair of doubled and stray punctuation left by copying: ``,,`` → ``,``, ``,、`` → ``、``, ``,。`` → ``。``.

Rules, in this order, each applied to the whole text:

1. A run of the same comma, enumeration comma, full stop or semicolon (``,,`` ``，，`` ``、、``
   ``。。`` ``；；`` ``;;``) becomes one mark. Ellipses (``……``, ``...``) and dashes (``——``)
   are not touched; neither are ``!!``/``??``/``::``.
2. A comma directly before another clause mark (``、 。 ； ; ： ！ ？``) is dropped: the
   other mark is the one meant (``一,、总体情况`` → ``一、总体情况``).
3. A comma directly after ``、`` or ``。`` is dropped (``要求。,编制`` → ``要求。编制``).

Digits are never touched: a comma between digits (``1,000``) is a single mark, and no rule
removes a character other than a comma or a repeated mark.
"""

from __future__ import annotations

import re

from .changes import Change, RepairKind, RepairResult

_DOUBLED = re.compile(r"([,，、。；;])\1+")
_COMMA_BEFORE_MARK = re.compile(r"[,，]+([、。；;：！？])")
_COMMA_AFTER_MARK = re.compile(r"([、。])[,，]+")


def repair_punctuation(text: str) -> RepairResult:
    """Return ``text`` with doubled and stray punctuation repaired; one change per repair."""
    changes: list[Change] = []

    def keep_group(match: re.Match[str]) -> str:
        changes.append(Change(RepairKind.PUNCTUATION, match.group(0), match.group(1)))
        return match.group(1)

    repaired = text
    for pattern in (_DOUBLED, _COMMA_BEFORE_MARK, _COMMA_AFTER_MARK):
        repaired = pattern.sub(keep_group, repaired)
    return RepairResult(repaired, tuple(changes))
