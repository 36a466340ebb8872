"""The repair pipeline for text copied from published documents.

Steps, in order (each one's changes are kept, so a caller can report them):

1. :func:`~gongkai.text.markup.strip_markup` — leftover tags (``</span>``) and entities (``&nbsp;``);
2. :func:`~gongkai.text.width.normalise_width` — full-width digits, letters, spaces → ASCII;
3. :func:`~gongkai.text.pinyin.remove_pinyin_annotations` — ``發(fā)`` → ``發`` (checked against
   the character's readings, so it runs before conversion, on the character as found);
4. :func:`~gongkai.text.simplify.to_simplified` — traditional → simplified (OpenCC t2s);
5. :func:`~gongkai.text.punctuation.repair_punctuation` — ``,,`` ``,、`` ``,。``;
6. :func:`~gongkai.text.mojibake.find_mojibake` — garbled text is reported, not changed.
"""

from __future__ import annotations

from collections.abc import Callable

from .changes import Change, RepairResult
from .markup import strip_markup
from .mojibake import find_mojibake
from .pinyin import remove_pinyin_annotations
from .punctuation import repair_punctuation
from .simplify import to_simplified
from .width import normalise_width

Step = Callable[[str], RepairResult]

STEPS: tuple[Step, ...] = (
    strip_markup,
    normalise_width,
    remove_pinyin_annotations,
    to_simplified,
    repair_punctuation,
    find_mojibake,
)


def repair_text(text: str) -> RepairResult:
    """Run every repair step over ``text``; the result holds the repaired text and all changes."""
    changes: list[Change] = []
    for step in STEPS:
        result = step(text)
        text = result.text
        changes.extend(result.changes)
    return RepairResult(text, tuple(changes))
