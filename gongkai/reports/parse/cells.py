"""Cells of a read table: matching keys for labels, numbers out of cell strings, label/value split.

The source text is already repaired (simplified characters, punctuation normalised); what is left
here is the damage copying does to tables: header words split by spaces, stray brackets and
enumerators, blank cells, padding cells at a row's end, missing label cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cached_property, lru_cache

from ..model import Number

# Everything that is not part of a label's wording: spaces, brackets, punctuation, enumerators' dots.
_NOT_WORDING = re.compile(r"[\s\u3000()（）\[\]【】{}<>〈〉《》「」『』,，、.。．:：;；!！?？“”\"'‘’\-—–_/|·…~～*]+")
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:件|个|项|条|次|家|人|万元)?$")
_PLACEHOLDERS = frozenset({"", "无", "空", "x", "×", "/", "／"})


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """A label's wording without spaces and punctuation: ``"(三)不予 公开"`` → ``"三不予公开"``."""
    return _NOT_WORDING.sub("", text)


class CellKind(Enum):
    BLANK = "blank"  # empty or a placeholder such as "—" or "无"
    NUMBER = "number"
    TEXT = "text"


_NOISE = re.compile(r"^[?？\ufffd]+(?=\d)")  # mojibake left before a digit ("? 0")


@lru_cache(maxsize=8192)
def kind(cell: str) -> CellKind:
    stripped = _NOISE.sub("", cell.strip().replace(" ", ""))
    if _NUMBER.match(stripped):
        return CellKind.NUMBER
    if key(stripped).lower() in _PLACEHOLDERS:
        return CellKind.BLANK
    return CellKind.TEXT


@lru_cache(maxsize=8192)
def number(cell: str, *, money: bool = False) -> Number:
    """The number in a cell, or None when it holds none. Money (万元) is always a Decimal."""
    match = _NUMBER.match(_NOISE.sub("", cell.strip().replace(" ", "")))
    if match is None:
        return None
    sign, whole, fraction = match.groups()
    text = sign + whole.replace(",", "") + (fraction or "")
    if money or fraction:
        return Decimal(text)
    return int(text)


@dataclass(frozen=True)
class Row:
    """One table row as found: its cells and the source line, where known."""

    cells: tuple[str, ...]
    line: int | None = None

    @cached_property
    def has_number(self) -> bool:
        return any(kind(cell) is CellKind.NUMBER for cell in self.cells)

    @cached_property
    def text_key(self) -> str:
        return key("".join(self.cells))

    def split(self) -> tuple[list[str], list[str]]:
        """Label cells (text before the first number) and the value cells after the last label.

        Trailing empty cells are padding and dropped; a value that is blank in the middle stays "".
        """
        cells = list(self.cells)
        first_number = next((i for i, c in enumerate(cells) if kind(c) is CellKind.NUMBER), len(cells))
        label_positions = [i for i in range(first_number) if kind(cells[i]) is CellKind.TEXT]
        labels = [cells[i] for i in label_positions]
        start = label_positions[-1] + 1 if label_positions else 0
        values = cells[start:]
        while values and not values[-1].strip():
            values.pop()
        return labels, values


def fit(values: list[str], width: int) -> tuple[list[str], int]:
    """Values fitted to ``width`` positions: surplus leading blanks dropped (an empty label cell).

    Returns the values (at most ``width``) and how many positions are absent at the end.
    """
    values = list(values)
    while len(values) > width and kind(values[0]) is CellKind.BLANK:
        values.pop(0)
    values = values[:width]
    return values, width - len(values)


def where_line(row: Row) -> str:
    return f"(原文第{row.line}行)" if row.line is not None else ""
