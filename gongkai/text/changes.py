"""What a repair step changed: the common result type of every step in :mod:`gongkai.text`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class RepairKind(StrEnum):
    """The kinds of repair, one P5 finding each when a document is loaded."""

    MARKUP = "markup"  # leftover HTML tags and entities
    WIDTH = "width"  # full-width digits, letters and spaces; invisible characters
    PINYIN = "pinyin"  # pinyin ruby annotations leaked into the text: 發(fā) → 發
    TRADITIONAL = "traditional"  # traditional → simplified characters (OpenCC t2s)
    PUNCTUATION = "punctuation"  # doubled and stray punctuation: ,, → , and ,、 → 、
    MOJIBAKE = "mojibake"  # garbled characters found (reported, not repairable)


@dataclass(frozen=True)
class Change:
    """One change: ``before`` (as found) became ``after`` (for MOJIBAKE, both are the text found)."""

    kind: RepairKind
    before: str
    after: str


@dataclass(frozen=True)
class RepairResult:
    """The repaired text and every change made, in the order the steps ran."""

    text: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def counts(self) -> Counter[RepairKind]:
        return Counter(change.kind for change in self.changes)

    def of_kind(self, kind: RepairKind) -> list[Change]:
        return [change for change in self.changes if change.kind is kind]
